package reports

import (
	"bytes"
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"outagelens/data/store"
)

//go:embed news.sql
var newsSQL string

// NewsRow is one news incident: the reports of one outage merged (count events,
// not reports), or, with all, one article that reports no outage.
type NewsRow struct {
	Source          string   `json:"source" head:"SOURCE" table:"hide"` // the earliest report's URL or file
	Sources         []string `json:"sources" table:"hide"`              // every report of the incident
	Title           string   `json:"title" head:"TITLE"`
	Outlet          string   `json:"outlet" head:"OUTLET" table:"hide"`
	Published       string   `json:"published" head:"PUBLISHED"` // YYYY-MM-DD of the earliest report
	Language        string   `json:"language" head:"LANG"`
	IsOutage        bool     `json:"is_outage" head:"OUTAGE"`
	ServiceID       string   `json:"service" head:"SERVICE"`
	ServiceName     string   `json:"service_name" head:"SERVICE NAME" table:"hide"`
	State           string   `json:"state" head:"STATE"`
	District        string   `json:"district" head:"DISTRICT" table:"hide"`
	Started         string   `json:"started" head:"STARTED"` // YYYY-MM-DD, or YYYY-MM-DDTHH:MM+05:30 when the time is known
	Ended           string   `json:"ended" head:"ENDED" table:"hide"`
	DurationMinutes *float64 `json:"duration_minutes" head:"DURATION" unit:"minutes"`
	Ongoing         bool     `json:"ongoing" head:"ONGOING"` // no report gives an end and the latest says it was still going on when published
	Cause           string   `json:"cause" head:"CAUSE"`
	Affected        *int64   `json:"affected" head:"AFFECTED" table:"hide"`
	MoneyINR        *float64 `json:"money_inr" head:"MONEY (INR)" table:"hide"`
	Confidence      float64  `json:"confidence" head:"CONF" unit:"ratio"`
	Reports         int      `json:"reports" head:"REPORTS"` // articles merged into this incident
	// NewsIncident is the incident's id in result_news_incidents, as the incidents
	// and links reports name it (N<n>); empty for reports analyze has not grouped
	// (before the first analyze, or a service not in the catalog).
	NewsIncident string            `json:"news_incident" head:"ID" table:"hide"`
	Event        string            `json:"event" table:"hide"`
	Evidence     map[string]string `json:"evidence" table:"hide"`
}

// MarshalJSON writes the service as an object with its id and display name
// (the catalog's name when known, else the article's); CSV and tables keep the
// flat service and service_name columns.
func (r NewsRow) MarshalJSON() ([]byte, error) {
	type flat NewsRow
	var svc any
	if r.ServiceID != "" || r.ServiceName != "" {
		svc = map[string]string{"id": r.ServiceID, "name": r.ServiceName}
	}
	if r.Sources == nil {
		r.Sources = []string{}
	}
	// Text from scraped pages stays as written (no \u003c escapes), like the
	// other reports' JSON; it is data, and the HTML writer escapes it.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		flat
		Service     any `json:"service"`
		ServiceName any `json:"service_name,omitempty"`
	}{flat(r), svc, nil})
	return bytes.TrimRight(b.Bytes(), "\n"), err
}

// newsReport is one stored article with what was read from it.
type newsReport struct {
	row       NewsRow
	published time.Time
	started   sql.NullTime
	timeKnown bool
	ended     sql.NullTime
	duration  sql.NullFloat64
	affected  sql.NullInt64
	money     sql.NullFloat64
	event     sql.NullString
}

