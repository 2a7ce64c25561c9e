package analyze_test

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/realdata"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

const githubTransitions = "outage-corpora/githubstatus-component-transitions-2020-2026.csv.gz"

// loadGitHubStatus loads the GitHub component status history into status_changes
// as service "github": one row per change, at the status page's updated_at (when
// the scrape found the change, the page had been updated at that time, which is
// at or after the change and before the scrape). Components are named by their
// latest name, since GitHub renamed some ("GitHub Actions" became "Actions") but
// kept their ids. The informational pseudo-component "Visit www.githubstatus.com
// for more information" is not a part of GitHub and is left out. (The ingest
// format for status histories is being built on the logs branch; this test loads
// the file directly.)
func loadGitHubStatus(t testing.TB, db *store.DB, path string) {
	t.Helper()
	_, err := db.Exec(context.Background(), `
		INSERT INTO status_changes (source_id, line, service_id, component, ts, status, prev_status)
		WITH raw AS (
		    SELECT row_number() OVER () AS line, * FROM read_csv(?, header = true, all_varchar = true)
		),
		names AS (
		    SELECT component_id, arg_max(component, commit_time) AS name FROM raw GROUP BY ALL
		)
		SELECT 1, r.line, 'github', n.name, r.page_updated_at::TIMESTAMPTZ, r.status, nullif(r.prev_status, '')
		FROM raw r JOIN names n USING (component_id)
		WHERE NOT starts_with(r.component, 'Visit ')`, path)
	require.NoError(t, err)
}

