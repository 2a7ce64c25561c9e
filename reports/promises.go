package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

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

// promisesInPeriod summarises result_promise_cases whose start is in [$1, $2)
// exactly as analyze/sql/promises.sql summarises all of them.
const promisesInPeriod = `SELECT c.service_id, c.promise_id, coalesce(any_value(p.text), ''), any_value(p.limit_minutes),
	count(*), count(*) FILTER (WHERE c.status IN ('kept', 'broken')),
	100.0 * count(*) FILTER (WHERE c.status = 'kept') / nullif(count(*) FILTER (WHERE c.status <> 'pending'), 0),
	quantile_cont(c.delay_minutes, 0.5), quantile_cont(c.delay_minutes, 0.95), max(c.delay_minutes),
	count(*) FILTER (WHERE c.status = 'never_completed'), count(*) FILTER (WHERE c.status = 'pending')
	FROM result_promise_cases c JOIN result_promises p USING (service_id, promise_id)
	WHERE c.started >= $1 AND c.started < $2
	GROUP BY ALL ORDER BY c.service_id, c.promise_id`

// Promises returns one row per catalog promise with events. With a time filter
// the row counts only the cases that started in the period.
func Promises(ctx context.Context, db *store.DB, f Filter) ([]PromiseRow, error) {
	q, args := `SELECT service_id, promise_id, coalesce(text, ''), limit_minutes, started, completed, kept_pct,
		p50_minutes, p95_minutes, max_minutes, never_completed, pending FROM result_promises ORDER BY service_id, promise_id`, []any(nil)
	if f.HasTime() {
		from, to := f.From, f.To
		if from.IsZero() {
			from = time.Unix(0, 0)
		}
		if to.IsZero() {
			to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		q, args = promisesInPeriod, []any{from.UTC(), to.UTC()}
	}
	rows, err := db.Query(ctx, q, args...)
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
