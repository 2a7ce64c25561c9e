package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"outagelens/data/catalog"
	"outagelens/data/store"
)

// ErrNotAnalyzed reports that the store has no analysis results yet.
var ErrNotAnalyzed = errors.New("no analysis results yet: run `outagelens analyze` (or `outagelens run`/`demo`) first")

// Filter selects rows. The zero value selects everything.
type Filter struct {
	// Services keeps rows of these service ids only.
	Services []string
	// From and To keep rows whose time (an incident's start, a month's first day)
	// is in [From, To). Zero means unbounded.
	From, To time.Time
	// Location is where times are shown and months begin; nil means IST.
	Location *time.Location
	// WithNews adds news-reported incidents to Incidents (source "news").
	WithNews bool
}

// ParseMonth turns "2025-03" into the range of that calendar month in loc.
func ParseMonth(s string, loc *time.Location) (from, to time.Time, err error) {
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return from, to, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	return t, t.AddDate(0, 1, 0), nil
}

// HasTime reports whether the filter limits time (From or To is set).
func (f Filter) HasTime() bool { return !f.From.IsZero() || !f.To.IsZero() }

func (f Filter) loc() *time.Location {
	if f.Location == nil {
		return catalog.IST
	}
	return f.Location
}

// service keeps id when the filter names no services or names id; so the
// month-end reports' "all" rows come only without --service.
func (f Filter) service(id string) bool {
	return len(f.Services) == 0 || slices.Contains(f.Services, id)
}

func (f Filter) time(t time.Time) bool {
	return (f.From.IsZero() || !t.Before(f.From)) && (f.To.IsZero() || t.Before(f.To))
}

// month keeps a "YYYY-MM" month overlapping [From, To).
func (f Filter) month(m string) bool {
	start, end, err := ParseMonth(m, f.loc())
	if err != nil {
		return false
	}
	return (f.From.IsZero() || end.After(f.From)) && (f.To.IsZero() || start.Before(f.To))
}

// dates returns [From, To) as local calendar dates (YYYY-MM-DD), open ends made
// finite, for SQL over DATE columns.
func (f Filter) dates() (from, to string) {
	from, to = "0001-01-01", "9999-01-01"
	if !f.From.IsZero() {
		from = f.From.In(f.loc()).Format("2006-01-02")
	}
	if !f.To.IsZero() {
		to = f.To.In(f.loc()).Format("2006-01-02")
	}
	return from, to
}

// bounds returns [From, To) with open ends made finite, for SQL.
func (f Filter) bounds() (from, to time.Time) {
	from, to = f.From, f.To
	if from.IsZero() {
		from = time.Unix(0, 0)
	}
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return from.UTC(), to.UTC()
}

// minuteTime turns minutes since 1970-01-01 UTC into a time in loc.
func minuteTime(m int64, loc *time.Location) time.Time {
	return time.Unix(m*60, 0).In(loc)
}

// query runs a report's query; a result table that does not exist yet becomes
// ErrNotAnalyzed, other errors name the report.
func query(ctx context.Context, db *store.DB, report, q string, args ...any) (*sql.Rows, error) {
	rows, err := db.Query(ctx, q, args...)
	switch {
	case missingTable(err):
		return nil, ErrNotAnalyzed
	case err != nil:
		return nil, fmt.Errorf("%s report: %w", report, err)
	}
	return rows, nil
}

// missingTable reports an error from querying a result table that analyze has
// not written yet.
func missingTable(err error) bool {
	return strings.HasPrefix(store.MissingTable(err), "result_")
}
