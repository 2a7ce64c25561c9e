package analyze

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"outagelens/data/store"
)

// MonthEnd is one row of result_monthend: how much more often a service is down
// in the last K days of the month than on other days, by one source of incidents.
type MonthEnd struct {
	Service string `json:"service"`
	// Source is "monitoring" (logs, probes, status histories) or "news".
	Source string `json:"source"`
	K      int    `json:"k"`
	// IncidentRateRatio is (incident starts per exposure minute at month end) /
	// (incident starts per exposure minute on other days); exposure is the known
	// minutes for monitoring and calendar minutes for news.
	IncidentRateRatio float64 `json:"incident_rate_ratio"`
	// MinutesRateRatio is the same ratio for outage minutes per known minute
	// (monitoring only). Outage minutes come in runs, not independently, so no
	// interval is given for it.
	MinutesRateRatio float64 `json:"minutes_rate_ratio"`
	// CILow and CIHigh are the exact 95% interval of IncidentRateRatio (conditional
	// binomial, Clopper-Pearson); PValue is the exact two-sided test of a ratio of 1.
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	PValue float64 `json:"p_value"`
	// MonthEndDays and OtherDays are the calendar days observed in each window.
	MonthEndDays      int64 `json:"monthend_days"`
	OtherDays         int64 `json:"other_days"`
	MonthEndIncidents int64 `json:"monthend_incidents"`
	OtherIncidents    int64 `json:"other_incidents"`
	MonthEndOutageMin int64 `json:"monthend_outage_minutes"`
	OtherOutageMin    int64 `json:"other_outage_minutes"`
	MonthEndKnownMin  int64 `json:"monthend_known_minutes"`
	OtherKnownMin     int64 `json:"other_known_minutes"`
	MonthEndRequests  int64 `json:"monthend_requests"`
	OtherRequests     int64 `json:"other_requests"`
}

// finishMonthEnd computes rate ratios and their intervals from
// result_monthend_counts into result_monthend.
func finishMonthEnd(ctx context.Context, tx *store.Tx, o Options) error {
	rows, err := tx.Query(ctx, `SELECT service_id, source, period, days, known_minutes, down_minutes, incident_starts, requests
		FROM result_monthend_counts ORDER BY service_id = 'all', service_id, source, period`)
	if err != nil {
		return err
	}
	type key struct{ service, source string }
	byKey := map[key]*MonthEnd{}
	var order []key
	for rows.Next() {
		var k key
		var period string
		var days, known, down, starts, req sql.NullInt64
		if err := rows.Scan(&k.service, &k.source, &period, &days, &known, &down, &starts, &req); err != nil {
			return errors.Join(err, rows.Close())
		}
		m := byKey[k]
		if m == nil {
			m = &MonthEnd{Service: k.service, Source: k.source, K: o.MonthEndDays}
			byKey[k] = m
			order = append(order, k)
		}
		if period == "monthend" {
			m.MonthEndDays, m.MonthEndKnownMin, m.MonthEndOutageMin, m.MonthEndIncidents, m.MonthEndRequests = days.Int64, known.Int64, down.Int64, starts.Int64, req.Int64
		} else {
			m.OtherDays, m.OtherKnownMin, m.OtherOutageMin, m.OtherIncidents, m.OtherRequests = days.Int64, known.Int64, down.Int64, starts.Int64, req.Int64
		}
	}
	// rows.Err, not only Close: an error that ends the iteration early would
	// otherwise leave result_monthend short without a word.
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE OR REPLACE TABLE result_monthend (
		service_id VARCHAR, source VARCHAR, k INTEGER, incident_rate_ratio DOUBLE, minutes_rate_ratio DOUBLE,
		ci_low DOUBLE, ci_high DOUBLE, p_value DOUBLE, monthend_days BIGINT, other_days BIGINT,
		monthend_incidents BIGINT, other_incidents BIGINT, monthend_outage_minutes BIGINT, other_outage_minutes BIGINT,
		monthend_known_minutes BIGINT, other_known_minutes BIGINT, monthend_requests BIGINT, other_requests BIGINT)`); err != nil {
		return err
	}
	for _, k := range order {
		m := byKey[k]
		m.Compute()
		// News has neither outage minutes nor requests: NULL, not 0.
		down1, down0, req1, req0 := any(m.MonthEndOutageMin), any(m.OtherOutageMin), any(m.MonthEndRequests), any(m.OtherRequests)
		if m.Source == "news" {
			down1, down0, req1, req0 = nil, nil, nil, nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO result_monthend VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.Service, m.Source, m.K, nullNaN(m.IncidentRateRatio), nullNaN(m.MinutesRateRatio), nullNaN(m.CILow), nullNaN(m.CIHigh), nullNaN(m.PValue),
			m.MonthEndDays, m.OtherDays, m.MonthEndIncidents, m.OtherIncidents, down1, down0,
			m.MonthEndKnownMin, m.OtherKnownMin, req1, req0); err != nil {
			return fmt.Errorf("write result_monthend: %w", err)
		}
	}
	return nil
}

// nullNaN stores what the data cannot say (NaN) and unbounded limits (±Inf) as
// NULL: reports show nothing rather than infinity.
func nullNaN(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// Compute fills the ratios, interval and p-value from the counts. Reports use it
// to summarise a sub-period from result_days with the same definitions.
func (m *MonthEnd) Compute() {
	e1, e0 := float64(m.MonthEndKnownMin), float64(m.OtherKnownMin)
	m.IncidentRateRatio, m.CILow, m.CIHigh, m.PValue = RateRatio(m.MonthEndIncidents, e1, m.OtherIncidents, e0)
	m.MinutesRateRatio = math.NaN()
	if e1 > 0 && e0 > 0 && m.OtherOutageMin > 0 && m.Source != "news" {
		m.MinutesRateRatio = (float64(m.MonthEndOutageMin) / e1) / (float64(m.OtherOutageMin) / e0)
	}
}