// News returns the news incidents (outages only unless all), in order of start.
// Once analyze has run, its grouping (result_news_incidents: one service's
// reports starting within --news-group-days of each other) decides which reports
// are one incident, so this report, the HTML and the news-to-logs links agree;
// before that, and for reports analyze leaves out (no catalog service), reports
// with the same event key are one incident: its sources are all the
// reports, its start time comes from the most confident report that gives one,
// its end is the latest, its figures the largest any report gives, its cause the
// one most reports name, its district is kept only when no report calls the
// outage statewide, and it is ongoing when no report gives an end and the latest
// report says the outage was still going on when published.
func News(ctx context.Context, db *store.DB, f Filter, all bool) ([]NewsRow, error) {
	names, err := serviceNames(ctx, db)
	if err != nil {
		return nil, err
	}
	analyzed, err := analyzedNewsIncidents(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, newsSQL)
	if err != nil {
		return nil, fmt.Errorf("news report: %w", err)
	}
	defer rows.Close()
	groups := map[string][]newsReport{}
	ids := map[string]string{} // group key -> N<n>
	var order []string
	for rows.Next() {
		var r newsReport
		var id int64
		var published sql.NullTime
		var evidence string
		if err := rows.Scan(&id, &r.row.Source, &r.row.Title, &r.row.Outlet, &published, &r.row.Language, &r.row.IsOutage,
			&r.row.ServiceID, &r.row.ServiceName, &r.row.State, &r.row.District, &r.started, &r.timeKnown, &r.ended, &r.duration,
			&r.row.Ongoing, &r.row.Cause, &r.affected, &r.money, &r.row.Confidence, &evidence, &r.event); err != nil {
			return nil, fmt.Errorf("news report: %w", err)
		}
		if !all && !r.row.IsOutage {
			continue
		}
		if !f.service(r.row.ServiceID) {
			continue
		}
		if published.Valid {
			r.published = published.Time
		}
		// An article's time is when the outage started, or when it was published
		// if the article does not say.
		if t := r.started; (t.Valid && !f.time(t.Time)) || (!t.Valid && published.Valid && !f.time(published.Time)) {
			continue
		}
		_ = json.Unmarshal([]byte(evidence), &r.row.Evidence)
		// analyze's grouping (result_news_incidents, which links news to log
		// incidents) decides where it has run; the event key otherwise.
		key := r.event.String
		if inc, ok := analyzed[id]; ok {
			key = fmt.Sprintf("analyze:%d", inc)
			ids[key] = fmt.Sprintf("N%d", inc)
		} else if !r.event.Valid {
			key = fmt.Sprintf("source:%d", id)
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("news report: %w", err)
	}
	loc := f.loc()
	type incident struct {
		row NewsRow
		at  time.Time
	}
	incs := make([]incident, 0, len(order))
	for _, key := range order {
		row, at := mergeNews(groups[key], loc)
		row.NewsIncident = ids[key]
		if n, ok := names[row.ServiceID]; ok {
			row.ServiceName = n
		}
		incs = append(incs, incident{row, at})
	}
	sort.SliceStable(incs, func(i, j int) bool {
		if !incs[i].at.Equal(incs[j].at) {
			return incs[i].at.Before(incs[j].at)
		}
		return incs[i].row.Title < incs[j].row.Title
	})
	out := make([]NewsRow, len(incs))
	for i, inc := range incs {
		out[i] = inc.row
	}
	return out, nil
}

// mergeNews folds the reports of one incident into one row (see News).
func mergeNews(rs []newsReport, loc *time.Location) (NewsRow, time.Time) {
	first := rs[0]
	for _, r := range rs[1:] {
		if r.published.Before(first.published) || (r.published.Equal(first.published) && r.row.Source < first.row.Source) {
			first = r
		}
	}
	row := first.row
	row.Reports = len(rs)
	row.Event = first.event.String
	if !first.published.IsZero() {
		row.Published = first.published.In(loc).Format("2006-01-02")
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].published.Before(rs[j].published) })
	row.Sources = nil
	best := rs[0]
	causes := map[string]int{}
	states := map[string]int{}
	var ended time.Time
	var endedReport *newsReport
	district, statewide := "", false
	for i := range rs {
		r := &rs[i]
		row.Sources = append(row.Sources, r.row.Source)
		if r.row.Confidence > best.row.Confidence {
			best = *r
		}
		if r.row.Cause != "" && r.row.Cause != "unknown" {
			causes[r.row.Cause]++
		}
		if r.row.State != "" {
			states[r.row.State]++
			if r.row.District == "" {
				statewide = true
			} else if district == "" {
				district = r.row.District
			}
		}
		if r.ended.Valid && r.ended.Time.After(ended) {
			ended, endedReport = r.ended.Time, r
		}
		if r.affected.Valid && (row.Affected == nil || r.affected.Int64 > *row.Affected) {
			v := r.affected.Int64
			row.Affected = &v
		}
		if r.money.Valid && (row.MoneyINR == nil || r.money.Float64 > *row.MoneyINR) {
			v := r.money.Float64
			row.MoneyINR = &v
		}
	}
	row.Evidence, row.Confidence = best.row.Evidence, best.row.Confidence
	if len(rs) > 1 {
		row.Confidence = min(1, row.Confidence+0.05*float64(len(rs)-1))
	}
	row.Cause = pickMost(causes, best.row.Cause, "unknown")
	row.State = pickMost(states, best.row.State, "")
	row.District = ""
	if !statewide {
		row.District = district
	}
	// The start: the most confident report that gives a time of day, else any.
	start := best
	for _, r := range rs {
		if r.timeKnown && (!start.timeKnown || r.row.Confidence > start.row.Confidence) {
			start = r
		}
	}
	var at time.Time
	if start.started.Valid {
		at = start.started.Time
		layout := "2006-01-02"
		if start.timeKnown {
			layout = "2006-01-02T15:04-07:00"
		}
		row.Started = at.In(loc).Format(layout)
	} else {
		at = first.published
	}
	if endedReport != nil {
		row.Ended = ended.In(loc).Format(time.RFC3339)
		row.DurationMinutes = ptr(endedReport.duration)
	}
	// rs is in publication order: the last is the latest report.
	row.Ongoing = endedReport == nil && rs[len(rs)-1].row.Ongoing
	if row.DurationMinutes == nil {
		for _, r := range rs {
			if r.duration.Valid {
				row.DurationMinutes = ptr(r.duration)
				break
			}
		}
	}
	return row, at
}

// pickMost returns the value most reports give; ties go to prefer, then to the
// smallest value; fallback when there is none.
func pickMost(counts map[string]int, prefer, fallback string) string {
	best, n := fallback, 0
	for v, c := range counts {
		if c > n || (c == n && (v == prefer || (best != prefer && v < best))) {
			best, n = v, c
		}
	}
	return best
}

// analyzedNewsIncidents maps each article's source_id to its news incident in
// result_news_incidents, or returns an empty map before the first analyze.
func analyzedNewsIncidents(ctx context.Context, db *store.DB) (map[int64]int64, error) {
	out := map[int64]int64{}
	var n int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_name = 'result_news_incidents'`).Scan(&n); err != nil || n == 0 {
		return out, err
	}
	rows, err := db.Query(ctx, `SELECT news_incident_id, unnest(articles) FROM result_news_incidents`)
	if err != nil {
		return nil, fmt.Errorf("news report: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var inc, src int64
		if err := rows.Scan(&inc, &src); err != nil {
			return nil, fmt.Errorf("news report: %w", err)
		}
		out[src] = inc
	}
	return out, rows.Err()
}

// serviceNames maps catalog ids to display names as analyze last stored them.
func serviceNames(ctx context.Context, db *store.DB) (map[string]string, error) {
	rows, err := db.Query(ctx, `SELECT service_id, name FROM catalog_services`)
	if err != nil {
		return nil, fmt.Errorf("news report: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
