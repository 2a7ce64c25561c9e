package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"outagelens/data/store"
)

// SaturationRow is the capacity outlook of one resource at its last sample, with
// the storage-full log events of its service beside it.
type SaturationRow struct {
	Service  string  `json:"service" head:"SERVICE"`
	Host     string  `json:"host" head:"HOST"`
	Resource string  `json:"resource" head:"RESOURCE"`
	UsedPct  float64 `json:"used_pct" head:"USED" unit:"pct"`
	// LevelPct is the trend's value at the last sample.
	LevelPct *float64 `json:"level_pct" head:"TREND LEVEL" unit:"pct" table:"hide"`
	// Trend is rising, flat, shrinking or too_short (under the least span since
	// the last break); only rising usage gets a forecast.
	Trend              string     `json:"trend" head:"TREND"`
	SlopePctPerDay     *float64   `json:"slope_pct_per_day" head:"GROWTH/DAY" unit:"pctpoints"`
	SlopeLowPctPerDay  *float64   `json:"slope_low_pct_per_day" head:"GROWTH LOW" unit:"pctpoints" table:"hide"`
	SlopeHighPctPerDay *float64   `json:"slope_high_pct_per_day" head:"GROWTH HIGH" unit:"pctpoints" table:"hide"`
	DaysTo90           *float64   `json:"days_to_90" head:"DAYS TO 90%" unit:"days"`
	DaysTo90Low        *float64   `json:"days_to_90_low" head:"90% LOW" unit:"days" table:"hide"`
	DaysTo90High       *float64   `json:"days_to_90_high" head:"90% HIGH" unit:"days" table:"hide"`
	DaysTo100          *float64   `json:"days_to_100" head:"DAYS TO FULL" unit:"days"`
	DaysTo100Low       *float64   `json:"days_to_100_low" head:"FULL LOW" unit:"days" table:"hide"`
	DaysTo100High      *float64   `json:"days_to_100_high" head:"FULL HIGH" unit:"days" table:"hide"`
	ETA90              *time.Time `json:"eta_90" head:"ETA 90%" unit:"date"`
	ETA100             *time.Time `json:"eta_100" head:"ETA FULL" unit:"date"`
	LastBreak          *time.Time `json:"last_break" head:"LAST CLEANUP" unit:"date"`
	// LastBreakKind is cleanup, resize or jump.
	LastBreakKind      string    `json:"last_break_kind" head:"BREAK" table:"hide"`
	Breaks             int64     `json:"breaks" head:"BREAKS" table:"hide"`
	SpanDaysSinceBreak *float64  `json:"span_days_since_break" head:"SPAN" unit:"days" table:"hide"`
	LastSample         time.Time `json:"last_sample" head:"LAST SAMPLE" unit:"time" table:"hide"`
	// StorageFullEvents counts the service's storage-full log events; the first
	// one, and this resource's used_pct then, relate them to the trend.
	StorageFullEvents         int64      `json:"storage_full_events" head:"FULL EVENTS"`
	FirstStorageFull          *time.Time `json:"first_storage_full" head:"FIRST FULL EVENT" unit:"time" table:"hide"`
	UsedPctAtFirstStorageFull *float64   `json:"used_pct_at_first_storage_full" head:"USED THEN" unit:"pct" table:"hide"`
	// FirstFull is the first sample at or above the full threshold (99%);
	// StorageFullLagHours is the first event's time after it.
	FirstFull           *time.Time `json:"first_full" head:"FIRST FULL SAMPLE" unit:"time" table:"hide"`
	StorageFullLagHours *float64   `json:"storage_full_lag_hours" head:"EVENT LAG" unit:"hours" table:"hide"`
}

// Saturation returns the capacity outlook per resource. It is the outlook at the
// last sample, so only the service filter applies.
func Saturation(ctx context.Context, db *store.DB, f Filter) ([]SaturationRow, error) {
	rows, err := query(ctx, db, "saturation", `SELECT service_id, host, resource, used_pct, level_pct, trend, slope_pct_per_day,
			slope_low_pct_per_day, slope_high_pct_per_day, days_to_90, days_to_90_low, days_to_90_high,
			days_to_100, days_to_100_low, days_to_100_high, eta_90, eta_100, last_break, coalesce(last_break_kind, ''), breaks,
			span_days_since_break, last_ts, storage_full_events, first_storage_full, used_pct_at_first_storage_full,
			first_full, storage_full_lag_hours
		FROM result_saturation ORDER BY service_id, host, resource`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SaturationRow
	for rows.Next() {
		var r SaturationRow
		var level, slope, lo, hi, d90, d90lo, d90hi, d100, d100lo, d100hi, span, atEvent, lag sql.NullFloat64
		var eta90, eta100, brk, firstEvent, firstFull sql.NullTime
		if err := rows.Scan(&r.Service, &r.Host, &r.Resource, &r.UsedPct, &level, &r.Trend, &slope, &lo, &hi,
			&d90, &d90lo, &d90hi, &d100, &d100lo, &d100hi, &eta90, &eta100, &brk, &r.LastBreakKind, &r.Breaks,
			&span, &r.LastSample, &r.StorageFullEvents, &firstEvent, &atEvent, &firstFull, &lag); err != nil {
			return nil, fmt.Errorf("saturation report: %w", err)
		}
		if !f.service(r.Service) {
			continue
		}
		loc := f.loc()
		r.LastSample = r.LastSample.In(loc)
		r.LevelPct, r.SlopePctPerDay, r.SlopeLowPctPerDay, r.SlopeHighPctPerDay = ptr(level), ptr(slope), ptr(lo), ptr(hi)
		r.DaysTo90, r.DaysTo90Low, r.DaysTo90High = ptr(d90), ptr(d90lo), ptr(d90hi)
		r.DaysTo100, r.DaysTo100Low, r.DaysTo100High = ptr(d100), ptr(d100lo), ptr(d100hi)
		r.SpanDaysSinceBreak, r.UsedPctAtFirstStorageFull, r.StorageFullLagHours = ptr(span), ptr(atEvent), ptr(lag)
		r.ETA90, r.ETA100, r.LastBreak = timePtr(eta90, loc), timePtr(eta100, loc), timePtr(brk, loc)
		r.FirstStorageFull, r.FirstFull = timePtr(firstEvent, loc), timePtr(firstFull, loc)
		out = append(out, r)
	}
	return out, rows.Err()
}

func timePtr(t sql.NullTime, loc *time.Location) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.In(loc)
	return &v
}

