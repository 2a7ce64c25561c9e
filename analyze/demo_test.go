package analyze_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/demo"
	"outagelens/data/store/storetest"
	"outagelens/ingest"
)

// TestDemoScenario ingests the bundled demo logs and checks the analyses against
// the generator's ground truth (data/demo/truth.json, computed from the same plan
// the logs were rendered from; SCENARIO.md tells it in words): every outage
// window is found with its cause, and nothing else is; wb-ration's month-end
// concentration is significant; the disk forecast matches the trend; the
// launch-day orphans and the queued reconnections are counted.
func TestDemoScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 13 months of demo logs")
	}
	var truth demo.Truth
	b, err := os.ReadFile("../data/demo/truth.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &truth))
	ctx := context.Background()
	db := storetest.Memory(t)
	_, err = ingest.Logs(ctx, db, []string{"../data/demo/logs"}, ingest.Options{Location: analyze.IST})
	require.NoError(t, err)
	_, err = analyze.Run(ctx, db, analyze.Options{})
	require.NoError(t, err)

	type inc struct {
		start, end time.Time
		cause      string
	}
	found := map[string][]inc{}
	rows, err := db.Query(ctx, `SELECT service_id, start_minute, end_minute, cause FROM result_incidents ORDER BY service_id, start_minute`)
	require.NoError(t, err)
	for _, r := range scanAll(t, rows) {
		found[r[0].(string)] = append(found[r[0].(string)], inc{time.Unix(r[1].(int64)*60, 0), time.Unix(r[2].(int64)*60, 0), r[3].(string)})
	}
	wantCause := map[string]string{"unreachable": "unknown", "server_down": "unknown", "storage_full": "storage_full", "load_surge": "load_surge"}
	var windows int
	worstEdge := map[string]time.Duration{}
	for _, w := range truth.Windows {
		if w.Kind != demo.KindOutage {
			continue
		}
		windows++
		var match *inc
		for i, f := range found[w.Service] {
			if f.start.Before(w.End) && w.Start.Before(f.end) {
				require.Nil(t, match, "%s %s: two incidents for one outage window", w.Service, w.Start)
				match = &found[w.Service][i]
			}
		}
		require.NotNil(t, match, "%s outage %s-%s not found", w.Service, w.Start, w.End)
		require.Equal(t, wantCause[w.Cause], match.cause, "%s %s: cause", w.Service, w.Start)
		edge := max(absDur(match.start.Sub(w.Start)), absDur(match.end.Sub(w.End)))
		worstEdge[w.Service] = max(worstEdge[w.Service], edge)
	}
	// Probes (wb-ration, the smart meter) and dense 5xx (the launch) give exact
	// edges; the CHIPS bursts come in sparse traffic, where a first or last minute
	// with fewer than 3 requests is unknown rather than down.
	for svc, d := range worstEdge {
		limit := time.Duration(0)
		if svc == "cg-chips-lsk" {
			limit = 5 * time.Minute
		}
		require.LessOrEqual(t, d, limit, "%s: incident edges off by %s", svc, d)
		t.Logf("%s: worst incident edge off the truth by %s", svc, d)
	}
	var total int
	for _, fs := range found {
		total += len(fs)
	}
	require.Equal(t, windows, total, "every incident is a true outage window, and no two share one")

	var rr, lo, p float64
	require.NoError(t, db.QueryRow(ctx, `SELECT incident_rate_ratio, ci_low, p_value FROM result_monthend
		WHERE service_id = 'wb-ration' AND source = 'monitoring'`).Scan(&rr, &lo, &p))
	t.Logf("wb-ration month end: incident rate ratio %.2f, 95%% from %.2f, p = %.2g", rr, lo, p)
	require.Greater(t, lo, 1.0)
	require.Less(t, p, 0.05)

	var d90 float64
	var lastBreak time.Time
	var breaks int64
	require.NoError(t, db.QueryRow(ctx, `SELECT days_to_90, last_break, breaks FROM result_saturation
		WHERE service_id = ? AND host = ? AND resource = ?`, truth.Storage.Service, truth.Storage.Host, truth.Storage.Resource).
		Scan(&d90, &lastBreak, &breaks))
	t.Logf("disk: %.1f days to 90%% (truth %.1f), last break %s", d90, truth.Storage.DaysTo90, lastBreak.In(analyze.IST))
	require.InDelta(t, truth.Storage.DaysTo90, d90, 0.05*truth.Storage.DaysTo90, "days to 90% within 5% of the truth")
	require.EqualValues(t, len(truth.Storage.Breaks), breaks)
	require.True(t, lastBreak.Equal(truth.Storage.Breaks[len(truth.Storage.Breaks)-1].Time), "last break %s", lastBreak)

	var orphans int64
	require.NoError(t, db.QueryRow(ctx, `SELECT count(*) FROM result_promise_cases
		WHERE service_id = 'cg-csmcl-booking' AND promise_id = 'refund-4h' AND status = 'never_completed'`).Scan(&orphans))
	require.EqualValues(t, truth.Launch.Orphaned, orphans, "payments with neither a confirmation nor a refund")

	var worst float64
	for _, r := range truth.Reconnections {
		worst = max(worst, r.DelayMinutes)
	}
	var gotWorst float64
	require.NoError(t, db.QueryRow(ctx, `SELECT max_minutes FROM result_promises WHERE service_id = 'mp-rewa-smartmeter'`).Scan(&gotWorst))
	require.InDelta(t, worst, gotWorst, 1e-3, "worst reconnection delay")
	t.Logf("worst reconnection %s (truth %s)", fmtMinutes(gotWorst), fmtMinutes(worst))
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func fmtMinutes(m float64) string { return fmt.Sprintf("%.1f min", m) }
