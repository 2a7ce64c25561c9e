package analyze_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

// TestPropertyMinutesIncidentsAvailability checks the SQL against a plain Go
// computation, minute by minute, on random data: random access-log traffic and
// probe results for one service, and random status histories of three
// overlapping components for another, over three days across a month boundary
// (IST). The Go side follows the README's definitions literally, with arrays of
// minutes; the SQL works with intervals, run-length codes and sweeps. Incidents
// (start, end, down minutes) and the monthly reliability rows must agree exactly.
// The collapse rule is off: its baseline needs weeks of data (TestCases covers it).
func TestPropertyMinutesIncidentsAvailability(t *testing.T) {
	seeds := 12
	if testing.Short() {
		seeds = 3
	}
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { checkProperty(t, uint64(seed)) })
	}
}

// The window: 30 Jan 2024 00:00 IST for three days.
var (
	propStart = time.Date(2024, 1, 30, 0, 0, 0, 0, analyze.IST)
	propSpan  = 3 * 1440
)

const (
	stUnknown = iota // no row, or too little to judge
	stUp
	stMaint
	stDown
)

type propData struct {
	requests, errors []int // per minute of the window
	probes           map[int]bool
	changes          []statusChange
	mergeGap         int
}

type statusChange struct {
	component string
	minute    int
	status    string
}

func randomData(r *rand.Rand) propData {
	d := propData{requests: make([]int, propSpan), errors: make([]int, propSpan), probes: map[int]bool{}, mergeGap: 1 + r.IntN(10)}
	// Access log: blocks of one regime each.
	for m := 0; m < propSpan; {
		n := 1 + r.IntN(40)
		regime := r.IntN(5)
		for i := m; i < min(m+n, propSpan); i++ {
			switch regime {
			case 1: // fine
				d.requests[i] = 1 + r.IntN(6)
				d.errors[i] = r.IntN(d.requests[i]/2 + 1)
			case 2: // failing
				d.requests[i] = 1 + r.IntN(6)
				d.errors[i] = d.requests[i] - r.IntN(d.requests[i]/2+1)
			case 3: // sparse
				if r.IntN(3) == 0 {
					d.requests[i] = 1
					d.errors[i] = r.IntN(2)
				}
			}
		}
		m += n
	}
	// Probes: in some blocks every 1 to 20 minutes, ok or failing.
	for m := 0; m < propSpan; {
		n := 10 + r.IntN(120)
		if r.IntN(3) > 0 {
			every, failP := 1+r.IntN(20), []float64{0, 0.2, 0.9}[r.IntN(3)]
			for i := m; i < min(m+n, propSpan); i += every {
				d.probes[i] = r.Float64() >= failP
			}
		}
		m += n
	}
	// Status histories: three components, each starting at a random minute.
	statuses := []string{"operational", "operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"}
	for _, c := range []string{"api", "git", "web"} {
		for m := r.IntN(600); m < propSpan; m += 1 + r.IntN(400) {
			d.changes = append(d.changes, statusChange{c, m, statuses[r.IntN(len(statuses))]})
		}
	}
	return d
}

// refStates is the Go reading of the README's minute rules for the logs service.
func (d propData) refLogStates() []int {
	probes, fails := make([]int, propSpan), make([]int, propSpan)
	keys := make([]int, 0, len(d.probes))
	for m := range d.probes {
		keys = append(keys, m)
	}
	sort.Ints(keys)
	for i, m := range keys {
		next := m + 1
		if i+1 < len(keys) {
			next = keys[i+1]
		}
		end := max(m+1, min(next, m+15))
		for x := m; x < end && x < propSpan; x++ {
			probes[x]++
			if !d.probes[m] {
				fails[x]++
			}
		}
	}
	st := make([]int, propSpan)
	for m := range st {
		n, e := d.requests[m], d.errors[m]
		switch {
		case (n >= 3 && 2*e >= n) || (probes[m] > 0 && 2*fails[m] >= probes[m]):
			st[m] = stDown
		case probes[m] > 0 || (n > 0 && 2*e < n):
			st[m] = stUp
		default:
			st[m] = stUnknown
		}
	}
	// Sparse traffic: a minute the log shows up, with no probe, speaks for the
	// silent minutes after it until the next minute with a row, at most 15 on.
	hasRow := func(m int) bool { return d.requests[m] > 0 || probes[m] > 0 }
	for m := range st {
		if d.requests[m] == 0 || probes[m] > 0 || st[m] != stUp {
			continue
		}
		next := -1
		for x := m + 1; x < propSpan; x++ {
			if hasRow(x) {
				next = x
				break
			}
		}
		for x := m + 1; next >= 0 && x < min(next, m+15); x++ {
			st[x] = stUp
		}
	}
	return st
}

