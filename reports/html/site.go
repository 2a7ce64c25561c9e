package html

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/reports"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// Options configure Build.
type Options struct {
	// Filter limits services and, with From and To bounding one calendar month
	// (--month), time; zero keeps everything. A site covers the whole analysed
	// period or one month: other time ranges are refused, since the whole-period
	// numbers (availability, MTTR) exist as result tables only for those.
	Filter reports.Filter
	// Lang is the language of page labels: "en" (default) or "hi". Notices are
	// always in each service's own language, with an English translation.
	Lang string
	// Now is the generation time printed on the pages [time.Now].
	Now time.Time
}

// Site is everything the pages show, read once from the store: report models
// and the chart series, all read from the analyses' result tables. Month pages
// are cut from it.
type Site struct {
	Title     string
	Lang      string
	Generated time.Time
	Location  *time.Location
	Services  []Service
	Months    []string // calendar months with data, "2006-01", ascending
	// Span is "" when the site covers the whole analysed period, else the one
	// month it was built for (Options.Filter).
	Span string
	// First and Last bound the data: local midnight of the first day and of the
	// day after the last.
	First, Last time.Time

	Reliability  []reports.ReliabilityRow // per service and month
	Totals       []reports.ReliabilityRow // per service, whole analysed period
	Incidents    []reports.IncidentRow    // monitored: logs, probes, status pages
	News         []reports.NewsRow        // news incidents (reports of one outage grouped)
	Links        []reports.LinkRow
	MonthEnd     []reports.MonthEndRow
	MonthEndDays map[string][]reports.MonthEndDayRow // by month ("" is the whole period)
	Saturation   []reports.SaturationRow
	Capacity     []reports.CapacityDay
	StorageFull  []reports.StorageFullRow
	Promises     map[string][]reports.PromiseRow // by month ("" is the whole period)
	PromiseCases []reports.PromiseCaseRow
	Delays       []reports.DelayBin
	Load         []reports.LoadRow
	LoadBins     []reports.LoadBinRow
	Days         []reports.DayRow
	LastData     map[string]time.Time
	K            int // month-end window in days
}

// Service is one service as pages name it.
type Service struct {
	ID, Name, State, Department, Category, Language string
	SLOPct                                          float64
}

// ErrPeriod reports a time filter that is not one calendar month.
var ErrPeriod = errors.New("html: a site covers the whole analysed period or one calendar month (--month), not other --from/--to ranges")

