package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"outagelens/data/store"
)

// LinkRow pairs a news-reported incident with a monitored one of the same
// service, or says that one of them has no partner.
type LinkRow struct {
	Service string `json:"service" head:"SERVICE"`
	// Kind is linked, news_only or logs_only.
	Kind string `json:"kind" head:"KIND"`
	// NewsIncident and Incident are the ids of the incidents report (N<n>, I<n>).
	NewsIncident string     `json:"news_incident" head:"NEWS"`
	Incident     string     `json:"incident" head:"MONITORED"`
	NewsStart    *time.Time `json:"news_start" head:"NEWS START" unit:"time"`
	NewsEnd      *time.Time `json:"news_end" head:"NEWS END" unit:"time" table:"hide"`
	Start        *time.Time `json:"start" head:"START" unit:"time"`
	End          *time.Time `json:"end" head:"END" unit:"time"`
	// StartGapMinutes is the monitored start minus the news start.
	StartGapMinutes *float64 `json:"start_gap_minutes" head:"GAP" unit:"minutes"`
	NewsReports     *int64   `json:"news_reports" head:"ARTICLES" table:"hide"`
	// LogsCover says, for a news-only incident, whether the service had known
	// minutes around it: true means monitoring missed it, false that it has no
	// logs then.
	LogsCover bool `json:"logs_cover" head:"LOGS COVER"`
}

// Links returns result_links rows whose incident (the news one when there is
// one) starts in the filter's period.
func Links(ctx context.Context, db *store.DB, f Filter) ([]LinkRow, error) {
	rows, err := query(ctx, db, "links", `SELECT service_id, kind, coalesce('N' || news_incident_id, ''), coalesce('I' || incident_id, ''),
			news_start_minute, news_end_minute, start_minute, end_minute, start_gap_minutes, news_reports, logs_cover
		FROM result_links ORDER BY service_id, coalesce(news_start_minute, start_minute), kind, incident_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LinkRow
	for rows.Next() {
		var r LinkRow
		var ns, ne, s, e, reports sql.NullInt64
		var gap sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Kind, &r.NewsIncident, &r.Incident, &ns, &ne, &s, &e, &gap, &reports, &r.LogsCover); err != nil {
			return nil, fmt.Errorf("links report: %w", err)
		}
		loc := f.loc()
		r.NewsStart, r.NewsEnd, r.Start, r.End = minutePtr(ns, loc), minutePtr(ne, loc), minutePtr(s, loc), minutePtr(e, loc)
		r.StartGapMinutes = ptr(gap)
		if reports.Valid {
			n := reports.Int64
			r.NewsReports = &n
		}
		at := r.Start
		if r.NewsStart != nil {
			at = r.NewsStart
		}
		if f.service(r.Service) && (at == nil || f.time(*at)) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

func minutePtr(m sql.NullInt64, loc *time.Location) *time.Time {
	if !m.Valid {
		return nil
	}
	t := minuteTime(m.Int64, loc)
	return &t
}
