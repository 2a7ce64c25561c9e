package reports_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
	"outagelens/reports"
)

// analysed returns a store with a little of everything, analysed: a web service
// with a month-end outage and a mid-month one (logs), a disk, promise events, a
// status page and two news reports, one linked.
func analysed(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db := storetest.Memory(t)
	// web: 5 requests a minute 10:00-12:00 IST on 28 Feb and 14 Mar 2025; all 503
	// 10:30-11:00 both days.
	storetest.InsertRequests(t, db, "source_id, line, service_id, ts, status", `
		 SELECT 1, row_number() OVER (), 'web', to_timestamp(m * 60 + i),
		        CASE WHEN (m + 330) % 1440 BETWEEN 630 AND 659 THEN 503 ELSE 200 END
		 FROM (SELECT unnest([epoch_us(TIMESTAMPTZ '2025-02-28 10:00:00+05:30'), epoch_us(TIMESTAMPTZ '2025-03-14 10:00:00+05:30')]) // 60000000 AS d),
		      range(d, d + 120) r(m), range(5) k(i)`)
	for _, q := range []string{
		`INSERT INTO capacity (source_id, line, service_id, ts, host, resource, used_pct)
		 SELECT 2, h, 'web', to_timestamp(epoch_us(TIMESTAMPTZ '2025-02-01 00:00:00+05:30') // 1000000 + h * 3600), 'db', '/data', 50 + h / 24.0
		 FROM range(24 * 40) r(h)`,
		`INSERT INTO events (source_id, line, service_id, ts, event, key) VALUES
		 (3, 1, 'web', TIMESTAMPTZ '2025-03-14 10:00:00+05:30', 'payment_received', 'a'),
		 (3, 2, 'web', TIMESTAMPTZ '2025-03-14 10:05:00+05:30', 'reconnect', 'a'),
		 (3, 3, 'web', TIMESTAMPTZ '2025-03-14 10:30:00+05:30', 'payment_received', 'b'),
		 (3, 4, 'web', TIMESTAMPTZ '2025-03-14 11:40:00+05:30', 'reconnect', 'b'),
		 (3, 5, 'web', TIMESTAMPTZ '2025-03-14 10:35:00+05:30', 'storage_full', NULL)`,
		`INSERT INTO status_changes (source_id, line, service_id, component, ts, status) VALUES
		 (4, 1, 'page', 'api', TIMESTAMPTZ '2025-03-01 00:00:00+00', 'operational'),
		 (4, 2, 'page', 'api', TIMESTAMPTZ '2025-03-02 00:00:00+00', 'major_outage'),
		 (4, 3, 'page', 'api', TIMESTAMPTZ '2025-03-02 01:00:00+00', 'operational'),
		 (4, 4, 'page', 'api', TIMESTAMPTZ '2025-03-03 00:00:00+00', 'operational')`,
		`INSERT INTO news_reports (source_id, is_outage, service_id, started_date, confidence) VALUES
		 (10, true, 'web', DATE '2025-02-28', 1), (11, true, 'web', DATE '2025-01-05', 1)`,
	} {
		_, err := db.Exec(ctx, q)
		require.NoError(t, err, q)
	}
	cat, err := catalog.Parse([]byte(`
[[service]]
id = "web"
name = "Web"
slo_pct = 99.0
[[service.promise]]
id = "reconnect-20m"
start_event = "payment_received"
end_events = ["reconnect"]
limit_minutes = 20
`), "test")
	require.NoError(t, err)
	_, err = analyze.Run(ctx, db, analyze.Options{Catalog: cat})
	require.NoError(t, err)
	return db
}

