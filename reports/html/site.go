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
	"sort"
	"strings"
	"time"

	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/reports"
	"outagelens/reports/text"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var funcs = template.FuncMap{
	"pct": func(p *float64) string {
		if p == nil {
			return "–"
		}
		return text.Percent(*p)
	},
	"minutes": func(m float64) string { return text.Minutes(m) },
	"minutesp": func(p *float64) string {
		if p == nil {
			return "–"
		}
		return text.Minutes(*p)
	},
	"days": func(p *float64) string {
		if p == nil {
			return "–"
		}
		return text.Days(*p)
	},
	"ratio": func(p *float64) string {
		if p == nil {
			return "–"
		}
		return fmt.Sprintf("%.2f", *p)
	},
	"when": func(t time.Time) string { return t.Format("2006-01-02 15:04") },
	"date": func(t *time.Time) string {
		if t == nil {
			return "–"
		}
		return t.Format("2006-01-02")
	},
}

var tmpl = template.Must(template.New("site").Funcs(funcs).ParseFS(templateFS, "templates/*.tmpl"))

// Site is everything the pages show.
type Site struct {
	Title       string
	Generated   time.Time
	Services    []ServiceSummary
	Reliability []reports.ReliabilityRow
	Incidents   []reports.IncidentRow
	MonthEnd    []reports.MonthEndRow
	Saturation  []reports.SaturationRow
	Promises    []reports.PromiseRow
	News        []reports.NewsRow
}

// ServiceSummary is one row of the overview.
type ServiceSummary struct {
	ID, Name, State string
	AvailabilityPct *float64 // whole period, by minutes
	SLOPct          float64
	Incidents       int
	LastIncident    *time.Time
	MonthEnd        *reports.MonthEndRow
	Saturation      *reports.SaturationRow
	Promises        []reports.PromiseRow
	Trend           template.HTML // SVG sparkline of monthly availability
	Attention       []string      // plain-language findings, most urgent first
}

// Build reads every report model from db.
func Build(ctx context.Context, db *store.DB, cat *catalog.Catalog, f reports.Filter, now time.Time) (*Site, error) {
	s := &Site{Title: "outagelens: outages of public e-services", Generated: now}
	var err error
	if s.Reliability, err = reports.Reliability(ctx, db, f); err != nil {
		return nil, err
	}
	if s.Incidents, err = reports.Incidents(ctx, db, f); err != nil {
		return nil, err
	}
	if s.MonthEnd, err = reports.MonthEnd(ctx, db, f); err != nil {
		return nil, err
	}
	if s.Saturation, err = reports.Saturation(ctx, db, f); err != nil {
		return nil, err
	}
	if s.Promises, err = reports.Promises(ctx, db, f); err != nil {
		return nil, err
	}
	if s.News, err = reports.News(ctx, db, f, false); err != nil {
		return nil, err
	}
	s.Services = summarise(s, cat)
	return s, nil
}

