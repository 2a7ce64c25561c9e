package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"outagelens/data/store"
)

// The series below are what the HTML charts draw: small aggregates read from the
// result tables (and, for capacity, daily medians of the samples), so a page's
// size depends on the number of days, services and bins, never on the number of
// log lines. They are display aggregates, not analyses: the numbers planners
// quote come from the result tables as they are.

// DayRow is one service on one local calendar day (result_days).
type DayRow struct {
	Service        string    `json:"service"`
	Day            time.Time `json:"day"` // local midnight
	DayOfMonth     int       `json:"day_of_month"`
	MonthEnd       bool      `json:"monthend"` // in the last K days of its month
	KnownMinutes   int64     `json:"known_minutes"`
	DownMinutes    int64     `json:"down_minutes"`
	IncidentStarts int64     `json:"incident_starts"`
	Requests       int64     `json:"requests"`
}

// Days returns result_days in the filter, ordered by service and day.
func Days(ctx context.Context, db *store.DB, f Filter) ([]DayRow, error) {
	rows, err := db.Query(ctx, `SELECT service_id, strftime(day, '%Y-%m-%d'), day_of_month::INTEGER, monthend,
		known_minutes::BIGINT, down_minutes::BIGINT, incident_starts::BIGINT, requests::BIGINT
		FROM result_days ORDER BY service_id, day`)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("days: %w", err)
	}
	defer rows.Close()
	var out []DayRow
	for rows.Next() {
		var r DayRow
		var day string
		if err := rows.Scan(&r.Service, &day, &r.DayOfMonth, &r.MonthEnd, &r.KnownMinutes, &r.DownMinutes, &r.IncidentStarts, &r.Requests); err != nil {
			return nil, fmt.Errorf("days: %w", err)
		}
		if r.Day, err = time.ParseInLocation("2006-01-02", day, f.loc()); err != nil {
			return nil, fmt.Errorf("days: %w", err)
		}
		if f.service(r.Service) && f.time(r.Day) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// CapacityDay is one resource's used_pct on one local day: the median, lowest
// and highest sample.
type CapacityDay struct {
	Service   string    `json:"service"`
	Host      string    `json:"host"`
	Resource  string    `json:"resource"`
	Day       time.Time `json:"day"`
	MedianPct float64   `json:"median_pct"`
	MinPct    float64   `json:"min_pct"`
	MaxPct    float64   `json:"max_pct"`
}

// CapacityDays returns daily capacity per resource, ordered by service,
// host, resource and day.
func CapacityDays(ctx context.Context, db *store.DB, f Filter) ([]CapacityDay, error) {
	off := offsetMinutes(f.loc())
	rows, err := db.Query(ctx, `SELECT service_id, host, resource,
		strftime(DATE '1970-01-01' + ((epoch_us(ts) // 60000000 + ?) // 1440)::INTEGER, '%Y-%m-%d') AS day,
		median(used_pct), min(used_pct), max(used_pct)
		FROM capacity GROUP BY ALL ORDER BY service_id, host, resource, day`, off)
	if err != nil {
		return nil, fmt.Errorf("capacity days: %w", err)
	}
	defer rows.Close()
	var out []CapacityDay
	for rows.Next() {
		var r CapacityDay
		var day string
		if err := rows.Scan(&r.Service, &r.Host, &r.Resource, &day, &r.MedianPct, &r.MinPct, &r.MaxPct); err != nil {
			return nil, fmt.Errorf("capacity days: %w", err)
		}
		if r.Day, err = time.ParseInLocation("2006-01-02", day, f.loc()); err != nil {
			return nil, fmt.Errorf("capacity days: %w", err)
		}
		if f.service(r.Service) && f.time(r.Day) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// DelayEdges are the upper bounds, in minutes, of the promise-delay histogram
// bins; the catalog's limits (15, 20, 240 minutes) fall on edges.
var DelayEdges = []float64{5, 10, 15, 20, 30, 60, 120, 240, 480, 1440, math.Inf(1)}

// DelayBin counts the promise cases of one month (by start) whose delay falls
// in bin Bin: (DelayEdges[Bin-1], DelayEdges[Bin]]. Cases with no end have Bin
// -1 and Status never_completed or pending; completed ones have Status completed.
type DelayBin struct {
	Service string `json:"service"`
	Promise string `json:"promise"`
	Month   string `json:"month"`
	// Bin is the index into DelayEdges, or -1 with Status never_completed or pending.
	Bin    int    `json:"bin"`
	Status string `json:"status"`
	Cases  int64  `json:"cases"`
}

// PromiseDelays returns the histogram of promise delays per month.
func PromiseDelays(ctx context.Context, db *store.DB, f Filter) ([]DelayBin, error) {
	off := offsetMinutes(f.loc())
	rows, err := db.Query(ctx, `SELECT service_id, promise_id,
		strftime(DATE '1970-01-01' + ((epoch_us(started) // 60000000 + ?) // 1440)::INTEGER, '%Y-%m') AS month,
		CASE WHEN delay_minutes IS NULL THEN -1
		     ELSE `+binExpr("delay_minutes")+` END AS bin,
		CASE WHEN delay_minutes IS NULL THEN status ELSE 'completed' END AS st,
		count(*)
		FROM result_promise_cases GROUP BY ALL ORDER BY service_id, promise_id, month, bin, st`,
		off)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("promise delays: %w", err)
	}
	defer rows.Close()
	var out []DelayBin
	for rows.Next() {
		var r DelayBin
		if err := rows.Scan(&r.Service, &r.Promise, &r.Month, &r.Bin, &r.Status, &r.Cases); err != nil {
			return nil, fmt.Errorf("promise delays: %w", err)
		}
		if f.service(r.Service) && f.month(r.Month) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// binExpr counts the finite edges a delay exceeds: its bin. The edges are our
// constants, so formatting them into the SQL is safe.
func binExpr(col string) string {
	s := "0"
	for _, e := range DelayEdges[:len(DelayEdges)-1] {
		s += fmt.Sprintf(" + (%s > %g)::INTEGER", col, e)
	}
	return s
}

// LoadBin is the minutes of one service and month whose request count falls in
// [MinRequests, MaxRequests] (half-octave bins: 1, 2, 3, 4-5, 6-7, 8-11, 12-15,
// 16-22, ...): how often the service ran at that load and how many of those
// requests failed.
type LoadBin struct {
	Service      string `json:"service"`
	Month        string `json:"month"`
	MinRequests  int64  `json:"min_requests_per_minute"`
	MaxRequests  int64  `json:"max_requests_per_minute"`
	PeakRequests int64  `json:"peak_requests_per_minute"` // the busiest minute seen in the bin
	Minutes      int64  `json:"minutes"`
	Requests     int64  `json:"requests"`
	Errors5xx    int64  `json:"errors_5xx"`
	// The same for the minutes whose state was not down: how errors grow with
	// load while the service still answers, before an outage (retries during
	// an outage crowd the busy bins with failures).
	UpMinutes   int64 `json:"up_minutes"`
	UpRequests  int64 `json:"up_requests"`
	UpErrors5xx int64 `json:"up_errors_5xx"`
}

// LoadCurve returns the load curve (error ratio by requests per minute, in
// half-octave bins) per service and month from result_minutes.
func LoadCurve(ctx context.Context, db *store.DB, f Filter) ([]LoadBin, error) {
	off := offsetMinutes(f.loc())
	rows, err := db.Query(ctx, `WITH m AS (
			SELECT service_id, strftime(DATE '1970-01-01' + ((minute + ?) // 1440)::INTEGER, '%Y-%m') AS month,
			       floor(2 * log2(requests) + 1e-9) AS b, requests, errors_5xx, state <> 'down' AS up
			FROM result_minutes WHERE requests > 0)
		SELECT service_id, month, ceil(2 ** (b / 2) - 1e-9)::BIGINT, ceil(2 ** ((b + 1) / 2) - 1e-9)::BIGINT - 1,
		       max(requests), count(*), sum(requests)::BIGINT, sum(errors_5xx)::BIGINT,
		       count(*) FILTER (WHERE up), coalesce(sum(requests) FILTER (WHERE up), 0)::BIGINT,
		       coalesce(sum(errors_5xx) FILTER (WHERE up), 0)::BIGINT
		FROM m GROUP BY service_id, month, b ORDER BY service_id, month, b`, off)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("load: %w", err)
	}
	defer rows.Close()
	var out []LoadBin
	for rows.Next() {
		var r LoadBin
		if err := rows.Scan(&r.Service, &r.Month, &r.MinRequests, &r.MaxRequests, &r.PeakRequests, &r.Minutes, &r.Requests, &r.Errors5xx,
			&r.UpMinutes, &r.UpRequests, &r.UpErrors5xx); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
		if f.service(r.Service) && f.month(r.Month) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// LastData returns, per service, the end of its last interval with a known
// state (result_states): an incident ending there may still be going on.
func LastData(ctx context.Context, db *store.DB, f Filter) (map[string]time.Time, error) {
	rows, err := db.Query(ctx, `SELECT service_id, max(end_minute) FROM result_states GROUP BY ALL`)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("last data: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var svc string
		var m sql.NullInt64
		if err := rows.Scan(&svc, &m); err != nil {
			return nil, fmt.Errorf("last data: %w", err)
		}
		if m.Valid && f.service(svc) {
			out[svc] = minuteTime(m.Int64, f.loc())
		}
	}
	return out, rows.Err()
}

// offsetMinutes is loc's UTC offset now; reports use fixed-offset zones (India
// has no daylight saving; analyze refuses zones that change offset).
func offsetMinutes(loc *time.Location) int {
	_, off := time.Now().In(loc).Zone()
	return off / 60
}