// TestGitHubStatusHistory runs the month-end and reliability analyses on the
// GitHub component status history 2020-2026, data no one here wrote, and checks
// them against a plain Go reading of the same CSV: per component, the minutes in
// partial or major outage; for the service, that overlapping components are not
// counted twice. It prints the findings the README quotes:
//
//	go test ./analyze -run TestGitHubStatusHistory -v
func TestGitHubStatusHistory(t *testing.T) {
	path := realdata.Path(t, githubTransitions)
	ctx := context.Background()
	db := storetest.Memory(t)
	loadGitHubStatus(t, db, path)
	_, err := analyze.Run(ctx, db, analyze.Options{Location: time.UTC, Catalog: mustCatalog(t, ""), Force: true})
	require.NoError(t, err)

	// Go reading: per component, minutes down (partial_outage or major_outage) from
	// a change to the next change of that component, or to the last change of all.
	want := githubDownMinutes(t, path)
	rows, err := db.Query(ctx, `SELECT component, sum(down_minutes)::BIGINT, sum(up_minutes)::BIGINT, 100.0 * sum(up_minutes) / sum(up_minutes + down_minutes),
		sum(major_outage_minutes)::BIGINT, sum(incidents)::BIGINT
		FROM result_components GROUP BY ALL ORDER BY 4, 1`)
	require.NoError(t, err)
	var maxComponent, sumComponents int64
	got := map[string]bool{}
	t.Logf("least available GitHub components, Nov 2020 - Aug 2026 (partial or major outage counts as down):")
	t.Logf("%-28s %10s %10s %10s %9s", "component", "avail %", "down h", "major h", "incidents")
	for _, r := range scanAll(t, rows) {
		name, down := r[0].(string), toInt(r[1])
		got[name] = true
		require.Equal(t, want[name], down, "component %s: down minutes, SQL vs Go", name)
		maxComponent, sumComponents = max(maxComponent, down), sumComponents+down
		t.Logf("%-28s %10.3f %10.1f %10.1f %9d", name, r[3].(float64), float64(down)/60, float64(toInt(r[4]))/60, toInt(r[5]))
	}
	require.Len(t, want, 11, "components: 14 names, 3 of them renames (same id), less the informational one")
	for name := range want {
		require.True(t, got[name], "component %s: in the CSV, missing from result_components", name)
	}

	var serviceDown int64
	require.NoError(t, db.QueryRow(ctx, `SELECT sum(down_minutes) FROM result_reliability WHERE service_id = 'github'`).Scan(&serviceDown))
	require.GreaterOrEqual(t, serviceDown, maxComponent, "the service is down while any component is")
	require.Less(t, serviceDown, sumComponents, "overlapping component outages must not be counted twice")
	t.Logf("service github: %.1f hours with some component down; components summed: %.1f hours", float64(serviceDown)/60, float64(sumComponents)/60)

	var avail, worstAvail float64
	var worstMonth string
	require.NoError(t, db.QueryRow(ctx, `SELECT 100.0 * sum(up_minutes) / sum(up_minutes + down_minutes) FROM result_reliability`).Scan(&avail))
	require.NoError(t, db.QueryRow(ctx, `SELECT month, availability_minutes_pct FROM result_reliability ORDER BY availability_minutes_pct, month LIMIT 1`).Scan(&worstMonth, &worstAvail))
	t.Logf("service availability by minutes (all components operational or degraded): %.3f%%; worst month %s at %.3f%%", avail, worstMonth, worstAvail)

	var me analyze.MonthEnd
	var rr, lo, hi, p, mrr *float64
	require.NoError(t, db.QueryRow(ctx, `SELECT monthend_days, other_days, monthend_incidents, other_incidents, monthend_known_minutes, other_known_minutes,
			monthend_outage_minutes, other_outage_minutes, incident_rate_ratio, ci_low, ci_high, p_value, minutes_rate_ratio
		FROM result_monthend WHERE service_id = 'github' AND source = 'monitoring'`).
		Scan(&me.MonthEndDays, &me.OtherDays, &me.MonthEndIncidents, &me.OtherIncidents, &me.MonthEndKnownMin, &me.OtherKnownMin,
			&me.MonthEndOutageMin, &me.OtherOutageMin, &rr, &lo, &hi, &p, &mrr))
	require.NotNil(t, rr)
	// The stored ratio is the one the counts give.
	want1 := (float64(me.MonthEndIncidents) / float64(me.MonthEndKnownMin)) / (float64(me.OtherIncidents) / float64(me.OtherKnownMin))
	require.InDelta(t, want1, *rr, 1e-9)
	var spanDays int64
	require.NoError(t, db.QueryRow(ctx, `SELECT (max(ts)::DATE - min(ts)::DATE) + 1 FROM (SELECT to_timestamp(epoch_us(ts) // 1000000)::TIMESTAMP AS ts FROM status_changes)`).Scan(&spanDays))
	require.Equal(t, spanDays, me.MonthEndDays+me.OtherDays, "every day from the first change to the last (which ends the history) is observed")
	t.Logf("month end (last 3 days, UTC): %d incidents in %d days vs %d in %d days; incident rate ratio %.3f (95%% CI %.3f-%.3f, exact conditional binomial p = %.3f); outage-minutes ratio %.3f",
		me.MonthEndIncidents, me.MonthEndDays, me.OtherIncidents, me.OtherDays, *rr, *lo, *hi, *p, *mrr)

	rows, err = db.Query(ctx, `SELECT day_of_month, exposure_days, incident_starts, 100.0 * incident_starts / exposure_days
		FROM result_monthend_dom WHERE service_id = 'github' AND source = 'monitoring' ORDER BY day_of_month`)
	require.NoError(t, err)
	var line []string
	for _, r := range scanAll(t, rows) {
		line = append(line, fmt.Sprintf("%d:%.0f", toInt(r[0]), r[3].(float64)))
	}
	t.Logf("incident starts per 100 days observed, by day of month: %s", strings.Join(line, " "))
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case float64:
		return int64(x)
	}
	panic(fmt.Sprintf("not a number: %T", v))
}

// githubDownMinutes reads the CSV with encoding/csv and adds up, per component
// (by id, named by its latest name), the minutes in partial or major outage.
func githubDownMinutes(t *testing.T, path string) map[string]int64 {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	require.NoError(t, err)
	r := csv.NewReader(gz)
	head, err := r.Read()
	require.NoError(t, err)
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	type change struct {
		minute int64
		status string
	}
	byID := map[string][]change{}
	name := map[string]string{}
	latest := map[string]string{}
	var end int64
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		if strings.HasPrefix(rec[col["component"]], "Visit ") {
			continue
		}
		ts, err := time.Parse(time.RFC3339, rec[col["page_updated_at"]])
		require.NoError(t, err)
		id := rec[col["component_id"]]
		m := ts.Unix() / 60
		if ts.Unix() < 0 {
			m = (ts.Unix() - 59) / 60
		}
		byID[id] = append(byID[id], change{m, rec[col["status"]]})
		if ct := rec[col["commit_time"]]; ct >= latest[id] {
			latest[id], name[id] = ct, rec[col["component"]]
		}
		end = max(end, m)
	}
	out := map[string]int64{}
	for id, cs := range byID {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].minute < cs[j].minute })
		var down int64
		for i, c := range cs {
			until := end
			if i+1 < len(cs) {
				until = cs[i+1].minute
			}
			if c.status == "partial_outage" || c.status == "major_outage" {
				down += until - c.minute
			}
		}
		out[name[id]] = down
	}
	return out
}
