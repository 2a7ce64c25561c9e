package html_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

// The fixture store: analysis results for the demo scenario
// (data/demo/SCENARIO.md), written straight into the result tables so the
// pages can be built and looked at before the demo generator lands. Everything
// is computed from the lists below, deterministically; nothing is random.

var ist = mustLoad("Asia/Kolkata")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func ts(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, ist)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	dataFrom = ts("2024-09-01 00:00")
	dataTo   = ts("2025-10-01 00:00")
)

type fxIncident struct {
	service, start, end, cause, source string
	peak                               float64
}

// fxIncidents are the outages of the scenario; cg-chips-lsk's storage-full
// bursts and an ongoing smart-meter outage at the end of the data are added by
// fixtureIncidents.
var fxIncidents = []fxIncident{
	{"wb-ration", "2024-09-28 18:10", "2024-09-29 15:30", "unknown", "logs+probes", 1},
	{"wb-ration", "2024-10-30 10:00", "2024-10-30 14:20", "unknown", "logs+probes", 1},
	{"wb-ration", "2024-11-29 16:00", "2024-11-30 11:00", "unknown", "logs+probes", 1},
	{"wb-ration", "2024-12-14 11:00", "2024-12-14 12:10", "unknown", "probes", 0.9},
	{"wb-ration", "2025-01-30 09:30", "2025-01-31 13:00", "unknown", "logs+probes", 1},
	{"wb-ration", "2025-02-27 12:00", "2025-02-27 17:45", "unknown", "logs+probes", 1},
	{"wb-ration", "2025-03-29 17:00", "2025-03-30 12:00", "unknown", "logs+probes", 1},
	{"wb-ration", "2025-04-16 10:00", "2025-04-16 10:50", "unknown", "probes", 0.8},
	{"wb-ration", "2025-05-30 11:00", "2025-05-30 19:30", "unknown", "logs+probes", 1},
	{"wb-ration", "2025-06-28 15:00", "2025-06-29 10:00", "unknown", "logs+probes", 1},
	{"wb-ration", "2025-07-10 13:00", "2025-07-10 14:00", "unknown", "probes", 0.7},
	{"wb-ration", "2025-08-29 10:30", "2025-08-29 16:00", "unknown", "logs+probes", 1},
	{"wb-ration", "2025-09-28 09:00", "2025-09-28 13:30", "unknown", "logs+probes", 1},
	{"cg-csmcl-booking", "2025-04-14 09:20", "2025-04-14 13:40", "load_surge", "logs", 0.93},
	{"mp-rewa-smartmeter", "2024-11-21 10:00", "2024-11-21 13:30", "unknown", "probes", 1},
	{"mp-rewa-smartmeter", "2025-03-13 12:30", "2025-03-13 21:00", "unknown", "probes", 1},
	{"mp-rewa-smartmeter", "2025-08-07 14:00", "2025-08-07 18:00", "unknown", "probes", 1},
	{"mp-rewa-smartmeter", "2025-09-30 20:15", "2025-10-01 00:00", "unknown", "probes", 1},
}

func fixtureIncidents() []fxIncident {
	out := append([]fxIncident{}, fxIncidents...)
	// Storage full from 2025-06-27 14:00 until the cleanup on 2025-07-03 22:00:
	// bursts of 20 to 90 minutes, three a day.
	for d := ts("2025-06-27 00:00"); d.Before(ts("2025-07-04 00:00")); d = d.AddDate(0, 0, 1) {
		for i, h := range []int{10, 14, 18} {
			start := d.Add(time.Duration(h)*time.Hour + time.Duration((d.Day()*7+i*13)%40)*time.Minute)
			if start.Before(ts("2025-06-27 14:00")) || start.After(ts("2025-07-03 22:00")) {
				continue
			}
			dur := 20 + (d.Day()*17+i*29)%71
			out = append(out, fxIncident{"cg-chips-lsk", start.Format("2006-01-02 15:04"), start.Add(time.Duration(dur) * time.Minute).Format("2006-01-02 15:04"), "storage_full", "logs", 0.6 + float64(i)/10})
		}
	}
	return out
}