// Every report is an array of flat objects, each naming its service, with the
// fields the issue lists.
func TestReportsAreFlatAndNameTheService(t *testing.T) {
	ctx := context.Background()
	db := analysed(t)
	f := reports.Filter{WithNews: true}
	for name, get := range map[string]func() (any, error){
		"incidents":     func() (any, error) { return reports.Incidents(ctx, db, f) },
		"monthend":      func() (any, error) { return reports.MonthEnd(ctx, db, f) },
		"monthend-days": func() (any, error) { return reports.MonthEndDays(ctx, db, f) },
		"saturation":    func() (any, error) { return reports.Saturation(ctx, db, f) },
		"storage-full":  func() (any, error) { return reports.StorageFull(ctx, db, f) },
		"load":          func() (any, error) { return reports.Load(ctx, db, f) },
		"reliability":   func() (any, error) { return reports.Reliability(ctx, db, f) },
		"components":    func() (any, error) { return reports.Components(ctx, db, f) },
		"promises":      func() (any, error) { return reports.Promises(ctx, db, f) },
		"promise-cases": func() (any, error) { return reports.PromiseCases(ctx, db, f) },
		"links":         func() (any, error) { return reports.Links(ctx, db, f) },
	} {
		rows, err := get()
		require.NoError(t, err, name)
		require.Positive(t, reflect.ValueOf(rows).Len(), "%s: no rows from the test data", name)
		b, err := json.Marshal(rows)
		require.NoError(t, err)
		var objs []map[string]any
		require.NoError(t, json.Unmarshal(b, &objs), name)
		for _, o := range objs {
			require.Contains(t, o, "service", name)
			for k, v := range o {
				switch v.(type) {
				case map[string]any, []any:
					t.Errorf("%s: field %s is not flat", name, k)
				}
			}
		}
	}
	want := map[string][]string{
		"incidents":   {"service", "start", "end", "duration_minutes", "cause", "source", "peak_error_ratio"},
		"monthend":    {"service", "k", "incident_rate_ratio", "minutes_rate_ratio", "ci_low", "ci_high", "p_value", "monthend_days", "other_days"},
		"saturation":  {"service", "host", "resource", "used_pct", "slope_pct_per_day", "days_to_90", "days_to_100", "eta_90", "eta_100", "last_break"},
		"reliability": {"service", "month", "availability_minutes_pct", "availability_requests_pct", "slo_pct", "error_budget_used_pct", "incidents", "mttr_minutes", "mtbf_hours", "longest_outage_minutes"},
		"promises":    {"service", "promise", "limit_minutes", "started", "completed", "kept_pct", "p50_minutes", "p95_minutes", "max_minutes", "never_completed"},
	}
	types := map[string]reflect.Type{
		"incidents": reflect.TypeFor[reports.IncidentRow](), "monthend": reflect.TypeFor[reports.MonthEndRow](),
		"saturation": reflect.TypeFor[reports.SaturationRow](), "reliability": reflect.TypeFor[reports.ReliabilityRow](),
		"promises": reflect.TypeFor[reports.PromiseRow](),
	}
	for name, fields := range want {
		have := map[string]bool{}
		for i := 0; i < types[name].NumField(); i++ {
			have[jsonName(types[name].Field(i))] = true
		}
		for _, f := range fields {
			require.True(t, have[f], "%s has no field %s", name, f)
		}
	}
}

func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	for i := 0; i < len(tag); i++ {
		if tag[i] == ',' {
			return tag[:i]
		}
	}
	return tag
}

