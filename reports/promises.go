package reports

import (
	"context"
	"database/sql"
	"fmt"

	"outagelens/data/store"
)

// PromiseRow is how well one stated promise was kept.
type PromiseRow struct {
	Service        string   `json:"service" head:"SERVICE"`
	Promise        string   `json:"promise" head:"PROMISE"`
	Text           string   `json:"text" head:"WHAT WAS PROMISED" table:"hide"`
	LimitMinutes   float64  `json:"limit_minutes" head:"LIMIT" unit:"minutes"`
	Started        int64    `json:"started" head:"STARTED"`
	Completed      int64    `json:"completed" head:"COMPLETED"`
	KeptPct        *float64 `json:"kept_pct" head:"KEPT" unit:"pct"`
	P50Minutes     *float64 `json:"p50_minutes" head:"MEDIAN" unit:"minutes"`
	P95Minutes     *float64 `json:"p95_minutes" head:"P95" unit:"minutes"`
	MaxMinutes     *float64 `json:"max_minutes" head:"WORST" unit:"minutes"`
	NeverCompleted int64    `json:"never_completed" head:"NEVER COMPLETED"`
	Pending        int64    `json:"pending" head:"PENDING" table:"hide"`
}

// Promises returns one row per catalog promise with events.
func Promises(ctx context.Context, db *store.DB, f Filter) ([]PromiseRow, error) {
	rows, err := db.Query(ctx, `SELECT service_id, promise_id, coalesce(text, ''), limit_minutes, started, completed, kept_pct,
		p50_minutes, p95_minutes, max_minutes, never_completed, pending FROM result_promises ORDER BY service_id, promise_id`)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("promises report: %w", err)
	}
	defer rows.Close()
	var out []PromiseRow
	for rows.Next() {
		var r PromiseRow
		var kept, p50, p95, max sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Promise, &r.Text, &r.LimitMinutes, &r.Started, &r.Completed, &kept, &p50, &p95, &max,
			&r.NeverCompleted, &r.Pending); err != nil {
			return nil, fmt.Errorf("promises report: %w", err)
		}
		if f.service(r.Service) {
			r.KeptPct, r.P50Minutes, r.P95Minutes, r.MaxMinutes = ptr(kept), ptr(p50), ptr(p95), ptr(max)
			out = append(out, r)
		}
	}
	return out, rows.Err()
}
