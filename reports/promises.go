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
	Service      string  `json:"service" head:"SERVICE"`
	Promise      string  `json:"promise" head:"PROMISE"`
	Text         string  `json:"text" head:"WHAT WAS PROMISED" table:"hide"`
	LimitMinutes float64 `json:"limit_minutes" head:"LIMIT" unit:"minutes"`
	// OrphanAfterMinutes is how long a start may wait for its end before it is
	// never_completed.
	OrphanAfterMinutes float64 `json:"orphan_after_minutes" head:"ORPHAN AFTER" unit:"minutes" table:"hide"`
	Started            int64   `json:"started" head:"STARTED"`
	// Completed is kept + broken: ended within the orphan time.
	Completed int64 `json:"completed" head:"COMPLETED"`
	Kept      int64 `json:"kept" head:"KEPT N" table:"hide"`
	Broken    int64 `json:"broken" head:"BROKEN" table:"hide"`
	// KeptPct is 100 x kept / (started - pending).
	KeptPct        *float64 `json:"kept_pct" head:"KEPT" unit:"pct"`
	P50Minutes     *float64 `json:"p50_minutes" head:"MEDIAN" unit:"minutes"`
	P95Minutes     *float64 `json:"p95_minutes" head:"P95" unit:"minutes"`
	MaxMinutes     *float64 `json:"max_minutes" head:"WORST" unit:"minutes"`
	NeverCompleted int64    `json:"never_completed" head:"NEVER COMPLETED"`
	Pending        int64    `json:"pending" head:"PENDING" table:"hide"`
}

// promisesInPeriod summarises result_promise_cases whose start is in [$1, $2)
// exactly as analyze/sql/promises.sql summarises all of them.
const promisesInPeriod = `SELECT p.service_id, p.promise_id, coalesce(p.text, ''), p.limit_minutes, p.orphan_after_minutes,
		count(c.status), count(*) FILTER (WHERE c.status IN ('kept', 'broken')),
		count(*) FILTER (WHERE c.status = 'kept'), count(*) FILTER (WHERE c.status = 'broken'),
		100.0 * count(*) FILTER (WHERE c.status = 'kept') / nullif(count(*) FILTER (WHERE c.status <> 'pending'), 0),
		quantile_cont(c.delay_minutes, 0.5) FILTER (WHERE c.status IN ('kept', 'broken')),
		quantile_cont(c.delay_minutes, 0.95) FILTER (WHERE c.status IN ('kept', 'broken')),
		max(c.delay_minutes) FILTER (WHERE c.status IN ('kept', 'broken')),
		count(*) FILTER (WHERE c.status = 'never_completed'), count(*) FILTER (WHERE c.status = 'pending')
	FROM result_promises p JOIN result_promise_cases c
	  ON c.service_id = p.service_id AND c.promise_id = p.promise_id AND c.started >= $1 AND c.started < $2
	GROUP BY ALL`

// Promises returns one row per catalog promise with events. With a time filter
// the row counts only the cases that started in the period.
func Promises(ctx context.Context, db *store.DB, f Filter) ([]PromiseRow, error) {
	q, args := `SELECT service_id, promise_id, coalesce(text, ''), limit_minutes, orphan_after_minutes, started, completed,
		kept, broken, kept_pct, p50_minutes, p95_minutes, max_minutes, never_completed, pending FROM result_promises`, []any(nil)
	if f.HasTime() {
		from, to := f.bounds()
		q, args = promisesInPeriod, []any{from, to}
	}
	rows, err := query(ctx, db, "promises", q+` ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PromiseRow
	for rows.Next() {
		var r PromiseRow
		var kept, p50, p95, max sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Promise, &r.Text, &r.LimitMinutes, &r.OrphanAfterMinutes, &r.Started, &r.Completed,
			&r.Kept, &r.Broken, &kept, &p50, &p95, &max, &r.NeverCompleted, &r.Pending); err != nil {
			return nil, fmt.Errorf("promises report: %w", err)
		}
		if f.service(r.Service) {
			r.KeptPct, r.P50Minutes, r.P95Minutes, r.MaxMinutes = ptr(kept), ptr(p50), ptr(p95), ptr(max)
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// PromiseCaseRow is one of a promise's worst cases: never completed, or broken.
type PromiseCaseRow struct {
	Service string     `json:"service" head:"SERVICE"`
	Promise string     `json:"promise" head:"PROMISE"`
	Rank    int64      `json:"rank" head:"#"`
	Key     string     `json:"key" head:"KEY"`
	Started time.Time  `json:"started" head:"STARTED" unit:"time"`
	Ended   *time.Time `json:"ended" head:"ENDED" unit:"time"`
	// DelayMinutes is nil when no end came at all.
	DelayMinutes *float64 `json:"delay_minutes" head:"DELAY" unit:"minutes"`
	// Status is broken or never_completed.
	Status string `json:"status" head:"STATUS"`
}

// PromiseCases returns each promise's worst cases (result_promise_worst) that
// started in the filter's period: never completed first, then by delay.
func PromiseCases(ctx context.Context, db *store.DB, f Filter) ([]PromiseCaseRow, error) {
	rows, err := query(ctx, db, "promise-cases", `SELECT service_id, promise_id, rank, key, started, ended, delay_minutes, status
		FROM result_promise_worst ORDER BY service_id, promise_id, rank`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PromiseCaseRow
	for rows.Next() {
		var r PromiseCaseRow
		var ended sql.NullTime
		var delay sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Promise, &r.Rank, &r.Key, &r.Started, &ended, &delay, &r.Status); err != nil {
			return nil, fmt.Errorf("promise-cases report: %w", err)
		}
		if !f.service(r.Service) || !f.time(r.Started) {
			continue
		}
		r.Started, r.Ended, r.DelayMinutes = r.Started.In(f.loc()), timePtr(ended, f.loc()), ptr(delay)
		out = append(out, r)
	}
	return out, rows.Err()
}
