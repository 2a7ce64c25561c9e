package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"outagelens/data/store"
)

// The series below are what the HTML charts draw, read from result tables:
// days, daily capacity, load bins, and promise cases counted into delay bins. A
// page's size depends on the number of days, services and bins, never on the
// number of log lines. The numbers planners quote come from the result tables as
// they are.

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
	rows, err := query(ctx, db, "days", `SELECT service_id, strftime(day, '%Y-%m-%d'), day_of_month::INTEGER, monthend,
		known_minutes::BIGINT, down_minutes::BIGINT, incident_starts::BIGINT, requests::BIGINT
		FROM result_days ORDER BY service_id, day`)
	if err != nil {
		return nil, err
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

// CapacityDays returns daily capacity per resource (result_capacity_days),
// ordered by service, host, resource and day.
func CapacityDays(ctx context.Context, db *store.DB, f Filter) ([]CapacityDay, error) {
	rows, err := query(ctx, db, "capacity days", `SELECT service_id, host, resource, strftime(day, '%Y-%m-%d'), median_pct, min_pct, max_pct
		FROM result_capacity_days ORDER BY service_id, host, resource, day`)
	if err != nil {
		return nil, err
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
	rows, err := query(ctx, db, "promise delays", `SELECT service_id, promise_id,
		strftime(DATE '1970-01-01' + ((epoch_us(started) // 60000000 + ?) // 1440)::INTEGER, '%Y-%m') AS month,
		CASE WHEN delay_minutes IS NULL THEN -1
		     ELSE `+binExpr("delay_minutes")+` END AS bin,
		CASE WHEN delay_minutes IS NULL THEN status ELSE 'completed' END AS st,
		count(*)
		FROM result_promise_cases GROUP BY ALL ORDER BY service_id, promise_id, month, bin, st`,
		off)
	if err != nil {
		return nil, err
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

// LoadBinRow is one bin of a service's load curve over the whole analysed
// period (result_load_bins): the 15-minute slots whose request rate falls in
// [BinLowRPM, BinHighRPM), their 5xx share, and whether the bin climbs above the
// low-load error ratio. The knee of result_load is the lower edge of the lowest
// bin that climbs with every bin above it.
type LoadBinRow struct {
	Service            string  `json:"service"`
	BinLowRPM          float64 `json:"bin_low_rpm"`
	BinHighRPM         float64 `json:"bin_high_rpm"`
	Slots              int64   `json:"slots"`
	Requests           int64   `json:"requests"`
	ErrorRatio         float64 `json:"error_ratio"`
	BaselineErrorRatio float64 `json:"baseline_error_ratio"`
	Climbing           bool    `json:"climbing"`
}

// LoadBins returns the load curve of each service, ordered by service and rate.
// It covers the whole analysed period (the knee is found over all of it), so only
// the service filter applies.
func LoadBins(ctx context.Context, db *store.DB, f Filter) ([]LoadBinRow, error) {
	rows, err := query(ctx, db, "load bins", `SELECT service_id, bin_low_rpm, bin_high_rpm, slots, requests, error_ratio,
			baseline_error_ratio, climbing
		FROM result_load_bins ORDER BY service_id, bin_low_rpm`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LoadBinRow
	for rows.Next() {
		var r LoadBinRow
		if err := rows.Scan(&r.Service, &r.BinLowRPM, &r.BinHighRPM, &r.Slots, &r.Requests, &r.ErrorRatio, &r.BaselineErrorRatio, &r.Climbing); err != nil {
			return nil, fmt.Errorf("load bins: %w", err)
		}
		if f.service(r.Service) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// LastData returns, per service, the end of its last interval with a known
// state (result_states): an incident ending there may still be going on.
func LastData(ctx context.Context, db *store.DB, f Filter) (map[string]time.Time, error) {
	rows, err := query(ctx, db, "last data", `SELECT service_id, max(end_minute) FROM result_states GROUP BY ALL`)
	if err != nil {
		return nil, err
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
