package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"outagelens/analyze"
	"outagelens/data/store"
)

// MonthEndRow compares the last K days of each month with the other days, for
// one service (or "all") and one source of incidents.
type MonthEndRow struct {
	Service string `json:"service" head:"SERVICE"`
	// Source is "monitoring" (logs, probes, status histories) or "news".
	Source                 string   `json:"source" head:"SOURCE"`
	K                      int      `json:"k" head:"K"`
	IncidentRateRatio      *float64 `json:"incident_rate_ratio" head:"INCIDENT RATE RATIO" unit:"ratio"`
	CILow                  *float64 `json:"ci_low" head:"95% LOW" unit:"ratio"`
	CIHigh                 *float64 `json:"ci_high" head:"95% HIGH" unit:"ratio"`
	PValue                 *float64 `json:"p_value" head:"P" unit:"p"`
	MinutesRateRatio       *float64 `json:"minutes_rate_ratio" head:"OUTAGE-MINUTES RATIO" unit:"ratio"`
	MonthEndDays           int64    `json:"monthend_days" head:"MONTH-END DAYS"`
	OtherDays              int64    `json:"other_days" head:"OTHER DAYS"`
	MonthEndIncidents      int64    `json:"monthend_incidents" head:"INCIDENTS (END)"`
	OtherIncidents         int64    `json:"other_incidents" head:"INCIDENTS (REST)"`
	MonthEndOutageMinutes  int64    `json:"monthend_outage_minutes" head:"DOWN (END)" unit:"minutes"`
	OtherOutageMinutes     int64    `json:"other_outage_minutes" head:"DOWN (REST)" unit:"minutes"`
	MonthEndKnownMinutes   int64    `json:"monthend_known_minutes" head:"EXPOSURE (END)" unit:"minutes" table:"hide"`
	OtherKnownMinutes      int64    `json:"other_known_minutes" head:"EXPOSURE (REST)" unit:"minutes" table:"hide"`
	MonthEndRequestsPerDay *float64 `json:"monthend_requests_per_day" head:"REQ/DAY (END)" unit:"count"`
	OtherRequestsPerDay    *float64 `json:"other_requests_per_day" head:"REQ/DAY (REST)" unit:"count"`
}

