package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"outagelens/data/store"
)

// IncidentRow is one outage: detected in logs, probes or a status history
// (result_incidents), or reported in the news (result_news_incidents).
type IncidentRow struct {
	Service string `json:"service" head:"SERVICE"`
	// ID names the incident in the links report: I<n> for a monitored incident,
	// N<n> for a news-reported one.
	ID    string     `json:"id" head:"ID" table:"hide"`
	Start time.Time  `json:"start" head:"START" unit:"time"`
	End   *time.Time `json:"end" head:"END" unit:"time"`
	// Duration is end - start in minutes, merged gaps included; nil when a news
	// incident's end is unknown.
	Duration *float64 `json:"duration_minutes" head:"DURATION" unit:"minutes"`
	// DownMinutes counts the down minutes in it (monitored incidents only).
	DownMinutes    *float64 `json:"down_minutes" head:"DOWN" unit:"minutes" table:"hide"`
	Cause          string   `json:"cause" head:"CAUSE"`
	Source         string   `json:"source" head:"SOURCE"`
	PeakErrorRatio *float64 `json:"peak_error_ratio" head:"PEAK 5XX" unit:"ratio"`
	// DemandRatio is the demand before the start over the usual daily peak.
	DemandRatio *float64 `json:"demand_ratio" head:"DEMAND/PEAK" unit:"ratio" table:"hide"`
	// Reports is how many articles reported a news incident.
	Reports *int64 `json:"news_reports" head:"ARTICLES" table:"hide"`
}

// DurationMinutes returns the duration for templates that show a number; the
// default incident list (without Filter.WithNews) has no unknown ends.
func (r IncidentRow) DurationMinutes() float64 {
	if r.Duration == nil {
		return 0
	}
	return *r.Duration
}

// EndTime returns the end, or the start when the end is unknown (a news incident
// whose articles do not say); monitored incidents always have an end.
func (r IncidentRow) EndTime() time.Time {
	if r.End == nil {
		return r.Start
	}
	return *r.End
}

// Incidents returns the incidents that start in the filter's period, ordered by
// start: those monitoring saw, and with f.WithNews the news-reported ones too.
func Incidents(ctx context.Context, db *store.DB, f Filter) ([]IncidentRow, error) {
	q := `SELECT service_id, 'I' || incident_id, start_minute, end_minute, duration_minutes, down_minutes, cause, source,
			peak_error_ratio, demand_ratio, NULL::BIGINT
		FROM result_incidents`
	if f.WithNews {
		q += ` UNION ALL
		SELECT service_id, 'N' || news_incident_id, start_minute, end_minute, end_minute - start_minute, NULL,
			coalesce(cause, 'unknown'), 'news', NULL, NULL, reports
		FROM result_news_incidents`
	}
	rows, err := query(ctx, db, "incidents", q+` ORDER BY 3, 1, 2`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IncidentRow
	for rows.Next() {
		var r IncidentRow
		var start int64
		var end sql.NullInt64
		var dur, down, peak, demand sql.NullFloat64
		var reports sql.NullInt64
		if err := rows.Scan(&r.Service, &r.ID, &start, &end, &dur, &down, &r.Cause, &r.Source, &peak, &demand, &reports); err != nil {
			return nil, fmt.Errorf("incidents report: %w", err)
		}
		r.Start = minuteTime(start, f.loc())
		if end.Valid {
			t := minuteTime(end.Int64, f.loc())
			r.End = &t
		}
		r.Duration, r.DownMinutes, r.PeakErrorRatio, r.DemandRatio = ptr(dur), ptr(down), ptr(peak), ptr(demand)
		if reports.Valid {
			n := reports.Int64
			r.Reports = &n
		}
		if f.service(r.Service) && f.time(r.Start) {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
