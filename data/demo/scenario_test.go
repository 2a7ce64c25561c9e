package demo

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"
)

// The truth's fixed windows are SCENARIO.md's, read from the page itself.
func TestTruthMatchesScenarioPage(t *testing.T) {
	_, m := generated(t)
	page, err := os.ReadFile("SCENARIO.md")
	if err != nil {
		t.Fatal(err)
	}
	parse := func(day, hm string) time.Time {
		ts, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, ist)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	// | 2024-09-28 18:10 | 2024-09-29 15:30 | yes |
	var ration []string
	for _, r := range regexp.MustCompile(`(?m)^\| (\d{4}-\d\d-\d\d) (\d\d:\d\d) \| (\d{4}-\d\d-\d\d) (\d\d:\d\d) \|`).FindAllStringSubmatch(string(page), -1) {
		ration = append(ration, parse(r[1], r[2]).String()+" "+parse(r[3], r[4]).String())
	}
	//   - 2024-11-21 (Thursday) 10:00 to 13:30;
	var meter []string
	for _, r := range regexp.MustCompile(`(?m)^\s+- (\d{4}-\d\d-\d\d) (?:\(\w+\) )?(\d\d:\d\d) to (\d\d:\d\d)`).FindAllStringSubmatch(string(page), -1) {
		meter = append(meter, parse(r[1], r[2]).String()+" "+parse(r[1], r[3]).String())
	}
	if len(ration) != 13 || len(meter) != 3 {
		t.Fatalf("read %d ration and %d smart-meter outages from SCENARIO.md, want 13 and 3", len(ration), len(meter))
	}
	spans := func(service string) []string {
		var out []string
		for _, w := range windows(m.Truth, service) {
			out = append(out, w.Start.String()+" "+w.End.String())
		}
		return out
	}
	if got := spans(rationID); !slices.Equal(got, ration) {
		t.Errorf("wb-ration windows\n\thave %q\n\twant %q", got, ration)
	}
	if got := spans(meterID); !slices.Equal(got, meter) {
		t.Errorf("mp-rewa-smartmeter windows\n\thave %q\n\twant %q", got, meter)
	}
}

func TestRationOutagesInAccessLog(t *testing.T) {
	dir, m := generated(t)
	reqs := accessLog(t, dir, m, rationID)
	ws := windows(m.Truth, rationID)
	var outside, outside5xx int
	inside := make([][2]int, len(ws)) // requests, 5xx
	for _, r := range reqs {
		i := slices.IndexFunc(ws, func(w Window) bool { return inWindow(r.at, w) })
		if i < 0 {
			outside++
			if r.status >= 500 {
				outside5xx++
			}
			continue
		}
		inside[i][0]++
		if r.status >= 500 {
			inside[i][1]++
		}
	}
	for i, w := range ws {
		n, e := inside[i][0], inside[i][1]
		switch w.Logs {
		case LogsNone:
			if n != 0 {
				t.Errorf("%v-%v: %d lines during an outage with nothing logged", w.Start, w.End, n)
			}
		case LogsErrors:
			if n < 20 || float64(e) < 0.5*float64(n) {
				t.Errorf("%v-%v: %d of %d requests 5xx, want at least half of at least 20", w.Start, w.End, e, n)
			}
		default:
			t.Errorf("%v-%v: unexpected logs %q", w.Start, w.End, w.Logs)
		}
	}
	if share := float64(outside5xx) / float64(outside); share >= 0.05 {
		t.Errorf("outside outages %.3f of ration requests are 5xx, want < 0.05", share)
	}
	if !slices.ContainsFunc(ws, func(w Window) bool { return w.Logs == LogsNone }) {
		t.Errorf("no ration outage without log lines")
	}
}

