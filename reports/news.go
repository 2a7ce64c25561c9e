package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"outagelens/data/store"
)

// NewsRow is what one news article reports.
type NewsRow struct {
	Source          string            `json:"source" head:"SOURCE" table:"hide"`
	Title           string            `json:"title" head:"TITLE"`
	Outlet          string            `json:"outlet" head:"OUTLET" table:"hide"`
	Published       string            `json:"published" head:"PUBLISHED"`
	Language        string            `json:"language" head:"LANG"`
	IsOutage        bool              `json:"is_outage" head:"OUTAGE"`
	ServiceID       string            `json:"service" head:"SERVICE"`
	ServiceName     string            `json:"service_name" head:"SERVICE NAME" table:"hide"`
	State           string            `json:"state" head:"STATE"`
	Started         string            `json:"started" head:"STARTED"`
	Ended           string            `json:"ended" head:"ENDED" table:"hide"`
	DurationMinutes *float64          `json:"duration_minutes" head:"DURATION" unit:"minutes"`
	Cause           string            `json:"cause" head:"CAUSE"`
	Affected        *int64            `json:"affected" head:"AFFECTED" table:"hide"`
	MoneyINR        *float64          `json:"money_inr" head:"MONEY (INR)" table:"hide"`
	Confidence      float64           `json:"confidence" head:"CONF" unit:"ratio"`
	Evidence        map[string]string `json:"evidence" table:"hide"`
}

// News returns the news reports; outages only unless all is set.
func News(ctx context.Context, db *store.DB, f Filter, all bool) ([]NewsRow, error) {
	rows, err := db.Query(ctx, `SELECT coalesce(a.url, s.path), a.title, coalesce(a.site, ''), a.published, coalesce(a.language, ''), r.is_outage,
		coalesce(r.service_id, ''), coalesce(r.service_name, ''), coalesce(r.state, ''), r.started, r.started_time_known,
		r.ended, r.duration_minutes, coalesce(r.cause, ''), r.affected, r.money_inr, r.confidence, coalesce(r.evidence, '{}')
		FROM news_reports r JOIN articles a USING (source_id) JOIN sources s USING (source_id)
		ORDER BY coalesce(r.started, a.published), a.title`)
	if err != nil {
		return nil, fmt.Errorf("news report: %w", err)
	}
	defer rows.Close()
	var out []NewsRow
	for rows.Next() {
		var r NewsRow
		var published, started, ended sql.NullTime
		var timeKnown bool
		var dur, money sql.NullFloat64
		var affected sql.NullInt64
		var evidence string
		if err := rows.Scan(&r.Source, &r.Title, &r.Outlet, &published, &r.Language, &r.IsOutage, &r.ServiceID, &r.ServiceName, &r.State,
			&started, &timeKnown, &ended, &dur, &r.Cause, &affected, &money, &r.Confidence, &evidence); err != nil {
			return nil, fmt.Errorf("news report: %w", err)
		}
		if !all && !r.IsOutage {
			continue
		}
		if !f.service(r.ServiceID) {
			continue
		}
		// An article's time is when the outage started, or when it was published if
		// the article does not say.
		if t := started; (t.Valid && !f.time(t.Time)) || (!t.Valid && published.Valid && !f.time(published.Time)) {
			continue
		}
		loc := f.loc()
		if published.Valid {
			r.Published = published.Time.In(loc).Format("2006-01-02")
		}
		if started.Valid {
			layout := "2006-01-02"
			if timeKnown {
				layout = "2006-01-02T15:04-07:00"
			}
			r.Started = started.Time.In(loc).Format(layout)
		}
		if ended.Valid {
			r.Ended = ended.Time.In(loc).Format(time.RFC3339)
		}
		r.DurationMinutes, r.MoneyINR = ptr(dur), ptr(money)
		if affected.Valid {
			v := affected.Int64
			r.Affected = &v
		}
		_ = json.Unmarshal([]byte(evidence), &r.Evidence)
		out = append(out, r)
	}
	return out, rows.Err()
}
