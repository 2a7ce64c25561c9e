package reports

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"outagelens/data/store"
)

// IncidentRow is one outage: detected in logs, probes or a status history, or
// reported in the news.
type IncidentRow struct {
	Service         string    `json:"service" head:"SERVICE"`
	Start           time.Time `json:"start" head:"START" unit:"time"`
	End             time.Time `json:"end" head:"END" unit:"time"`
	DurationMinutes float64   `json:"duration_minutes" head:"DURATION" unit:"minutes"`
	Cause           string    `json:"cause" head:"CAUSE"`
	Source          string    `json:"source" head:"SOURCE"`
	PeakErrorRatio  *float64  `json:"peak_error_ratio" head:"PEAK 5XX" unit:"ratio"`
}

// Incidents returns detected incidents ordered by start.
func Incidents(ctx context.Context, db *store.DB, f Filter) ([]IncidentRow, error) {
	rows, err := db.Query(ctx, `SELECT service_id, start_minute, end_minute, duration_minutes, cause, source, peak_error_ratio
		FROM result_incidents ORDER BY start_minute, service_id`)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("incidents report: %w", err)
	}
	defer rows.Close()
	var out []IncidentRow
	for rows.Next() {
		var r IncidentRow
		var start, end int64
		var peak sql.NullFloat64
		if err := rows.Scan(&r.Service, &start, &end, &r.DurationMinutes, &r.Cause, &r.Source, &peak); err != nil {
			return nil, fmt.Errorf("incidents report: %w", err)
		}
		r.Start, r.End, r.PeakErrorRatio = minuteTime(start, f.loc()), minuteTime(end, f.loc()), ptr(peak)
		if f.service(r.Service) && f.time(r.Start) {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
}