// MonthEnd returns the month-end comparison per service and over all ("all"),
// each service's news row before its monitoring row. Without a time filter it
// reads result_monthend; with one it sums the days of result_days and
// result_news_days in the period and computes the ratios with analyze's
// definitions (MonthEnd.Compute).
func MonthEnd(ctx context.Context, db *store.DB, f Filter) ([]MonthEndRow, error) {
	var k int
	if err := db.QueryRow(ctx, `SELECT coalesce(max(k), 0) FROM result_monthend`).Scan(&k); err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("monthend report: %w", err)
	}
	q, args := `SELECT service_id, source, monthend_days, other_days, monthend_incidents, other_incidents,
			monthend_outage_minutes, other_outage_minutes, monthend_known_minutes, other_known_minutes,
			monthend_requests, other_requests
		FROM result_monthend`, []any(nil)
	if f.HasTime() {
		from, to := f.dates()
		q, args = monthEndInPeriod, []any{from, to}
	}
	rows, err := query(ctx, db, "monthend", `SELECT * FROM (`+q+`) ORDER BY service_id = 'all', service_id, source = 'monitoring'`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MonthEndRow
	for rows.Next() {
		m := analyze.MonthEnd{K: k}
		var down1, down0, req1, req0 sql.NullInt64
		if err := rows.Scan(&m.Service, &m.Source, &m.MonthEndDays, &m.OtherDays, &m.MonthEndIncidents, &m.OtherIncidents,
			&down1, &down0, &m.MonthEndKnownMin, &m.OtherKnownMin, &req1, &req0); err != nil {
			return nil, fmt.Errorf("monthend report: %w", err)
		}
		m.MonthEndOutageMin, m.OtherOutageMin, m.MonthEndRequests, m.OtherRequests = down1.Int64, down0.Int64, req1.Int64, req0.Int64
		if !f.service(m.Service) {
			continue
		}
		m.Compute()
		r := MonthEndRow{
			Service: m.Service, Source: m.Source, K: m.K,
			IncidentRateRatio: num(m.IncidentRateRatio), CILow: num(m.CILow), CIHigh: num(m.CIHigh), PValue: num(m.PValue),
			MinutesRateRatio: num(m.MinutesRateRatio), MonthEndDays: m.MonthEndDays, OtherDays: m.OtherDays,
			MonthEndIncidents: m.MonthEndIncidents, OtherIncidents: m.OtherIncidents,
			MonthEndOutageMinutes: m.MonthEndOutageMin, OtherOutageMinutes: m.OtherOutageMin,
			MonthEndKnownMinutes: m.MonthEndKnownMin, OtherKnownMinutes: m.OtherKnownMin,
		}
		if req1.Valid && m.MonthEndDays > 0 {
			r.MonthEndRequestsPerDay = num(float64(m.MonthEndRequests) / float64(m.MonthEndDays))
		}
		if req0.Valid && m.OtherDays > 0 {
			r.OtherRequestsPerDay = num(float64(m.OtherRequests) / float64(m.OtherDays))
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// monthEndInPeriod sums result_days and result_news_days over [$1, $2) the way
// analyze/sql/monthend.sql sums all of them.
const monthEndInPeriod = `WITH d AS (
		SELECT service_id, 'monitoring' AS source, monthend, 1 AS days, known_minutes, down_minutes, incident_starts, requests
		FROM result_days WHERE day >= $1::DATE AND day < $2::DATE
		UNION ALL
		SELECT service_id, 'news', monthend, 1, known_minutes, NULL, incident_starts, NULL
		FROM result_news_days WHERE day >= $1::DATE AND day < $2::DATE
	),
	per AS (
		SELECT service_id, source, monthend, sum(days) AS days, sum(known_minutes) AS known, sum(down_minutes) AS down,
			sum(incident_starts) AS starts, sum(requests) AS req
		FROM d GROUP BY ALL
	),
	cells AS (
		SELECT * FROM per
		UNION ALL
		SELECT 'all', source, monthend,
			CASE WHEN source = 'news' THEN max(days) ELSE sum(days) END,
			CASE WHEN source = 'news' THEN max(known) ELSE sum(known) END,
			sum(down), sum(starts), sum(req)
		FROM per GROUP BY source, monthend
	)
	SELECT service_id, source,
		coalesce(sum(days) FILTER (WHERE monthend), 0)::BIGINT, coalesce(sum(days) FILTER (WHERE NOT monthend), 0)::BIGINT,
		coalesce(sum(starts) FILTER (WHERE monthend), 0)::BIGINT, coalesce(sum(starts) FILTER (WHERE NOT monthend), 0)::BIGINT,
		sum(down) FILTER (WHERE monthend)::BIGINT, sum(down) FILTER (WHERE NOT monthend)::BIGINT,
		coalesce(sum(known) FILTER (WHERE monthend), 0)::BIGINT, coalesce(sum(known) FILTER (WHERE NOT monthend), 0)::BIGINT,
		sum(req) FILTER (WHERE monthend)::BIGINT, sum(req) FILTER (WHERE NOT monthend)::BIGINT
	FROM cells GROUP BY ALL`

// MonthEndDayRow is one day of the month: its exposure, outages and demand, so a
// planner sees whether outages follow load. Rates are per observed day, so that
// day 31 (in 7 months of 12) compares fairly with day 15.
type MonthEndDayRow struct {
	Service    string `json:"service" head:"SERVICE"`
	Source     string `json:"source" head:"SOURCE"`
	DayOfMonth int64  `json:"day_of_month" head:"DAY"`
	// ExposureDays is how many calendar days with this number were observed;
	// MonthEndDays how many of them were among their month's last K days.
	ExposureDays int64 `json:"exposure_days" head:"DAYS"`
	MonthEndDays int64 `json:"monthend_days" head:"OF THEM MONTH END"`
	// KnownHours is the observed (up or down) time; for news, calendar time.
	KnownHours float64 `json:"known_hours" head:"KNOWN" unit:"hours" table:"hide"`
	// OutageMinutesPerDay is outage minutes per 1440 known minutes.
	OutageMinutesPerDay *float64 `json:"outage_minutes_per_day" head:"DOWN/DAY" unit:"minutes"`
	Incidents           int64    `json:"incidents" head:"INCIDENTS"`
	// IncidentsPer100Days is incident starts per 100 known days.
	IncidentsPer100Days *float64 `json:"incidents_per_100_days" head:"PER 100 DAYS" unit:"count"`
	// RequestsPerDay is requests per observed day (demand).
	RequestsPerDay *float64 `json:"requests_per_day" head:"REQ/DAY" unit:"count"`
}

// MonthEndDays returns, per service (and "all") and source, each day of the
// month. Without a time filter it reads result_monthend_dom; with one it sums the
// days of result_days and result_news_days in the period the way
// analyze/sql/monthend.sql sums all of them.
func MonthEndDays(ctx context.Context, db *store.DB, f Filter) ([]MonthEndDayRow, error) {
	q, args := `SELECT service_id, source, day_of_month, exposure_days, monthend_days, known_minutes::DOUBLE,
			down_minutes::DOUBLE, incident_starts::DOUBLE, requests::DOUBLE
		FROM result_monthend_dom`, []any(nil)
	if f.HasTime() {
		from, to := f.dates()
		q, args = monthEndDaysInPeriod, []any{from, to}
	}
	rows, err := query(ctx, db, "monthend-days", `SELECT * FROM (`+q+`)
		ORDER BY source <> 'monitoring', service_id = 'all', service_id, day_of_month`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MonthEndDayRow
	for rows.Next() {
		var r MonthEndDayRow
		var known, down, starts, req sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Source, &r.DayOfMonth, &r.ExposureDays, &r.MonthEndDays, &known, &down, &starts, &req); err != nil {
			return nil, fmt.Errorf("monthend-days report: %w", err)
		}
		if !f.service(r.Service) {
			continue
		}
		r.KnownHours, r.Incidents = known.Float64/60, int64(starts.Float64)
		if known.Float64 > 0 {
			if down.Valid {
				r.OutageMinutesPerDay = num(down.Float64 / known.Float64 * 1440)
			}
			r.IncidentsPer100Days = num(starts.Float64 / (known.Float64 / 1440) * 100)
		}
		if req.Valid && r.ExposureDays > 0 {
			r.RequestsPerDay = num(req.Float64 / float64(r.ExposureDays))
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// monthEndDaysInPeriod sums result_days and result_news_days over [$1, $2) per
// day of the month, as analyze/sql/monthend.sql's result_monthend_dom sums all
// of them.
const monthEndDaysInPeriod = `WITH d AS (
		SELECT service_id, 'monitoring' AS source, day_of_month, monthend, known_minutes, down_minutes, incident_starts, requests
		FROM result_days WHERE day >= $1::DATE AND day < $2::DATE
		UNION ALL
		SELECT service_id, 'news', day_of_month, monthend, known_minutes, NULL, incident_starts, NULL
		FROM result_news_days WHERE day >= $1::DATE AND day < $2::DATE
	),
	per AS (
		SELECT service_id, source, day_of_month, count(*) AS days, count(*) FILTER (WHERE monthend) AS monthend_days,
			sum(known_minutes)::DOUBLE AS known, sum(down_minutes)::DOUBLE AS down, sum(incident_starts)::DOUBLE AS starts,
			sum(requests)::DOUBLE AS req
		FROM d GROUP BY ALL
	)
	SELECT * FROM per
	UNION ALL
	SELECT 'all', source, day_of_month,
		CASE WHEN source = 'news' THEN max(days) ELSE sum(days) END, CASE WHEN source = 'news' THEN max(monthend_days) ELSE sum(monthend_days) END,
		CASE WHEN source = 'news' THEN max(known) ELSE sum(known) END, sum(down), sum(starts), sum(req)
	FROM per GROUP BY source, day_of_month`

// num is a pointer to v, or nil for what the data cannot say (NaN, ±Inf).
func num(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