// wholeEqualsPeriod returns a report's rows without a time filter, after
// checking they equal its rows for a period that holds every day (computed
// from the days or cases in the period).
func wholeEqualsPeriod[T any](t *testing.T, db *store.DB, get func(context.Context, *store.DB, reports.Filter) ([]T, error)) []T {
	t.Helper()
	all := reports.Filter{From: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	whole, err := get(context.Background(), db, reports.Filter{})
	require.NoError(t, err)
	period, err := get(context.Background(), db, all)
	require.NoError(t, err)
	require.Equal(t, whole, period)
	require.NotEmpty(t, whole)
	return whole
}

// With a period that holds every day, the month-end, day-of-month and promise
// summaries computed from result_days and result_promise_cases equal the
// analysis' own result_monthend, result_monthend_dom and result_promises; a
// narrower period changes them.
func TestPeriodSummariesMatchTheAnalysis(t *testing.T) {
	ctx := context.Background()
	db := analysed(t)
	whole := wholeEqualsPeriod(t, db, reports.MonthEnd)
	var r *reports.MonthEndRow
	for i := range whole {
		if whole[i].Service == "web" && whole[i].Source == "monitoring" {
			r = &whole[i]
		}
	}
	require.NotNil(t, r)
	// 28 Feb 2025 is among February's last 3 days, 14 Mar is not: one incident each.
	require.Equal(t, int64(1), r.MonthEndIncidents)
	require.Equal(t, int64(1), r.OtherIncidents)

	march := reports.Filter{From: time.Date(2025, 3, 1, 0, 0, 0, 0, analyze.IST), To: time.Date(2025, 4, 1, 0, 0, 0, 0, analyze.IST)}
	inMarch, err := reports.MonthEnd(ctx, db, march)
	require.NoError(t, err)
	var webMarch *reports.MonthEndRow
	for i := range inMarch {
		if inMarch[i].Service == "web" && inMarch[i].Source == "monitoring" {
			webMarch = &inMarch[i]
		}
	}
	require.NotNil(t, webMarch, "no monitored web row for March")
	require.Equal(t, int64(0), webMarch.MonthEndIncidents)
	require.Equal(t, int64(1), webMarch.OtherIncidents)

	// The same for the day-of-month table (result_monthend_dom).
	d1 := wholeEqualsPeriod(t, db, reports.MonthEndDays)
	var day28 *reports.MonthEndDayRow
	for i := range d1 {
		if d1[i].Service == "web" && d1[i].Source == "monitoring" && d1[i].DayOfMonth == 28 {
			day28 = &d1[i]
		}
	}
	// Day 28 was seen once (28 Feb, a month-end day), with its one incident.
	require.NotNil(t, day28)
	require.Equal(t, int64(1), day28.ExposureDays)
	require.Equal(t, int64(1), day28.MonthEndDays)
	require.Equal(t, int64(1), day28.Incidents)

	p1 := wholeEqualsPeriod(t, db, reports.Promises)
	require.Len(t, p1, 1)
	// a: 5 minutes, kept; b: 70 minutes, broken.
	require.Equal(t, int64(2), p1[0].Started)
	require.InDelta(t, 50, *p1[0].KeptPct, 1e-9)
	require.InDelta(t, 70, *p1[0].MaxMinutes, 1e-9)
}

// The links report pairs the 28 Feb news report with the 28 Feb outage and lists
// the January report as news-only without logs, and the March outage as logs-only.
func TestLinksReport(t *testing.T) {
	ctx := context.Background()
	db := analysed(t)
	rows, err := reports.Links(ctx, db, reports.Filter{Services: []string{"web"}})
	require.NoError(t, err)
	var kinds []string
	for _, r := range rows {
		kinds = append(kinds, r.Kind+" "+r.NewsIncident+" "+r.Incident)
	}
	require.Equal(t, []string{"news_only N1 ", "linked N2 I2", "logs_only  I3"}, kinds)
	require.False(t, rows[0].LogsCover, "no logs in January")
	inc, err := reports.Incidents(ctx, db, reports.Filter{Services: []string{"web"}, WithNews: true})
	require.NoError(t, err)
	var ids []string
	for _, r := range inc {
		ids = append(ids, r.ID+" "+r.Source+" "+r.Cause)
	}
	require.Equal(t, []string{"N1 news unknown", "N2 news unknown", "I2 logs unknown", "I3 logs storage_full"}, ids)
}

// A news incident is ongoing when no report of it gives an end and its latest
// report says the outage was still going on when published; the earliest
// report's say does not decide.
func TestNewsOngoingOfGroupedReports(t *testing.T) {
	ctx := context.Background()
	db := storetest.Memory(t)
	type rep struct {
		published string // day in March 2025
		ended     bool
		ongoing   bool
	}
	cases := []struct {
		service string
		reports []rep
		want    bool
	}{
		{"single-ongoing", []rep{{"10", false, true}}, true},
		{"single-ended", []rep{{"10", true, false}}, false},
		{"single-neither", []rep{{"10", false, false}}, false},
		{"later-says-ongoing", []rep{{"10", false, false}, {"11", false, true}}, true},
		{"later-no-longer-says", []rep{{"10", false, true}, {"11", false, false}}, false},
		{"later-gives-end", []rep{{"10", false, true}, {"12", true, false}}, false},
		{"an-end-wins", []rep{{"10", true, false}, {"11", false, true}}, false},
	}
	id := 0
	for _, c := range cases {
		for _, r := range c.reports {
			id++
			var ended any
			if r.ended {
				ended = "2025-03-09 20:00:00+05:30"
			}
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`INSERT INTO sources VALUES (?, 'news', ?, 'html', NULL, ?, 1, 1, 'x', 1, 1, 0, now(), now())`,
					[]any{id, c.service + r.published + ".html", c.service + r.published}},
				{`INSERT INTO articles (source_id, title, published, body, html_sha256, extracted_at)
				  VALUES (?, ?, ?::TIMESTAMPTZ, '', 'x', now())`,
					[]any{id, c.service, "2025-03-" + r.published + " 10:00:00+05:30"}},
				{`INSERT INTO news_reports (source_id, is_outage, service_id, started, started_date, ended, ongoing, confidence)
				  VALUES (?, true, ?, TIMESTAMPTZ '2025-03-09 08:00:00+05:30', DATE '2025-03-09', ?::TIMESTAMPTZ, ?, 0.8)`,
					[]any{id, c.service, ended, r.ongoing}},
			} {
				_, err := db.Exec(ctx, q.sql, q.args...)
				require.NoError(t, err, q.sql)
			}
		}
	}
	rows, err := reports.News(ctx, db, reports.Filter{}, false)
	require.NoError(t, err)
	got := map[string]bool{}
	for _, r := range rows {
		got[r.ServiceID] = r.Ongoing
		require.False(t, r.Ongoing && r.Ended != "", "%s: ongoing with an end", r.ServiceID)
	}
	require.Len(t, got, len(cases))
	for _, c := range cases {
		require.Equal(t, c.want, got[c.service], c.service)
	}
}