// LoadRow is one service's demand in one calendar month against its load knee.
type LoadRow struct {
	Service string `json:"service" head:"SERVICE"`
	Month   string `json:"month" head:"MONTH"`
	// PeakRequestsPerMinute is the month's busiest 15-minute slot, in requests a
	// minute; PeakAt its start; PeakErrorRatio its 5xx share.
	PeakRequestsPerMinute float64   `json:"peak_requests_per_minute" head:"PEAK REQ/MIN" unit:"count"`
	PeakAt                time.Time `json:"peak_at" head:"PEAK AT" unit:"time"`
	PeakErrorRatio        *float64  `json:"peak_error_ratio" head:"5XX AT PEAK" unit:"ratio"`
	// KneeRequestsPerMinute is the request rate above which the error ratio
	// climbs (nil when it never did).
	KneeRequestsPerMinute *float64 `json:"knee_requests_per_minute" head:"KNEE REQ/MIN" unit:"count"`
	BaselineErrorRatio    *float64 `json:"baseline_error_ratio" head:"LOW-LOAD 5XX" unit:"ratio" table:"hide"`
	// HeadroomPct is 100 x (knee - peak) / knee: negative when the peak passed it.
	HeadroomPct *float64 `json:"headroom_pct" head:"HEADROOM" unit:"pct"`
}

// Load returns each service's monthly demand peaks with the knee and headroom,
// for months overlapping the filter's period.
func Load(ctx context.Context, db *store.DB, f Filter) ([]LoadRow, error) {
	rows, err := query(ctx, db, "load", `SELECT service_id, month, peak_requests_per_minute, peak_at, peak_error_ratio,
			knee_requests_per_minute, baseline_error_ratio, headroom_pct
		FROM result_load ORDER BY service_id, month`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LoadRow
	for rows.Next() {
		var r LoadRow
		var peakErr, knee, base, head sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Month, &r.PeakRequestsPerMinute, &r.PeakAt, &peakErr, &knee, &base, &head); err != nil {
			return nil, fmt.Errorf("load report: %w", err)
		}
		if !f.service(r.Service) || !f.month(r.Month) {
			continue
		}
		r.PeakAt = r.PeakAt.In(f.loc())
		r.PeakErrorRatio, r.KneeRequestsPerMinute, r.BaselineErrorRatio, r.HeadroomPct = ptr(peakErr), ptr(knee), ptr(base), ptr(head)
		out = append(out, r)
	}
	return out, rows.Err()
}

// StorageFullRow counts a service's storage-full log events in one local
// calendar week (Monday to Sunday) or month.
type StorageFullRow struct {
	Service string `json:"service" head:"SERVICE"`
	// Period is "week" or "month"; Start its first day.
	Period     string    `json:"period" head:"PERIOD"`
	Start      time.Time `json:"start" head:"FROM" unit:"date"`
	Events     int64     `json:"events" head:"EVENTS"`
	FirstEvent time.Time `json:"first_event" head:"FIRST" unit:"time"`
	LastEvent  time.Time `json:"last_event" head:"LAST" unit:"time"`
}

// StorageFull returns storage-full event counts by week and by month, for periods
// starting in the filter's range.
func StorageFull(ctx context.Context, db *store.DB, f Filter) ([]StorageFullRow, error) {
	rows, err := query(ctx, db, "storage-full", `SELECT service_id, period, strftime(period_start, '%Y-%m-%d'), events, first_event, last_event
		FROM result_storage_full ORDER BY service_id, period DESC, period_start`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StorageFullRow
	for rows.Next() {
		var r StorageFullRow
		var start string
		if err := rows.Scan(&r.Service, &r.Period, &start, &r.Events, &r.FirstEvent, &r.LastEvent); err != nil {
			return nil, fmt.Errorf("storage-full report: %w", err)
		}
		loc := f.loc()
		if r.Start, err = time.ParseInLocation("2006-01-02", start, loc); err != nil {
			return nil, fmt.Errorf("storage-full report: %w", err)
		}
		if !f.service(r.Service) || !f.time(r.Start) {
			continue
		}
		r.FirstEvent, r.LastEvent = r.FirstEvent.In(loc), r.LastEvent.In(loc)
		out = append(out, r)
	}
	return out, rows.Err()
}