// refStatusStates takes, minute by minute, the worst status of any component.
func (d propData) refStatusStates() []int {
	st := make([]int, propSpan)
	end := 0
	for _, c := range d.changes {
		end = max(end, c.minute)
	}
	byComp := map[string][]statusChange{}
	for _, c := range d.changes {
		byComp[c.component] = append(byComp[c.component], c)
	}
	for _, cs := range byComp {
		for i, c := range cs {
			until := end
			if i+1 < len(cs) {
				until = cs[i+1].minute
			}
			s := stUp
			switch c.status {
			case "partial_outage", "major_outage":
				s = stDown
			case "under_maintenance":
				s = stMaint
			}
			for m := c.minute; m < until; m++ {
				st[m] = max(st[m], s)
			}
		}
	}
	return st
}

type refIncident struct{ start, end, down int }

func refIncidents(st []int, gap int) []refIncident {
	var out []refIncident
	for m := 0; m < len(st); m++ {
		if st[m] != stDown {
			continue
		}
		s := m
		for m < len(st) && st[m] == stDown {
			m++
		}
		if n := len(out); n > 0 && s-out[n-1].end < gap {
			out[n-1].end = m
			out[n-1].down += m - s
		} else {
			out = append(out, refIncident{s, m, m - s})
		}
	}
	return out
}

// refReliability gives the reliability rows, keyed by month, as the strings the
// comparison uses.
func refReliability(st []int, incs []refIncident) map[string]string {
	monthOf := func(m int) string { return propStart.Add(time.Duration(m) * time.Minute).Format("2006-01") }
	first, last := -1, -1
	for m, s := range st {
		if s != stUnknown {
			if first < 0 {
				first = m
			}
			last = m
		}
	}
	out := map[string]string{}
	if first < 0 {
		return out
	}
	type acc struct{ up, down, maint, span int }
	months := map[string]*acc{}
	for m := first / 1440 * 1440; m < (last/1440+1)*1440; m++ {
		a := months[monthOf(m)]
		if a == nil {
			a = &acc{}
			months[monthOf(m)] = a
		}
		a.span++
		switch st[m] {
		case stUp:
			a.up++
		case stDown:
			a.down++
		case stMaint:
			a.maint++
		}
	}
	for month, a := range months {
		var durs []float64
		for _, in := range incs {
			if monthOf(in.start) == month {
				durs = append(durs, float64(in.end-in.start))
			}
		}
		out[month] = fmt.Sprintf("up=%d down=%d maint=%d unknown=%d avail=%s incidents=%d mttr=%s median=%s longest=%s",
			a.up, a.down, a.maint, a.span-a.up-a.down-a.maint, ratio(100*float64(a.up), float64(a.up+a.down)),
			len(durs), mean(durs), median(durs), maxOf(durs))
	}
	return out
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.6f", a/b)
}