func TestRationMonthEndDemand(t *testing.T) {
	dir, m := generated(t)
	ws := windows(m.Truth, rationID)
	perDay := map[time.Time]int{}
	for _, r := range accessLog(t, dir, m, rationID) {
		perDay[midnight(r.at)]++
	}
	var end, rest []float64
	for day := m.From; day.Before(m.To); day = day.AddDate(0, 0, 1) {
		touched := slices.ContainsFunc(ws, func(w Window) bool {
			return w.Start.Before(day.AddDate(0, 0, 1)) && day.Before(w.End)
		})
		if touched || day.Weekday() == time.Sunday || day.Weekday() == time.Saturday {
			continue
		}
		if monthEnd(day, 5) {
			end = append(end, float64(perDay[day]))
		} else {
			rest = append(rest, float64(perDay[day]))
		}
	}
	ratio := mean(end) / mean(rest)
	t.Logf("weekday requests a day: month end %.0f (%d days), other days %.0f (%d days), ratio %.2f", mean(end), len(end), mean(rest), len(rest), ratio)
	if ratio < 2.2 || ratio > 2.8 {
		t.Errorf("month-end demand is %.2fx the rest, want about 2.5x", ratio)
	}
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func TestProbesFailExactlyDuringOutages(t *testing.T) {
	dir, m := generated(t)
	for _, c := range []struct{ file, service, host string }{
		{"ration-probes.csv.gz", rationID, rationHost},
		{"smartmeter-probes.csv.gz", meterID, meterHost},
	} {
		rows := csvRows(t, filepath.Join(dir, "logs", c.file), "time,host,target,ok,latency_ms")
		ws := windows(m.Truth, c.service)
		var prev time.Time
		failed := 0
		for i, row := range rows {
			ts, err := time.Parse(time.RFC3339, row["time"])
			if err != nil {
				t.Fatalf("%s row %d: %v", c.file, i+1, err)
			}
			if !prev.IsZero() && ts.Sub(prev) != probeEvery {
				t.Fatalf("%s row %d: %v after the previous probe, want %v", c.file, i+1, ts.Sub(prev), probeEvery)
			}
			prev = ts
			down := slices.ContainsFunc(ws, func(w Window) bool { return inWindow(ts.Truncate(time.Minute), w) })
			ok, err := strconv.ParseBool(row["ok"])
			if err != nil || ok == down || row["host"] != c.host {
				t.Fatalf("%s row %d: %v during an outage: %v", c.file, i+1, row, down)
			}
			if down {
				failed++
				if row["latency_ms"] != "" {
					t.Errorf("%s row %d: a failed probe with a latency", c.file, i+1)
				}
			} else if ms, err := strconv.Atoi(row["latency_ms"]); err != nil || ms <= 0 {
				t.Errorf("%s row %d: latency %q", c.file, i+1, row["latency_ms"])
			}
		}
		var want time.Duration
		for _, w := range ws {
			want += w.End.Sub(w.Start)
		}
		if got := time.Duration(failed) * probeEvery; got != want {
			t.Errorf("%s: %v of failed probes, want the %v of outages", c.file, got, want)
		}
	}
}

func TestDiskFillsAndIsCleaned(t *testing.T) {
	dir, m := generated(t)
	rows := csvRows(t, filepath.Join(dir, "logs", "chips-disk.csv.gz"), "time,host,resource,used_bytes,size_bytes,used_pct")
	type sample struct {
		at  time.Time
		pct float64
	}
	var ss []sample
	for _, row := range rows {
		ts, err := time.Parse(time.RFC3339, row["time"])
		if err != nil {
			t.Fatal(err)
		}
		pct, _ := strconv.ParseFloat(row["used_pct"], 64)
		used, _ := strconv.ParseFloat(row["used_bytes"], 64)
		size, _ := strconv.ParseFloat(row["size_bytes"], 64)
		if row["host"] != diskHost || row["resource"] != diskMount || size != 2e12 || math.Abs(100*used/size-pct) > 0.006 {
			t.Fatalf("row %v", row)
		}
		ss = append(ss, sample{ts, pct})
	}
	if len(ss) != 24*int(m.To.Sub(m.From).Hours()/24) {
		t.Errorf("%d samples, want one an hour", len(ss))
	}
	pctAt := func(ts time.Time) float64 {
		i := slices.IndexFunc(ss, func(s sample) bool { return s.at.Equal(ts) })
		if i < 0 {
			t.Fatalf("no sample at %v", ts)
		}
		return ss[i].pct
	}
	near := func(what string, got, want, tol float64) {
		if math.Abs(got-want) > tol {
			t.Errorf("%s: %.2f%%, want %.0f%% ± %.1f", what, got, want, tol)
		}
	}
	near("first sample", ss[0].pct, 58, 0.2)
	near("before the December cleanup", pctAt(at(2024, 12, 20, 21, 0)), 70, 0.2)
	near("after the December cleanup", pctAt(at(2024, 12, 20, 22, 0)), 61, 0.2)
	near("last sample", ss[len(ss)-1].pct, 78, 1)
	first100 := slices.IndexFunc(ss, func(s sample) bool { return s.pct >= 100 })
	if first100 < 0 || !ss[first100].at.Equal(at(2025, 6, 27, 14, 0)) {
		t.Errorf("first sample at 100%%: %v, want 2025-06-27 14:00", ss[max(first100, 0)].at)
	}
	for _, s := range ss {
		full := !s.at.Before(at(2025, 6, 27, 14, 0)) && s.at.Before(at(2025, 7, 3, 22, 0))
		if full != (s.pct == 100) {
			t.Errorf("%v: %.2f%%", s.at, s.pct)
		}
	}
	if p := pctAt(at(2025, 7, 3, 22, 0)); p >= 55 {
		t.Errorf("after the July cleanup: %.2f%%, want below 55%%", p)
	}
	// Only the two cleanups drop the usage by more than a point.
	var drops []time.Time
	for i := 1; i < len(ss); i++ {
		if ss[i-1].pct-ss[i].pct > 1 {
			drops = append(drops, ss[i].at)
		}
	}
	if want := []time.Time{at(2024, 12, 20, 22, 0), at(2025, 7, 3, 22, 0)}; !slices.EqualFunc(drops, want, time.Time.Equal) {
		t.Errorf("drops at %v, want %v", drops, want)
	}
	// The growth after the July cleanup: about 0.3 points a day.
	a, b := pctAt(at(2025, 7, 10, 12, 0)), pctAt(at(2025, 9, 30, 12, 0))
	near("slope after July x 100 days", (b-a)/82*100, 30, 1)
}

func TestSmartMeterReconnectionDelays(t *testing.T) {
	dir, m := generated(t)
	evs := jsonEvents(t, filepath.Join(dir, "logs", "smartmeter-events.jsonl.gz"))
	ws := windows(m.Truth, meterID)
	reconnects := map[string][]time.Time{}
	type pay struct {
		consumer string
		at       time.Time
	}
	var pays []pay
	for _, e := range evs {
		if e["service"] != meterID || e["consumer_id"] == nil || e["txn_id"] != nil {
			t.Fatalf("event %v: want service %s and consumer_id as the only key", e, meterID)
		}
		c := e["consumer_id"].(string)
		switch e["event"] {
		case "payment_received":
			pays = append(pays, pay{c, eventTime(t, e)})
		case "reconnect":
			reconnects[c] = append(reconnects[c], eventTime(t, e))
		case "disconnect":
		default:
			t.Fatalf("unexpected event %v", e)
		}
	}
	during := make([]int, len(ws))
	var normal int
	for _, p := range pays {
		i := slices.IndexFunc(reconnects[p.consumer], func(r time.Time) bool { return !r.Before(p.at) })
		if i < 0 {
			if p.at.Before(m.To.Add(-24 * time.Hour)) {
				t.Errorf("payment of %s at %v: never reconnected", p.consumer, p.at)
			}
			continue
		}
		delay := reconnects[p.consumer][i].Sub(p.at)
		affected := false
		for k, w := range ws {
			switch {
			case !p.at.Before(w.Start) && !p.at.After(w.End.Add(-20*time.Minute)):
				during[k]++
				affected = true
				if delay <= 20*time.Minute {
					t.Errorf("payment at %v during the outage %v-%v: reconnected after %v, want over 20 min", p.at, w.Start, w.End, delay)
				}
			case p.at.Add(15*time.Minute).After(w.Start) && p.at.Before(w.End):
				affected = true // paid just before or at the very end of an outage
			}
		}
		if !affected {
			normal++
			if delay < 3*time.Minute || delay > 15*time.Minute {
				t.Errorf("payment at %v on an ordinary day: reconnected after %v, want 3-15 min", p.at, delay)
			}
		}
	}
	for k, w := range ws {
		if during[k] < 5 {
			t.Errorf("outage %v-%v: only %d payments during it", w.Start, w.End, during[k])
		}
	}
	t.Logf("payments: %d ordinary, %v during the outages", normal, during)
	// 2025-03-13: payments in the afternoon wait 6 to 9 hours.
	var longest time.Duration
	for _, r := range m.Truth.Reconnections {
		if r.Queued {
			longest = max(longest, time.Duration(r.DelayMinutes*float64(time.Minute)))
		}
	}
	if longest < 6*time.Hour || longest > 9*time.Hour+30*time.Minute {
		t.Errorf("longest queued reconnection %v, want 6 to 9 hours", longest)
	}
}

func TestLaunchDayPayments(t *testing.T) {
	dir, m := generated(t)
	evs := jsonEvents(t, filepath.Join(dir, "logs", "csmcl-payments.jsonl.gz"))
	type txn struct {
		paid, confirmed, refunded time.Time
	}
	txns := map[string]*txn{}
	for _, e := range evs {
		id, _ := e["txn_id"].(string)
		if e["service"] != csmclID || id == "" {
			t.Fatalf("event %v: want service %s and a txn_id", e, csmclID)
		}
		if txns[id] == nil {
			txns[id] = &txn{}
		}
		ts := eventTime(t, e)
		switch e["event"] {
		case "payment_received":
			if _, ok := e["amount"].(float64); !ok {
				t.Fatalf("payment without an amount: %v", e)
			}
			txns[id].paid = ts
		case "order_confirmed":
			txns[id].confirmed = ts
		case "refund":
			txns[id].refunded = ts
		default:
			t.Fatalf("unexpected event %v", e)
		}
	}
	var paid, unconfirmed, orphans int
	for id, x := range txns {
		if x.paid.IsZero() {
			t.Errorf("%s: confirmed or refunded but never paid", id)
			continue
		}
		if midnight(x.paid).Equal(launchDay) {
			paid++
			if x.confirmed.IsZero() {
				unconfirmed++
				if x.refunded.IsZero() {
					orphans++
				} else if d := x.refunded.Sub(x.paid); d < 3*time.Hour || d > 30*time.Hour {
					t.Errorf("%s: refunded %v after the payment, want 3 to 30 hours", id, d)
				}
			}
			continue
		}
		switch {
		case x.paid.Before(m.To.Add(-24*time.Hour)) && x.confirmed.IsZero() && x.refunded.IsZero():
			t.Errorf("%s paid %v on an ordinary day: neither confirmed nor refunded", id, x.paid)
		case !x.confirmed.IsZero() && x.confirmed.Sub(x.paid) > 15*time.Minute:
			t.Errorf("%s paid %v on an ordinary day: confirmed after %v", id, x.paid, x.confirmed.Sub(x.paid))
		}
	}
	l := m.Truth.Launch
	t.Logf("launch day: %d payments, %d unconfirmed, %d orphans", paid, unconfirmed, orphans)
	if orphans != 40 || unconfirmed != 380 || paid != l.Payments || unconfirmed != l.Unconfirmed || orphans != l.Orphaned {
		t.Errorf("launch day: %d payments, %d unconfirmed, %d orphans; want 380 unconfirmed and 40 orphans (truth: %+v)", paid, unconfirmed, orphans, l)
	}
}

func TestCSMCLLaunchAndDiwali(t *testing.T) {
	dir, m := generated(t)
	reqs := accessLog(t, dir, m, csmclID)
	ratio := func(from, to time.Time) (float64, int) {
		var n, e int
		for _, r := range reqs {
			if !r.at.Before(from) && r.at.Before(to) {
				n++
				if r.status >= 500 {
					e++
				}
			}
		}
		return float64(e) / float64(n), n
	}
	for _, w := range windows(m.Truth, csmclID) {
		got, n := ratio(w.Start, w.End)
		lo, hi := 0.5, 1.0
		if w.Kind == KindDegraded {
			lo, hi = 0.05, 0.5 // well above the usual 0.003, below an outage
		}
		if got < lo || got >= hi {
			t.Errorf("%s %v-%v: 5xx ratio %.2f over %d requests, want [%.2f, %.2f)", w.Kind, w.Start, w.End, got, n, lo, hi)
		}
	}
	// Launch-day demand: requests a minute 09:10-09:20 (surging, before the
	// retries of the outage) against the usual evening peak hour.
	_, surge := ratio(at(2025, 4, 14, 9, 10), at(2025, 4, 14, 9, 20))
	var usual int
	days := 0
	for d := at(2025, 3, 3, 0, 0); d.Before(at(2025, 4, 12, 0, 0)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() >= time.Monday && d.Weekday() <= time.Friday {
			_, n := ratio(d.Add(18*time.Hour), d.Add(19*time.Hour))
			usual += n
			days++
		}
	}
	x := (float64(surge) / 10) / (float64(usual) / float64(days) / 60)
	t.Logf("launch day 09:10-09:20: %d requests, %.1fx the usual peak minute", surge, x)
	if x < 7 || x > 18 {
		t.Errorf("launch-day surge %.1fx the usual peak, want about 12x", x)
	}
	// Booking hours are cut to 09:00-17:00 from 2025-04-15: outside them only
	// the closed page's trickle remains.
	var may, closed int
	for _, r := range reqs {
		if r.at.After(at(2025, 5, 1, 0, 0)) && r.at.Before(at(2025, 6, 1, 0, 0)) {
			may++
			if h := r.at.Hour(); h < 9 || h >= 17 {
				closed++
			}
		}
	}
	if share := float64(closed) / float64(may); share > 0.05 {
		t.Errorf("%d of %d requests in May 2025 outside booking hours", closed, may)
	}
}

func TestChipsStorageFull(t *testing.T) {
	dir, m := generated(t)
	ws := windows(m.Truth, chipsID)
	if len(ws) < 10 {
		t.Fatalf("%d CHIPS bursts, want several a day for a week", len(ws))
	}
	reqs := accessLog(t, dir, m, chipsID)
	for _, w := range ws {
		if w.Start.Before(at(2025, 6, 27, 14, 0)) || w.End.After(at(2025, 7, 3, 22, 0)) || w.Cause != causeStorage {
			t.Errorf("burst %v-%v outside the full period", w.Start, w.End)
		}
		if d := w.End.Sub(w.Start); d < 20*time.Minute || d > 90*time.Minute {
			t.Errorf("burst %v-%v lasts %v", w.Start, w.End, d)
		}
		var n, e int
		for _, r := range reqs {
			if inWindow(r.at, w) {
				n++
				if r.status >= 500 {
					e++
				}
			}
		}
		if float64(e) < 0.5*float64(n) || n == 0 {
			t.Errorf("burst %v-%v: %d of %d requests 5xx", w.Start, w.End, e, n)
		}
	}

	// The application's storage errors classify as storage_full by the
	// catalog's own pattern, carry no event key, and only appear while full.
	full := catalogPattern(t, "storage_full")
	timeout := catalogPattern(t, "timeout")
	var storage, timeouts int
	for _, e := range jsonEvents(t, filepath.Join(dir, "logs", "chips-app.jsonl.gz")) {
		msg, _ := e["msg"].(string)
		ts := eventTime(t, e)
		if _, ok := e["event"]; ok {
			t.Fatalf("CHIPS line with an event key: %v", e)
		}
		if e["service"] != chipsID || e["host"] == "" {
			t.Fatalf("line %v", e)
		}
		switch {
		case full.MatchString(msg):
			storage++
			if e["level"] != "error" || !diskFull(ts) {
				t.Errorf("storage error at %v (%v): %q", ts, e["level"], msg)
			}
		case e["level"] == "error":
			t.Errorf("error line that is not storage_full: %q", msg)
		case timeout.MatchString(msg):
			timeouts++
		}
	}
	if storage < 500 || timeouts < 50 {
		t.Errorf("%d storage errors and %d timeouts, want hundreds and dozens", storage, timeouts)
	}
}

// catalogPattern reads the pattern of a global [[event]] from the catalog.
func catalogPattern(t *testing.T, name string) *regexp.Regexp {
	b, err := os.ReadFile("../catalog/catalog.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`name = "` + name + `"\npattern = '([^']*)'`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no %s pattern in the catalog", name)
	}
	return regexp.MustCompile(string(m[1]))
}