func summarise(s *Site, cat *catalog.Catalog) []ServiceSummary {
	byID := map[string]*ServiceSummary{}
	get := func(id string) *ServiceSummary {
		if x, ok := byID[id]; ok {
			return x
		}
		x := &ServiceSummary{ID: id, Name: id}
		if svc, ok := cat.Service(id); ok {
			x.Name, x.State, x.SLOPct = svc.Name, svc.State, svc.SLOPct
		}
		byID[id] = x
		return x
	}
	up, known := map[string]float64{}, map[string]float64{}
	monthly := map[string][]float64{}
	for _, r := range s.Reliability {
		x := get(r.Service)
		x.SLOPct = r.SLOPct
		if r.AvailabilityMinutesPct != nil {
			monthly[r.Service] = append(monthly[r.Service], *r.AvailabilityMinutesPct)
		}
		up[r.Service] += float64(r.UpMinutes)
		known[r.Service] += float64(r.UpMinutes + r.DownMinutes)
	}
	for id, k := range known {
		if k > 0 {
			v := 100 * up[id] / k
			byID[id].AvailabilityPct = &v
		}
	}
	for _, in := range s.Incidents {
		x := get(in.Service)
		x.Incidents++
		t := in.Start
		x.LastIncident = &t
	}
	for i := range s.MonthEnd {
		if s.MonthEnd[i].Service != "all" {
			get(s.MonthEnd[i].Service).MonthEnd = &s.MonthEnd[i]
		}
	}
	for i := range s.Saturation {
		x := get(s.Saturation[i].Service)
		if x.Saturation == nil || less(s.Saturation[i].DaysTo100, x.Saturation.DaysTo100) {
			x.Saturation = &s.Saturation[i]
		}
	}
	for _, p := range s.Promises {
		x := get(p.Service)
		x.Promises = append(x.Promises, p)
	}
	var out []ServiceSummary
	for id, x := range byID {
		x.Trend = sparkline(monthly[id], x.SLOPct)
		x.Attention = attention(x)
		out = append(out, *x)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func less(a, b *float64) bool {
	switch {
	case a == nil:
		return false
	case b == nil:
		return true
	}
	return *a < *b
}

// attention lists what a planner should look at first, in plain words.
func attention(x *ServiceSummary) []string {
	var out []string
	if x.Saturation != nil && x.Saturation.DaysTo100 != nil && *x.Saturation.DaysTo100 < 90 {
		out = append(out, fmt.Sprintf("Storage %s on %s will be full in about %s at the current growth (%+.2f points a day).",
			x.Saturation.Resource, x.Saturation.Host, text.Days(*x.Saturation.DaysTo100), *x.Saturation.SlopePctPerDay))
	}
	if m := x.MonthEnd; m != nil && m.IncidentRateRatio != nil && *m.IncidentRateRatio > 1.5 && m.PValue != nil && *m.PValue < 0.05 {
		out = append(out, fmt.Sprintf("Outages start %.1f times as often in the last %d days of the month as on other days: plan capacity and fallbacks for month end.",
			*m.IncidentRateRatio, m.K))
	}
	for _, p := range x.Promises {
		if p.KeptPct != nil && *p.KeptPct < 95 {
			out = append(out, fmt.Sprintf("Promise %q kept only %s of the time; worst delay %s.", p.Text, text.Percent(*p.KeptPct), minutesOr(p.MaxMinutes)))
		}
		if p.NeverCompleted > 0 {
			out = append(out, fmt.Sprintf("%d cases of %q were never completed.", p.NeverCompleted, p.Promise))
		}
	}
	if x.AvailabilityPct != nil && *x.AvailabilityPct < x.SLOPct {
		out = append(out, fmt.Sprintf("Availability %s is below the %s target.", text.Percent(*x.AvailabilityPct), text.Percent(x.SLOPct)))
	}
	return out
}

func minutesOr(p *float64) string {
	if p == nil {
		return "unknown"
	}
	return text.Minutes(*p)
}

// sparkline draws monthly availability as a small SVG polyline, with the SLO as a line.
func sparkline(vals []float64, slo float64) template.HTML {
	if len(vals) == 0 {
		return ""
	}
	const w, h = 120.0, 28.0
	lo := slo - 1
	for _, v := range vals {
		if v < lo {
			lo = v
		}
	}
	y := func(v float64) float64 { return h - 2 - (v-lo)/(100-lo)*(h-4) }
	var pts []string
	for i, v := range vals {
		x := 2.0
		if len(vals) > 1 {
			x = 2 + float64(i)*(w-4)/float64(len(vals)-1)
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y(v)))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg class="spark" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="monthly availability, %d months">`, w, h, w, h, len(vals))
	fmt.Fprintf(&b, `<line x1="0" x2="%.0f" y1="%.1f" y2="%.1f" class="slo"/>`, w, y(slo), y(slo))
	fmt.Fprintf(&b, `<polyline points="%s" class="line"/></svg>`, strings.Join(pts, " "))
	return template.HTML(b.String()) // numbers only: safe
}

// Write renders the site into dir and returns the files written.
func Write(dir string, s *Site) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "index.tmpl", s); err != nil {
		return nil, fmt.Errorf("render index.html: %w", err)
	}
	path := filepath.Join(dir, "index.html")
	if err := writeFile(path, buf.Bytes()); err != nil {
		return nil, err
	}
	return []string{path}, nil
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
