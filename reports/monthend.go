package reports

import (
	"context"
	"database/sql"
	"fmt"

	"outagelens/data/store"
)

// MonthEndRow compares the last K days of each month with the other days.
type MonthEndRow struct {
	Service                string   `json:"service" head:"SERVICE"`
	K                      int      `json:"k" head:"K"`
	IncidentRateRatio      *float64 `json:"incident_rate_ratio" head:"INCIDENT RATE RATIO" unit:"ratio"`
	CILow                  *float64 `json:"ci_low" head:"95% LOW" unit:"ratio"`
	CIHigh                 *float64 `json:"ci_high" head:"95% HIGH" unit:"ratio"`
	PValue                 *float64 `json:"p_value" head:"P" unit:"p"`
	MinutesRateRatio       *float64 `json:"minutes_rate_ratio" head:"OUTAGE-MINUTES RATIO" unit:"ratio"`
	MonthEndDays           int64    `json:"monthend_days" head:"MONTH-END DAYS"`
	OtherDays              int64    `json:"other_days" head:"OTHER DAYS"`
	MonthEndIncidents      int64    `json:"monthend_incidents" head:"INCIDENTS (END)"`
	OtherIncidents         int64    `json:"other_incidents" head:"INCIDENTS (REST)"`
	MonthEndOutageMinutes  int64    `json:"monthend_outage_minutes" head:"DOWN (END)" unit:"minutes"`
	OtherOutageMinutes     int64    `json:"other_outage_minutes" head:"DOWN (REST)" unit:"minutes"`
	MonthEndRequestsPerDay *float64 `json:"monthend_requests_per_day" head:"REQ/DAY (END)" unit:"count"`
	OtherRequestsPerDay    *float64 `json:"other_requests_per_day" head:"REQ/DAY (REST)" unit:"count"`
}

// MonthEnd returns the month-end comparison per service and over all ("all").
func MonthEnd(ctx context.Context, db *store.DB, f Filter) ([]MonthEndRow, error) {
	rows, err := db.Query(ctx, `SELECT service_id, k, incident_rate_ratio, ci_low, ci_high, p_value, minutes_rate_ratio,
		monthend_days, other_days, monthend_incidents, other_incidents, monthend_outage_minutes, other_outage_minutes,
		monthend_requests / nullif(monthend_days, 0), other_requests / nullif(other_days, 0)
		FROM result_monthend ORDER BY service_id = 'all', service_id`)
	if err != nil {
		if missingTable(err) {
			return nil, ErrNotAnalyzed
		}
		return nil, fmt.Errorf("monthend report: %w", err)
	}
	defer rows.Close()
	var out []MonthEndRow
	for rows.Next() {
		var r MonthEndRow
		var irr, lo, hi, p, mrr, reqEnd, reqRest sql.NullFloat64
		if err := rows.Scan(&r.Service, &r.K, &irr, &lo, &hi, &p, &mrr, &r.MonthEndDays, &r.OtherDays, &r.MonthEndIncidents,
			&r.OtherIncidents, &r.MonthEndOutageMinutes, &r.OtherOutageMinutes, &reqEnd, &reqRest); err != nil {
			return nil, fmt.Errorf("monthend report: %w", err)
		}
		if !f.service(r.Service) && !(r.Service == "all" && len(f.Services) == 0) {
			continue
		}
		r.IncidentRateRatio, r.CILow, r.CIHigh, r.PValue, r.MinutesRateRatio = ptr(irr), ptr(lo), ptr(hi), ptr(p), ptr(mrr)
		r.MonthEndRequestsPerDay, r.OtherRequestsPerDay = ptr(reqEnd), ptr(reqRest)
		out = append(out, r)
	}
	return out, rows.Err()
}