func mean(v []float64) string {
	if len(v) == 0 {
		return "-"
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return fmt.Sprintf("%.6f", s/float64(len(v)))
}

func median(v []float64) string {
	if len(v) == 0 {
		return "-"
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return fmt.Sprintf("%.6f", s[n/2])
	}
	return fmt.Sprintf("%.6f", (s[n/2-1]+s[n/2])/2)
}

func maxOf(v []float64) string {
	if len(v) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.6f", slices.Max(v))
}

func checkProperty(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 42))
	d := randomData(r)
	ctx := context.Background()
	db := storetest.Memory(t)
	loadPropData(t, db, d)
	_, err := analyze.Run(ctx, db, analyze.Options{Force: true, MergeGapMinutes: d.mergeGap, CollapseRatio: -1,
		Catalog: mustCatalog(t, "")})
	require.NoError(t, err)

	base := int(propStart.Unix() / 60)
	for svc, st := range map[string][]int{"logs": d.refLogStates(), "status": d.refStatusStates()} {
		incs := refIncidents(st, d.mergeGap)
		var want []string
		for _, in := range incs {
			want = append(want, fmt.Sprintf("%d-%d down %d", in.start, in.end, in.down))
		}
		var got []string
		rows, err := db.Query(ctx, `SELECT start_minute - ?, end_minute - ?, down_minutes FROM result_incidents
			WHERE service_id = ? ORDER BY start_minute`, base, base, svc)
		require.NoError(t, err)
		for rows.Next() {
			var s, e, dm int
			require.NoError(t, rows.Scan(&s, &e, &dm))
			got = append(got, fmt.Sprintf("%d-%d down %d", s, e, dm))
		}
		require.NoError(t, rows.Close())
		require.Equal(t, want, got, "seed %d, service %s (merge gap %d): incidents", seed, svc, d.mergeGap)

		wantRel := refReliability(st, incs)
		gotRel := map[string]string{}
		rows, err = db.Query(ctx, `SELECT month, up_minutes, down_minutes, maintenance_minutes, unknown_minutes,
			availability_minutes_pct, incidents, mttr_minutes, mttr_median_minutes, longest_outage_minutes
			FROM result_reliability WHERE service_id = ?`, svc)
		require.NoError(t, err)
		for rows.Next() {
			var month string
			var up, down, maint, unknown, n int
			var avail, mttr, med, longest *float64
			require.NoError(t, rows.Scan(&month, &up, &down, &maint, &unknown, &avail, &n, &mttr, &med, &longest))
			f := func(p *float64) string {
				if p == nil {
					return "-"
				}
				return fmt.Sprintf("%.6f", *p)
			}
			gotRel[month] = fmt.Sprintf("up=%d down=%d maint=%d unknown=%d avail=%s incidents=%d mttr=%s median=%s longest=%s",
				up, down, maint, unknown, f(avail), n, f(mttr), f(med), f(longest))
		}
		require.NoError(t, rows.Close())
		require.Equal(t, wantRel, gotRel, "seed %d, service %s: reliability", seed, svc)
	}
}

// loadPropData writes the random rows as CSV and loads them with DuckDB.
func loadPropData(t *testing.T, db *store.DB, d propData) {
	t.Helper()
	dir := t.TempDir()
	at := func(m, sec int) string {
		return propStart.Add(time.Duration(m)*time.Minute + time.Duration(sec)*time.Second).Format(time.RFC3339)
	}
	var req strings.Builder
	req.WriteString("service_id,ts,status\n")
	for m := range d.requests {
		for i := 0; i < d.requests[m]; i++ {
			status := 200
			if i < d.errors[m] {
				status = 503
			}
			fmt.Fprintf(&req, "logs,%s,%d\n", at(m, i), status)
		}
	}
	var prb strings.Builder
	prb.WriteString("service_id,ts,ok\n")
	for m, ok := range d.probes {
		fmt.Fprintf(&prb, "logs,%s,%t\n", at(m, 30), ok)
	}
	var sc strings.Builder
	sc.WriteString("service_id,component,ts,status\n")
	for _, c := range d.changes {
		fmt.Fprintf(&sc, "status,%s,%s,%s\n", c.component, at(c.minute, 0), c.status)
	}
	for table, body := range map[string]string{"requests": req.String(), "probes": prb.String(), "status_changes": sc.String()} {
		path := filepath.Join(dir, table+".csv")
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
		cols := strings.SplitN(body, "\n", 2)[0]
		insert(t, db, table, "source_id, line, "+cols,
			"SELECT 1, row_number() OVER (), "+cols+" FROM read_csv(?, header = true, all_varchar = true)", path)
	}
}
