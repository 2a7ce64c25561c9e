package reports

import (
	"context"
	"database/sql"
	"fmt"

	"outagelens/data/store"
)

// ReliabilityRow is one service in one calendar month. Pointers are nil where the
// data cannot say (no known minutes, no requests, no incidents).
type ReliabilityRow struct {
	Service                 string   `json:"service" head:"SERVICE"`
	Month                   string   `json:"month" head:"MONTH"`
	AvailabilityMinutesPct  *float64 `json:"availability_minutes_pct" head:"AVAIL (MIN)" unit:"pct"`
	AvailabilityRequestsPct *float64 `json:"availability_requests_pct" head:"AVAIL (REQ)" unit:"pct"`
	SLOPct                  float64  `json:"slo_pct" head:"SLO" unit:"pct"`
	// ErrorBudgetMinutes is (100 - slo_pct)% of the known minutes.
	ErrorBudgetMinutes      *float64 `json:"error_budget_minutes" head:"BUDGET" unit:"minutes" table:"hide"`
	ErrorBudgetUsedPct      *float64 `json:"error_budget_used_pct" head:"BUDGET USED" unit:"pct"`
	Incidents               int64    `json:"incidents" head:"INCIDENTS"`
	MTTRMinutes             *float64 `json:"mttr_minutes" head:"MTTR" unit:"minutes"`
	MTTRMedianMinutes       *float64 `json:"mttr_median_minutes" head:"MTTR (MEDIAN)" unit:"minutes"`
	MTBFHours               *float64 `json:"mtbf_hours" head:"MTBF" unit:"hours"`
	LongestOutageMinutes    *float64 `json:"longest_outage_minutes" head:"LONGEST" unit:"minutes"`
	UpMinutes               int64    `json:"up_minutes" head:"UP" unit:"minutes" table:"hide"`
	DownMinutes             int64    `json:"down_minutes" head:"DOWN" unit:"minutes"`
	UnknownMinutes          int64    `json:"unknown_minutes" head:"NO DATA" unit:"minutes"`
	MaintenanceMinutes      int64    `json:"maintenance_minutes" head:"MAINT" unit:"minutes" table:"hide"`
	AvailabilityMonthEndPct *float64 `json:"availability_monthend_pct" head:"AVAIL MONTH-END" unit:"pct"`
	AvailabilityRestPct     *float64 `json:"availability_rest_pct" head:"AVAIL REST" unit:"pct" table:"hide"`
	Requests                int64    `json:"requests" head:"REQUESTS" table:"hide"`
	Errors5xx               int64    `json:"errors_5xx" head:"5XX" table:"hide"`
}

// Reliability returns per-service monthly reliability for the months overlapping
// the filter's period, ordered by service and month.
func Reliability(ctx context.Context, db *store.DB, f Filter) ([]ReliabilityRow, error) {
	rows, err := query(ctx, db, "reliability", `SELECT service_id, month, availability_minutes_pct, availability_requests_pct, slo_pct,
		error_budget_minutes, error_budget_used_pct, incidents, mttr_minutes, mttr_median_minutes, mtbf_hours, longest_outage_minutes,
		up_minutes, down_minutes, unknown_minutes, maintenance_minutes, availability_monthend_pct, availability_rest_pct, requests, errors_5xx
		FROM result_reliability ORDER BY service_id, month`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReliabilityRow
	for rows.Next() {
		var r ReliabilityRow
		var avm, avr, budgetMin, budget, mttr, mttrMed, mtbf, longest, ame, ar sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Month, &avm, &avr, &r.SLOPct, &budgetMin, &budget, &r.Incidents, &mttr, &mttrMed, &mtbf, &longest,
			&r.UpMinutes, &r.DownMinutes, &r.UnknownMinutes, &r.MaintenanceMinutes, &ame, &ar, &r.Requests, &r.Errors5xx); err != nil {
			return nil, fmt.Errorf("reliability report: %w", err)
		}
		if !f.service(r.Service) || !f.month(r.Month) {
			continue
		}
		r.AvailabilityMinutesPct, r.AvailabilityRequestsPct, r.ErrorBudgetUsedPct = ptr(avm), ptr(avr), ptr(budget)
		r.ErrorBudgetMinutes = ptr(budgetMin)
		r.MTTRMinutes, r.MTTRMedianMinutes, r.MTBFHours, r.LongestOutageMinutes = ptr(mttr), ptr(mttrMed), ptr(mtbf), ptr(longest)
		r.AvailabilityMonthEndPct, r.AvailabilityRestPct = ptr(ame), ptr(ar)
		out = append(out, r)
	}
	return out, rows.Err()
}

func ptr(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	f := v.Float64
	return &f
}

// ComponentRow is one status-page component in one calendar month.
type ComponentRow struct {
	Service   string `json:"service" head:"SERVICE"`
	Component string `json:"component" head:"COMPONENT"`
	Month     string `json:"month" head:"MONTH"`
	// AvailabilityPct is 100 x up / (up + down) minutes; partial_outage and
	// major_outage are down, degraded_performance is up.
	AvailabilityPct      *float64 `json:"availability_pct" head:"AVAIL" unit:"pct"`
	DownMinutes          int64    `json:"down_minutes" head:"DOWN" unit:"minutes"`
	MajorOutageMinutes   int64    `json:"major_outage_minutes" head:"MAJOR" unit:"minutes"`
	PartialOutageMinutes int64    `json:"partial_outage_minutes" head:"PARTIAL" unit:"minutes"`
	DegradedMinutes      int64    `json:"degraded_minutes" head:"DEGRADED" unit:"minutes" table:"hide"`
	MaintenanceMinutes   int64    `json:"maintenance_minutes" head:"MAINT" unit:"minutes" table:"hide"`
	UpMinutes            int64    `json:"up_minutes" head:"UP" unit:"minutes" table:"hide"`
	Incidents            int64    `json:"incidents" head:"INCIDENTS"`
}

// Components returns the monthly reliability of each status-page component, for
// months overlapping the filter's period.
func Components(ctx context.Context, db *store.DB, f Filter) ([]ComponentRow, error) {
	rows, err := query(ctx, db, "components", `SELECT service_id, component, month, availability_pct, down_minutes, major_outage_minutes,
			partial_outage_minutes, degraded_minutes, maintenance_minutes, up_minutes, incidents
		FROM result_components ORDER BY service_id, component, month`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ComponentRow
	for rows.Next() {
		var r ComponentRow
		var avail sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.Component, &r.Month, &avail, &r.DownMinutes, &r.MajorOutageMinutes,
			&r.PartialOutageMinutes, &r.DegradedMinutes, &r.MaintenanceMinutes, &r.UpMinutes, &r.Incidents); err != nil {
			return nil, fmt.Errorf("components report: %w", err)
		}
		if f.service(r.Service) && f.month(r.Month) {
			r.AvailabilityPct = ptr(avail)
			out = append(out, r)
		}
	}
	return out, rows.Err()
}