// Build reads the report models and chart series from db.
func Build(ctx context.Context, db *store.DB, cat *catalog.Catalog, o Options) (*Site, error) {
	f := o.Filter
	if f.Location == nil {
		f.Location = catalog.IST
	}
	lang := o.Lang
	if lang == "" {
		lang = "en"
	}
	if !slices.Contains(Langs, lang) {
		return nil, fmt.Errorf("html: language %q: want one of %s", lang, strings.Join(Langs, ", "))
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	s := &Site{Lang: lang, Generated: now.In(f.Location), Location: f.Location, K: 3,
		Promises: map[string][]reports.PromiseRow{}, MonthEndDays: map[string][]reports.MonthEndDayRow{}}
	if f.HasTime() {
		m := f.From.In(f.Location).Format("2006-01")
		from, to, _ := reports.ParseMonth(m, f.Location)
		if !f.From.Equal(from) || !f.To.Equal(to) {
			return nil, ErrPeriod
		}
		s.Span = m
	}
	s.Title = tr{lang}.T("Outages of public e-services")
	var err error
	steps := []func() error{
		func() (err error) { s.Reliability, err = reports.Reliability(ctx, db, f); return },
		func() (err error) { s.Totals, err = reports.ReliabilityTotal(ctx, db, f); return },
		func() (err error) { s.Incidents, err = reports.Incidents(ctx, db, f); return },
		func() (err error) { s.News, err = reports.News(ctx, db, f, false); return },
		func() (err error) { s.Links, err = reports.Links(ctx, db, f); return },
		func() (err error) { s.MonthEnd, err = reports.MonthEnd(ctx, db, f); return },
		func() (err error) { s.Saturation, err = reports.Saturation(ctx, db, f); return },
		func() (err error) { s.Capacity, err = reports.CapacityDays(ctx, db, f); return },
		func() (err error) { s.StorageFull, err = reports.StorageFull(ctx, db, f); return },
		func() (err error) { s.PromiseCases, err = reports.PromiseCases(ctx, db, f); return },
		func() (err error) { s.Delays, err = reports.PromiseDelays(ctx, db, f); return },
		func() (err error) { s.Load, err = reports.Load(ctx, db, f); return },
		func() (err error) { s.LoadBins, err = reports.LoadBins(ctx, db, f); return },
		func() (err error) { s.Days, err = reports.Days(ctx, db, f); return },
		func() (err error) { s.LastData, err = reports.LastData(ctx, db, f); return },
	}
	for _, step := range steps {
		if err = step(); err != nil {
			return nil, err
		}
	}
	for _, m := range s.MonthEnd {
		if m.K > 0 {
			s.K = m.K
		}
	}
	months := map[string]bool{}
	for _, r := range s.Reliability {
		months[r.Month] = true
	}
	for _, d := range s.Days {
		months[d.Day.Format("2006-01")] = true
		if s.First.IsZero() || d.Day.Before(s.First) {
			s.First = d.Day
		}
		if end := d.Day.AddDate(0, 0, 1); end.After(s.Last) {
			s.Last = end
		}
	}
	for m := range months {
		s.Months = append(s.Months, m)
	}
	sort.Strings(s.Months)
	// Month-end by day of month and the promise summaries, for the site's span
	// and each month: with a month's filter the reports sum only its days and
	// cases, with the analysis' own definitions.
	spans := []string{s.Span}
	for _, m := range s.Months {
		if m != s.Span {
			spans = append(spans, m)
		}
	}
	for _, m := range spans {
		mf := f
		if m != "" {
			mf.From, mf.To, _ = reports.ParseMonth(m, f.Location)
		}
		if s.MonthEndDays[m], err = reports.MonthEndDays(ctx, db, mf); err != nil {
			return nil, err
		}
		if s.Promises[m], err = reports.Promises(ctx, db, mf); err != nil {
			return nil, err
		}
	}
	s.Services = services(s, cat)
	return s, nil
}

// MinDipMonths is how many months must show lower month-end availability for
// a significant month-end ratio to count as a pattern (shown red, a finding).
func (s *Site) MinDipMonths() int { return minDipMonths }

// services lists every service with data or news, named from the catalog.
func services(s *Site, cat *catalog.Catalog) []Service {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && id != "all" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, r := range s.Reliability {
		add(r.Service)
	}
	for _, r := range s.Incidents {
		add(r.Service)
	}
	for _, r := range s.Saturation {
		add(r.Service)
	}
	for _, r := range s.News {
		add(r.ServiceID)
	}
	sort.Strings(ids)
	out := make([]Service, len(ids))
	for i, id := range ids {
		out[i] = Service{ID: id, Name: id, SLOPct: 99.5, Language: "en"}
		if c, ok := cat.Service(id); ok {
			out[i] = Service{ID: id, Name: c.Name, State: c.State, Department: c.Department, Category: c.Category, Language: c.Language, SLOPct: c.SLOPct}
			if out[i].Language == "" {
				out[i].Language = "en"
			}
		}
	}
	return out
}

// Write renders the site into dir: the whole period at the top and each month
// in a folder of its own (2025-03/index.html), with the same pages. It returns
// the files written.
func Write(dir string, s *Site) ([]string, error) {
	t, err := templates(s.Lang)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, p := range s.periods() {
		pd := filepath.Join(dir, filepath.FromSlash(p.Dir))
		if err := os.MkdirAll(pd, 0o755); err != nil {
			return files, err
		}
		for _, pg := range s.pages(p) {
			var buf bytes.Buffer
			if err := t.ExecuteTemplate(&buf, pg.Template, pg); err != nil {
				return files, fmt.Errorf("render %s%s: %w", p.Dir, pg.File, err)
			}
			path := filepath.Join(pd, pg.File)
			if err := writeFile(path, buf.Bytes()); err != nil {
				return files, err
			}
			files = append(files, path)
		}
	}
	return files, nil
}

// templates parses the page templates with the label functions of one language.
func templates(lang string) (*template.Template, error) {
	l := tr{lang}
	funcs := template.FuncMap{
		"t":     l.T,
		"tf":    l.F,
		"month": l.Month,
		"dur":   l.Dur,
		"durp":  func(p *float64) string { return durp(l, p) },
		"days":  func(p *float64) string { return daysOr(l, p) },
		"pct":   pct,
		"pctp":  pctp,
		"cause": l.Cause,
		"when":  func(t time.Time) string { return t.Format("2006-01-02 15:04") },
		"date":  func(t time.Time) string { return t.Format("2006-01-02") },
		"datep": func(t *time.Time) string {
			if t == nil {
				return "–"
			}
			return t.Format("2006-01-02")
		},
		"ratio": func(p *float64) string {
			if p == nil {
				return "–"
			}
			return fmt.Sprintf("%.1f×", *p)
		},
		"deref": deref,
		"count": count,
		"deref64": func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		},
		"float":       func(n int64) float64 { return float64(n) },
		"serviceHref": serviceFile,
		"rate":        rateLabel,
		"newstime": func(v string) string {
			if len(v) >= 16 && v[10] == 'T' {
				return v[:10] + " " + v[11:16]
			}
			return v
		},
		"status": l.Cause,
		"gap": func(p *float64) string {
			switch {
			case *p > 0:
				return l.F("%s after the reported start", l.Dur(*p))
			case *p < 0:
				return l.F("%s before the reported start", l.Dur(-*p))
			}
			return l.T("at the reported start")
		},
	}
	return template.New("site").Funcs(funcs).ParseFS(templateFS, "templates/*.tmpl")
}

// writeFile writes to a temporary file and renames it, so a reader never sees half a page.
func writeFile(path string, b []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(f.Name()))
		}
	}()
	if _, err = f.Write(b); err != nil {
		return errors.Join(err, f.Close())
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