var services = []string{"cg-chips-lsk", "cg-csmcl-booking", "mp-rewa-smartmeter", "wb-ration"}

// usedPct is lsk-db-1:/data on day d: 58% growing 0.08 points a day, cleaned to
// 61% on 2024-12-20, 0.5 a day from May, full from 2025-06-27 14:00 until the
// cleanup to 52% on 2025-07-03, then 0.3 a day.
func usedPct(t time.Time) float64 {
	days := func(a string) float64 { return t.Sub(ts(a)).Hours() / 24 }
	switch {
	case t.Before(ts("2024-12-20 22:00")):
		return 58 + 0.08*days("2024-09-01 00:00")
	case t.Before(ts("2025-05-01 00:00")):
		return 61 + 0.08*days("2024-12-20 22:00")
	case t.Before(ts("2025-07-03 22:00")):
		return math.Min(100, 71.5+0.5*days("2025-05-01 00:00"))
	}
	return 52 + 0.3*days("2025-07-03 22:00")
}

// newFixtureStore returns a store holding the fixture's results and news.
func newFixtureStore(t testing.TB, extraNews ...fxNews) *store.DB {
	t.Helper()
	ctx := context.Background()
	db := storetest.New(t)
	// An analysis of the empty store creates every result table with the
	// analyses' own columns; the fixture then fills them BY NAME, so columns
	// added later stay NULL instead of breaking the fixture.
	_, err := analyze.Run(ctx, db, analyze.Options{Location: ist, Now: func() time.Time { return ts("2025-10-01 06:00") }})
	require.NoError(t, err)
	var errs []string
	exec := func(q string, args ...any) {
		if _, err := db.Exec(ctx, q, args...); err != nil {
			msg := fmt.Sprintf("%v\n%s", err, q)
			if len(msg) > 600 {
				msg = msg[:600] + "..."
			}
			errs = append(errs, msg)
		}
	}
	minute := func(s string) int64 { return ts(s).Unix() / 60 }

	incs := fixtureIncidents()
	for i, in := range incs {
		exec(`INSERT INTO result_incidents BY NAME SELECT ? AS service_id, ? AS incident_id, ? AS start_minute, ? AS end_minute,
			? AS down_minutes, ? AS duration_minutes, ? AS peak_error_ratio, ? AS source, ? AS cause`,
			in.service, i+1, minute(in.start), minute(in.end), minute(in.end)-minute(in.start), minute(in.end)-minute(in.start), in.peak, in.source, in.cause)
	}

	// Days: every minute known except a probe gap on wb-ration in Dec 2024;
	// down minutes from the incidents; demand 2.5x in the last five days.
	type dayKey struct {
		svc string
		day string
	}
	down := map[dayKey]int64{}
	starts := map[dayKey]int64{}
	for _, in := range incs {
		s, e := ts(in.start), ts(in.end)
		starts[dayKey{in.service, s.Format("2006-01-02")}]++
		for m := s; m.Before(e); m = m.Add(time.Minute) {
			down[dayKey{in.service, m.Format("2006-01-02")}]++
		}
	}
	var vals []string
	for _, svc := range services {
		base := map[string]int64{"wb-ration": 20000, "cg-chips-lsk": 6000, "cg-csmcl-booking": 3000, "mp-rewa-smartmeter": 1500}[svc]
		for d := dataFrom; d.Before(dataTo); d = d.AddDate(0, 0, 1) {
			k := dayKey{svc, d.Format("2006-01-02")}
			last := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, ist).Day()
			known := int64(1440)
			if svc == "wb-ration" && d.Month() == time.December && d.Year() == 2024 && d.Day() >= 22 && d.Day() <= 24 {
				known = 0
			}
			req := base
			if svc == "wb-ration" && d.Day() > last-5 {
				req = base * 5 / 2
			}
			if known == 0 {
				req = 0
			}
			vals = append(vals, fmt.Sprintf("('%s', DATE '%s', %d, %v, %d, %d, %d, %d)", svc, k.day, d.Day(), d.Day() > last-3, known, down[k], starts[k], req))
		}
	}
	exec(`INSERT INTO result_days BY NAME SELECT col0 AS service_id, col1 AS day, col2 AS day_of_month, col3 AS monthend,
		col4 AS known_minutes, col5 AS down_minutes, col6 AS incident_starts, col7 AS requests FROM (VALUES ` + strings.Join(vals, ", ") + `)`)

	// Reliability per month and the month-end comparison, from the days.
	exec(`INSERT INTO result_reliability BY NAME
		WITH d AS (SELECT * FROM result_days), i AS (
			SELECT service_id, strftime(DATE '1970-01-01' + ((start_minute + 330) // 1440)::INTEGER, '%Y-%m') AS month,
			       count(*) AS incidents, avg(duration_minutes) AS mttr, median(duration_minutes) AS mttr_med, max(duration_minutes) AS longest
			FROM result_incidents GROUP BY ALL)
		SELECT d.service_id, strftime(d.day, '%Y-%m') AS month,
		       sum(known_minutes - down_minutes) AS up_minutes, sum(down_minutes) AS down_minutes, 0 AS maintenance_minutes,
		       count(*) * 1440 - sum(known_minutes) AS unknown_minutes,
		       100.0 * sum(known_minutes - down_minutes) / nullif(sum(known_minutes), 0) AS availability_minutes_pct,
		       100.0 * sum(known_minutes - down_minutes) / nullif(sum(known_minutes), 0) AS availability_requests_pct,
		       any_value(s.slo) AS slo_pct,
		       100.0 * sum(down_minutes) / nullif((100 - any_value(s.slo)) / 100 * sum(known_minutes), 0) AS error_budget_used_pct,
		       coalesce(any_value(i.incidents), 0) AS incidents, any_value(i.mttr) AS mttr_minutes, any_value(i.mttr_med) AS mttr_median_minutes,
		       sum(known_minutes - down_minutes) / 60.0 / nullif(any_value(i.incidents), 0) AS mtbf_hours, any_value(i.longest) AS longest_outage_minutes,
		       100.0 * sum(known_minutes - down_minutes) FILTER (WHERE monthend) / nullif(sum(known_minutes) FILTER (WHERE monthend), 0) AS availability_monthend_pct,
		       100.0 * sum(known_minutes - down_minutes) FILTER (WHERE NOT monthend) / nullif(sum(known_minutes) FILTER (WHERE NOT monthend), 0) AS availability_rest_pct,
		       sum(requests) AS requests, 0 AS errors_5xx
		FROM d JOIN (VALUES ('wb-ration', 99.5), ('cg-chips-lsk', 99.0), ('cg-csmcl-booking', 99.0), ('mp-rewa-smartmeter', 99.5)) s(service_id, slo) USING (service_id)
		LEFT JOIN i ON i.service_id = d.service_id AND i.month = strftime(d.day, '%Y-%m')
		GROUP BY ALL`)
	rows, err := db.Query(ctx, `SELECT service_id, sum(days) FILTER (WHERE monthend), sum(days) FILTER (WHERE NOT monthend),
		sum(incident_starts) FILTER (WHERE monthend), sum(incident_starts) FILTER (WHERE NOT monthend),
		sum(known_minutes) FILTER (WHERE monthend), sum(known_minutes) FILTER (WHERE NOT monthend),
		sum(down_minutes) FILTER (WHERE monthend), sum(down_minutes) FILTER (WHERE NOT monthend),
		sum(requests) FILTER (WHERE monthend), sum(requests) FILTER (WHERE NOT monthend)
		FROM (SELECT *, 1 AS days FROM result_days) GROUP BY ALL ORDER BY 1`)
	require.NoError(t, err)
	type me struct {
		svc                                    string
		d1, d0, x1, x0, e1, e0, m1, m0, r1, r0 int64
	}
	var mes []me
	for rows.Next() {
		var m me
		require.NoError(t, rows.Scan(&m.svc, &m.d1, &m.d0, &m.x1, &m.x0, &m.e1, &m.e0, &m.m1, &m.m0, &m.r1, &m.r0))
		mes = append(mes, m)
	}
	require.NoError(t, rows.Close())
	for _, m := range mes {
		rr, lo, hi, p := analyze.RateRatio(m.x1, float64(m.e1), m.x0, float64(m.e0))
		var mrr any
		if m.m0 > 0 {
			mrr = (float64(m.m1) / float64(m.e1)) / (float64(m.m0) / float64(m.e0))
		}
		exec(`INSERT INTO result_monthend BY NAME SELECT ? AS service_id, 'monitoring' AS source, 3 AS k, ? AS incident_rate_ratio, ? AS minutes_rate_ratio,
			? AS ci_low, ? AS ci_high, ? AS p_value, ? AS monthend_days, ? AS other_days, ? AS monthend_incidents, ? AS other_incidents,
			? AS monthend_outage_minutes, ? AS other_outage_minutes, ? AS monthend_known_minutes, ? AS other_known_minutes,
			? AS monthend_requests, ? AS other_requests`,
			m.svc, nan(rr), mrr, nan(lo), nan(hi), nan(p), m.d1, m.d0, m.x1, m.x0, m.m1, m.m0, m.e1, m.e0, m.r1, m.r0)
	}

	// Capacity: four samples a day of lsk-db-1:/data, and its outlook.
	vals = vals[:0]
	for t := dataFrom; t.Before(dataTo); t = t.Add(6 * time.Hour) {
		vals = append(vals, fmt.Sprintf("(TIMESTAMPTZ '%s', %.3f)", t.UTC().Format("2006-01-02 15:04:05+00"), usedPct(t)))
	}
	exec(`INSERT INTO capacity (source_id, line, service_id, ts, host, resource, size_bytes, used_pct)
		SELECT 3, row_number() OVER (), 'cg-chips-lsk', col0, 'lsk-db-1', '/data', 2e12, col1 FROM (VALUES ` + strings.Join(vals, ", ") + `)`)
	last := ts("2025-09-30 18:00")
	level := usedPct(last)
	exec(`INSERT INTO result_saturation BY NAME SELECT 'cg-chips-lsk' AS service_id, 'lsk-db-1' AS host, '/data' AS resource,
		? AS last_ts, ? AS used_pct, ? AS level_pct, 0.3 AS slope_pct_per_day, 0.25 AS slope_low_pct_per_day, 0.36 AS slope_high_pct_per_day,
		88.8 AS span_days_since_break, ? AS last_break, 2 AS breaks, 'rising' AS trend,
		(90 - ?) / 0.3 AS days_to_90, (100 - ?) / 0.3 AS days_to_100, (100 - ?) / 0.36 AS days_to_100_low, (100 - ?) / 0.25 AS days_to_100_high,
		'cleanup' AS last_break_kind, 133 AS storage_full_events,
		to_timestamp(epoch_us(?::TIMESTAMPTZ) / 1e6 + (90 - ?) / 0.3 * 86400) AS eta_90,
		to_timestamp(epoch_us(?::TIMESTAMPTZ) / 1e6 + (100 - ?) / 0.3 * 86400) AS eta_100`,
		last, level, level, ts("2025-07-03 22:00"), level, level, level, level, last, level, last, level)

	// Minutes: one sample minute an hour per service, for the load curve.
	exec(`INSERT INTO result_minutes BY NAME
		WITH m AS (SELECT unnest(range(?::BIGINT, ?::BIGINT, 60)) AS minute),
		s AS (SELECT * FROM (VALUES ('cg-chips-lsk', 12), ('cg-csmcl-booking', 6), ('mp-rewa-smartmeter', 3), ('wb-ration', 40)) v(service_id, base))
		SELECT s.service_id, m.minute,
		       (base * (1 + ((m.minute // 60 + 330 // 60) % 24 BETWEEN 8 AND 19)::INTEGER * 3)
		         * CASE WHEN s.service_id = 'cg-csmcl-booking' AND m.minute BETWEEN ? AND ? THEN 12
		                WHEN s.service_id = 'cg-csmcl-booking' AND m.minute BETWEEN ? AND ? THEN 6 ELSE 1 END)::BIGINT AS requests,
		       0::BIGINT AS errors_5xx, 'up' AS state
		FROM m, s`, dataFrom.Unix()/60, dataTo.Unix()/60, minute("2025-04-14 09:00"), minute("2025-04-14 17:00"),
		minute("2024-10-31 08:00"), minute("2024-10-31 20:00"))
	exec(`UPDATE result_minutes SET errors_5xx = (requests * CASE WHEN requests >= 300 THEN 0.9 WHEN requests >= 100 THEN 0.2 WHEN requests >= 40 THEN 0.01 ELSE 0.001 END)::BIGINT`)
	exec(`UPDATE result_minutes SET error_ratio = errors_5xx / requests`)
	exec(`INSERT INTO result_states BY NAME SELECT service_id, 'up' AS state, min(minute) AS start_minute, max(minute) + 60 AS end_minute FROM result_minutes GROUP BY ALL`)

	// Promise cases: smart-meter reconnections (three a day, 3 to 15 minutes,
	// queued until the server returned on outage days), CSMCL launch-day payments.
	vals = vals[:0]
	n := 0
	for d := dataFrom; d.Before(dataTo); d = d.AddDate(0, 0, 1) {
		for i, h := range []int{10, 13, 16} {
			n++
			start := d.Add(time.Duration(h) * time.Hour)
			delay := float64(3 + (d.YearDay()*7+i*5)%13)
			for _, in := range fxIncidents {
				if in.service == "mp-rewa-smartmeter" && !start.Before(ts(in.start)) && start.Before(ts(in.end)) {
					delay = ts(in.end).Sub(start).Minutes() + 5
				}
			}
			status := "kept"
			if delay > 20 {
				status = "broken"
			}
			if start.After(ts("2025-09-30 20:00")) {
				continue
			}
			vals = append(vals, fmt.Sprintf("('mp-rewa-smartmeter', 'reconnect-20m', 'c%d', TIMESTAMPTZ '%s', %g, '%s')", n, start.UTC().Format("2006-01-02 15:04:05+00"), delay, status))
		}
	}
	for i := 0; i < 420; i++ {
		start := ts("2025-04-14 09:00").Add(time.Duration(i) * 30 * time.Second)
		switch {
		case i < 40:
			vals = append(vals, fmt.Sprintf("('cg-csmcl-booking', 'refund-4h', 'p%d', TIMESTAMPTZ '%s', NULL, 'never_completed')", i, start.UTC().Format("2006-01-02 15:04:05+00")))
		default:
			delay := float64(180 + (i*37)%1620)
			status := "kept"
			if delay > 240 {
				status = "broken"
			}
			vals = append(vals, fmt.Sprintf("('cg-csmcl-booking', 'refund-4h', 'p%d', TIMESTAMPTZ '%s', %g, '%s')", i, start.UTC().Format("2006-01-02 15:04:05+00"), delay, status))
		}
	}
	exec(`INSERT INTO result_promise_cases BY NAME SELECT col0 AS service_id, col1 AS promise_id, col2 AS key, col3 AS started,
		to_timestamp(epoch_us(col3) / 1e6 + col4 * 60) AS ended, col4 AS delay_minutes, col5 AS status FROM (VALUES ` + strings.Join(vals, ", ") + `)`)
	exec(`INSERT INTO result_promises BY NAME SELECT c.service_id, c.promise_id,
		CASE c.promise_id WHEN 'reconnect-20m' THEN 'reconnect within 20 minutes of payment'
		     ELSE 'money back in the wallet within 4 hours when an order is not confirmed' END AS text,
		CASE c.promise_id WHEN 'reconnect-20m' THEN 20 ELSE 240 END AS limit_minutes,
		CASE c.promise_id WHEN 'reconnect-20m' THEN 1440 ELSE 2880 END AS orphan_after_minutes,
		count(*) FILTER (WHERE status = 'broken') AS broken,
		count(*) AS started, count(*) FILTER (WHERE status IN ('kept', 'broken')) AS completed, count(*) FILTER (WHERE status = 'kept') AS kept,
		100.0 * count(*) FILTER (WHERE status = 'kept') / nullif(count(*) FILTER (WHERE status <> 'pending'), 0) AS kept_pct,
		quantile_cont(delay_minutes, 0.5) AS p50_minutes, quantile_cont(delay_minutes, 0.95) AS p95_minutes, max(delay_minutes) AS max_minutes,
		count(*) FILTER (WHERE status = 'never_completed') AS never_completed, count(*) FILTER (WHERE status = 'pending') AS pending
		FROM result_promise_cases c GROUP BY ALL`)

	// News.
	for i, nw := range append(append([]fxNews{}, fxNewsItems...), extraNews...) {
		id := 100 + i
		exec(`INSERT INTO sources VALUES (?, 'news', ?, 'html', NULL, ?, 1, 1, 'x', 1, 1, 0, TIMESTAMPTZ '2025-10-01 00:00:00+00', TIMESTAMPTZ '2025-10-01 00:00:00+00')`,
			id, "news/"+nw.file, fmt.Sprintf("%064d", id))
		var url any
		if nw.url != "" {
			url = nw.url
		}
		exec(`INSERT INTO articles (source_id, url, site, title, published, language, body, html_sha256, extracted_at)
			VALUES (?, ?, ?, ?, ?, ?, '', 'x', TIMESTAMPTZ '2025-10-01 00:00:00+00')`, id, url, nw.site, nw.title, ts(nw.published), nw.lang)
		var started any
		if nw.started != "" {
			started = ts(nw.started)
		}
		exec(`INSERT INTO news_reports (source_id, is_outage, service_id, service_name, state, started, started_time_known, duration_minutes, cause, affected, money_inr, confidence, evidence)
			VALUES (?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, nullStr(nw.service), nw.serviceName, nw.state, started, nw.timeKnown,
			nullNum(nw.duration), nullStr(nw.cause), nullInt(nw.affected), nullNum(nw.money), nw.confidence, nw.evidence)
	}
	require.Empty(t, errs)
	return db
}

type fxNews struct {
	file, url, site, title, published, lang string
	service, serviceName, state, started    string
	timeKnown                               bool
	duration, money                         float64
	affected                                int64
	cause                                   string
	confidence                              float64
	evidence                                string
}

var fxNewsItems = []fxNews{
	{"bn-ration-2024-09-29.html", "https://bangla.example/ration-server-down", "Khabar Bangla", "শনিবার সন্ধ্যা থেকে রেশনের সার্ভার বন্ধ, বিপাকে ডিলাররা", "2024-09-29 08:00", "bn",
		"wb-ration", "রেশন", "West Bengal", "2024-09-28 18:00", true, 0, 0, 0, "unknown", 0.8, `{"started":"শনিবার সন্ধ্যা থেকে ই-পস সার্ভার কাজ করছে না।"}`},
	{"bn-ration-2025-01-31.html", "https://bangla.example/ekyc-down-thursday", "Khabar Bangla", "বৃহস্পতিবার সকাল থেকে ই-কেওয়াইসি বন্ধ", "2025-01-31 09:00", "bn",
		"wb-ration", "ই-কেওয়াইসি", "West Bengal", "2025-01-30 00:00", false, 0, 0, 0, "unknown", 0.7, `{"started":"বৃহস্পতিবার সকাল থেকে ই-কেওয়াইসি ও রেশন বিতরণ বন্ধ।"}`},
	{"en-ration-2025-03-30.html", "https://eastern-times.example/ration-dealers-stranded", "Eastern Times", "Ration dealers stranded as e-PoS servers fail at month end", "2025-03-30 10:00", "en",
		"wb-ration", "ration e-PoS", "West Bengal", "2025-03-29 17:00", true, 0, 0, 12000, "unknown", 0.85, `{"started":"Dealers said the e-PoS machines stopped working on Saturday evening.","affected":"About 12,000 card holders were turned away."}`},
	{"en-chips-2025-06-30.html", "https://central-daily.example/chips-storage-full", "Central Daily", "Certificate portal storage full in admission season", "2025-06-30 09:00", "en",
		"cg-chips-lsk", "Lok Seva Kendra", "Chhattisgarh", "2025-06-27 00:00", false, 0, 0, 0, "storage_full", 0.8, `{"cause":"Officials said the database server had run out of storage."}`},
	{"hi-chips-2025-07-02.html", "https://hindi-samachar.example/chips-data-full", "Hindi Samachar", "चिप्स में \"डेटा फुल\", एक हफ्ते से प्रमाण पत्र अटके", "2025-07-02 08:00", "hi",
		"cg-chips-lsk", "लोक सेवा केंद्र", "Chhattisgarh", "2025-06-27 00:00", false, 0, 0, 0, "storage_full", 0.75, `{"cause":"सर्वर का डेटा फुल होने से जाति, आय और निवास प्रमाण पत्र नहीं बन पा रहे।"}`},
	{"hi-csmcl-2025-04-15.html", "https://hindi-samachar.example/csmcl-launch-crash", "Hindi Samachar", "होम डिलीवरी के पहले दिन बुकिंग पोर्टल ठप", "2025-04-15 07:00", "hi",
		"cg-csmcl-booking", "सीएसएमसीएल", "Chhattisgarh", "2025-04-14 09:00", true, 260, 1.2e7, 0, "load_surge", 0.8, `{"money":"करीब 1.2 करोड़ रुपये के भुगतान अटके।","started":"सोमवार सुबह 9 बजे से पोर्टल नहीं खुला।"}`},
	{"en-csmcl-2025-04-15.html", "https://central-daily.example/csmcl-payments-debited", "Central Daily", "Liquor booking portal crashes on launch day; payments debited", "2025-04-15 11:00", "en",
		"cg-csmcl-booking", "CSMCL", "Chhattisgarh", "2025-04-14 09:00", true, 0, 0, 0, "load_surge", 0.8, `{"cause":"The portal could not handle the rush of buyers."}`},
	{"hi-smartmeter-2025-03-14.html", "https://hindi-samachar.example/rewa-reconnection-9-hours", "Hindi Samachar", "रीवा: बिल भरने के 9 घंटे बाद जुड़ी बिजली", "2025-03-14 08:00", "hi",
		"mp-rewa-smartmeter", "स्मार्ट मीटर", "Madhya Pradesh", "2025-03-13 12:00", true, 0, 0, 0, "unknown", 0.7, `{"started":"गुरुवार दोपहर से सर्वर बंद रहा।"}`},
	{"hi-smartmeter-2025-06-20.html", "https://hindi-samachar.example/rewa-server-down", "Hindi Samachar", "रीवा में स्मार्ट मीटर सर्वर ठप", "2025-06-20 08:00", "hi",
		"mp-rewa-smartmeter", "स्मार्ट मीटर", "Madhya Pradesh", "2025-06-19 00:00", false, 0, 0, 0, "unknown", 0.6, `{"started":"बुधवार से सर्वर नहीं चल रहा।"}`},
}

// hostileNews is an article whose title, outlet and evidence try to run
// script, and whose link is a javascript: URL.
var hostileNews = fxNews{"evil.html", "javascript:alert(2)", `<img src=x onerror=alert(3)>`, `<script>alert(1)</script> Ration server down`, "2025-05-02 08:00", "en",
	"wb-ration", "ration", "West Bengal", "2025-05-01 00:00", false, 0, 0, 0, "unknown", 0.5, `{"started":"<script>alert(4)</script>"}`}

func nan(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}
func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}
func nullNum(v float64) any {
	if v == 0 {
		return nil
	}
	return v
}
func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}