// During outages with 5xx lines, clients retry: in working hours almost every
// minute has the 3 requests a minute-level error-ratio rule needs.
func TestOutageMinutesHaveRequests(t *testing.T) {
	dir, m := generated(t)
	for _, service := range []string{rationID, chipsID, csmclID} {
		perMinute := map[int64]int{} // Unix minute -> requests
		for _, r := range accessLog(t, dir, m, service) {
			perMinute[r.at.Unix()/60]++
		}
		var minutes, dense int
		for _, w := range windows(m.Truth, service) {
			if w.Kind != KindOutage || w.Logs != LogsErrors {
				continue
			}
			for ts := w.Start; ts.Before(w.End); ts = ts.Add(time.Minute) {
				if h := ts.In(ist).Hour(); h < 10 || h >= 18 {
					continue
				}
				minutes++
				if perMinute[ts.Unix()/60] >= 3 {
					dense++
				}
			}
		}
		share := float64(dense) / float64(minutes)
		t.Logf("%s: %d of %d outage minutes in working hours have >= 3 requests (%.2f)", service, dense, minutes, share)
		// For the record: ordinary working-hour minutes are sparse (the size
		// budget); probes or retries carry the outages.
		var all, allDense int
		for day := m.From; day.Before(m.To); day = day.AddDate(0, 0, 1) {
			if day.Weekday() == time.Sunday {
				continue
			}
			for ts := day.Add(10 * time.Hour); ts.Before(day.Add(18 * time.Hour)); ts = ts.Add(time.Minute) {
				all++
				if perMinute[ts.Unix()/60] >= 3 {
					allDense++
				}
			}
		}
		t.Logf("%s: %.3f of all Monday-Saturday 10:00-18:00 minutes have >= 3 requests", service, float64(allDense)/float64(all))
		if share < 0.9 {
			t.Errorf("%s: only %.2f of outage minutes in working hours have >= 3 requests", service, share)
		}
	}
}
