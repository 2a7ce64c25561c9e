package reports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"outagelens/data/store"
)

// SaturationRow is the capacity outlook of one resource.
type SaturationRow struct {
	Service        string     `json:"service" head:"SERVICE"`
	Host           string     `json:"host" head:"HOST"`
	Resource       string     `json:"resource" head:"RESOURCE"`
	UsedPct        float64    `json:"used_pct" head:"USED" unit:"pct"`
	Trend          string     `json:"trend" head:"TREND"`
	SlopePctPerDay *float64   `json:"slope_pct_per_day" head:"GROWTH/DAY" unit:"pctpoints"`
	DaysTo90       *float64   `json:"days_to_90" head:"DAYS TO 90%" unit:"days"`
	DaysTo100      *float64   `json:"days_to_100" head:"DAYS TO FULL" unit:"days"`
	DaysTo100Low   *float64   `json:"days_to_100_low" head:"FULL LOW" unit:"days" table:"hide"`
	DaysTo100High  *float64   `json:"days_to_100_high" head:"FULL HIGH" unit:"days" table:"hide"`
	ETA90          *time.Time `json:"eta_90" head:"ETA 90%" unit:"date"`
	ETA100         *time.Time `json:"eta_100" head:"ETA FULL" unit:"date"`
	LastBreak      *time.Time `json:"last_break" head:"LAST CLEANUP" unit:"date"`
	LastSample     time.Time  `json:"last_sample" head:"LAST SAMPLE" unit:"time" table:"hide"`
}

// Saturation returns the capacity outlook per resource.
func Saturation(ctx context.Context, db *store.DB, f Filter) ([]SaturationRow, error) {
	rows, err := db.Query(ctx, `SELECT service_id, host, resource, used_pct, trend, slope_pct_per_day, days_to_90, days_to_100,
		days_to_100_low, days_to_100_high, last_break, last_ts FROM result_saturation ORDER BY service_id, host, resource`)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("saturation report: %w", err)
	}
	defer rows.Close()
	var out []SaturationRow
	for rows.Next() {
		var r SaturationRow
		var slope, d90, d100, lo, hi sql.NullFloat64
		var brk sql.NullTime
		if err := rows.Scan(&r.Service, &r.Host, &r.Resource, &r.UsedPct, &r.Trend, &slope, &d90, &d100, &lo, &hi, &brk, &r.LastSample); err != nil {
			return nil, fmt.Errorf("saturation report: %w", err)
		}
		if !f.service(r.Service) {
			continue
		}
		r.LastSample = r.LastSample.In(f.loc())
		r.SlopePctPerDay, r.DaysTo90, r.DaysTo100, r.DaysTo100Low, r.DaysTo100High = ptr(slope), ptr(d90), ptr(d100), ptr(lo), ptr(hi)
		r.ETA90, r.ETA100 = eta(r.LastSample, d90), eta(r.LastSample, d100)
		if brk.Valid {
			t := brk.Time.In(f.loc())
			r.LastBreak = &t
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func eta(from time.Time, days sql.NullFloat64) *time.Time {
	if !days.Valid {
		return nil
	}
	t := from.Add(time.Duration(days.Float64 * 24 * float64(time.Hour)))
	return &t
}
