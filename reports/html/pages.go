package html

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"outagelens/reports"
)

// period is the whole data span or one calendar month; its pages live in Dir.
type period struct {
	Key      string // "" for the whole period, else "2006-01"
	Dir      string // "" or "2006-01/"
	Root     string // from this period's folder to the site's root: "" or "../"
	From, To time.Time
}

func (s *Site) periods() []period {
	out := []period{{From: s.First, To: s.Last}}
	for _, m := range s.Months {
		from, to, _ := reports.ParseMonth(m, s.Location)
		out = append(out, period{Key: m, Dir: m + "/", Root: "../", From: from, To: to})
	}
	return out
}

func (p period) has(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

// Link is a link in the navigation or the month selector.
type Link struct {
	Label, Href string
	Current     bool
}

// Page is what one template renders.
type Page struct {
	Site     *Site
	Period   period
	Template string // templates/<Template>
	File     string // file name within the period's folder
	Title    string
	Nav      []Link
	Periods  []Link
	// One of these is set, by Template.
	Overview *Overview
	Service  *ServicePage
	News     []NewsView
	Notice   *NoticePage
}

// PeriodLabel names the page's period.
func (p *Page) PeriodLabel() string {
	l := tr{p.Site.Lang}
	if p.Period.Key == "" {
		return l.T("Whole period")
	}
	return l.Month(p.Period.Key)
}

// Finding is one plain-language sentence about what needs attention; Score
// orders them, most urgent first.
type Finding struct {
	Score float64
	Href  string
	Text  string
}

// Overview is the index page: one row per service and what needs attention.
type Overview struct {
	Attention []Finding
	Rows      []OverviewRow
	Latest    []IncidentView
}

// OverviewRow is one service on the overview.
type OverviewRow struct {
	Service       Service
	Href          string
	NoticeHref    string
	Availability  *float64
	DownMinutes   int64
	Incidents     int
	Trend         Chart
	MonthEnd      *reports.MonthEndRow // whole period only
	MonthEndAvail *float64             // month pages: availability in the last K days
	RestAvail     *float64
	Storage       *reports.SaturationRow
	Broken        int64 // promise cases broken or never completed in the period
	Latest        *IncidentView
}

// IncidentView is an incident with the news reports that tell of it.
type IncidentView struct {
	reports.IncidentRow
	ID          string
	ServiceName string
	ServiceHref string
	News        []NewsView

	window [2]time.Time // days whose news may tell of it
}

// NewsView is a news report as pages show it.
type NewsView struct {
	reports.NewsRow
	ID          string
	Href        string // the article, when it is an http(s) URL
	ServiceName string
	ServiceHref string
	Evidence    [][2]string // field, sentence; sorted by field
	Linked      bool        // matches an incident from logs or probes
}

// ServicePage is one service in one period.
type ServicePage struct {
	Service       Service
	NoticeHref    string
	Availability  *float64
	DownMinutes   int64
	Incidents     []IncidentView // the latest maxListed
	AllIncidents  int            // how many there are in the period
	MTTRMedian    *float64
	Longest       *float64
	MonthEnd      *reports.MonthEndRow
	MonthEndAvail *float64
	RestAvail     *float64
	Findings      []Finding
	Calendar      Chart
	DayOfMonth    Chart
	Capacity      []Chart
	Load          Chart
	Timeline      Chart
	Delays        []Chart
	Promises      []reports.PromiseRow
	Reliability   []reports.ReliabilityRow
	News          []NewsView
}

// NoticePage is the public notice of one service.
type NoticePage struct {
	Service  Service
	Incident *reports.IncidentRow
	Notice   *Notice
}

func serviceFile(id string) string { return "service-" + id + ".html" }
func noticeFile(id string) string  { return "notice-" + id + ".html" }

// pages builds every page of one period.
func (s *Site) pages(p period) []*Page {
	l := tr{s.Lang}
	news := s.newsViews(p)
	incidents := s.incidentViews(p, news)
	var out []*Page
	mk := func(tmpl, file, title string) *Page {
		pg := &Page{Site: s, Period: p, Template: tmpl, File: file, Title: title}
		pg.Nav = append(pg.Nav, Link{Label: l.T("Overview"), Href: "index.html", Current: file == "index.html"})
		for _, svc := range s.Services {
			pg.Nav = append(pg.Nav, Link{Label: svc.Name, Href: serviceFile(svc.ID), Current: file == serviceFile(svc.ID) || file == noticeFile(svc.ID)})
		}
		pg.Nav = append(pg.Nav, Link{Label: l.T("News"), Href: "news.html", Current: file == "news.html"})
		pg.Periods = append(pg.Periods, Link{Label: l.T("Whole period"), Href: p.Root + file, Current: p.Key == ""})
		for _, m := range s.Months {
			pg.Periods = append(pg.Periods, Link{Label: l.Month(m), Href: p.Root + m + "/" + file, Current: p.Key == m})
		}
		out = append(out, pg)
		return pg
	}
	ov := mk("index.tmpl", "index.html", l.T("Overview"))
	ov.Overview = s.overview(p, incidents, news)
	for _, svc := range s.Services {
		sp := mk("service.tmpl", serviceFile(svc.ID), svc.Name)
		sp.Service = s.servicePage(p, svc, incidents, news)
		np := mk("notice.tmpl", noticeFile(svc.ID), l.T("Public notice")+": "+svc.Name)
		np.Notice = s.noticePage(p, svc)
	}
	nw := mk("news.tmpl", "news.html", l.T("News reports"))
	nw.News = news
	return out
}

func (s *Site) service(id string) Service {
	for _, svc := range s.Services {
		if svc.ID == id {
			return svc
		}
	}
	return Service{ID: id, Name: id}
}

// newsDay is the local day an article says the outage started, or its
// publication day.
func (s *Site) newsDay(n reports.NewsRow) (time.Time, bool) {
	for _, v := range []string{n.Started, n.Published} {
		if len(v) >= 10 {
			if t, err := time.ParseInLocation("2006-01-02", v[:10], s.Location); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func (s *Site) newsViews(p period) []NewsView {
	var out []NewsView
	for i, n := range s.News {
		d, ok := s.newsDay(n)
		if p.Key != "" && (!ok || !p.has(d)) {
			continue
		}
		v := NewsView{NewsRow: n, ID: fmt.Sprintf("news-%d", i+1), ServiceName: s.service(n.ServiceID).Name}
		if n.ServiceID != "" {
			v.ServiceHref = serviceFile(n.ServiceID)
		} else {
			v.ServiceName = ""
		}
		if l := strings.ToLower(n.Source); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
			v.Href = n.Source
		}
		for k, e := range n.Evidence {
			v.Evidence = append(v.Evidence, [2]string{k, e})
		}
		sort.Slice(v.Evidence, func(i, j int) bool { return v.Evidence[i][0] < v.Evidence[j][0] })
		out = append(out, v)
	}
	return out
}

// incidentViews are the period's incidents with the news that tells of them: a
// report of the same service whose day is within a day of the incident. (The
// analyses' links report, when it lands, is the better source for this.)
func (s *Site) incidentViews(p period, news []NewsView) []IncidentView {
	var out []IncidentView
	for i, in := range s.Incidents {
		if !p.has(in.Start) {
			continue
		}
		v := IncidentView{IncidentRow: in, ID: fmt.Sprintf("inc-%d", i+1), ServiceName: s.service(in.Service).Name, ServiceHref: serviceFile(in.Service)}
		d0 := time.Date(in.Start.Year(), in.Start.Month(), in.Start.Day(), 0, 0, 0, 0, s.Location).AddDate(0, 0, -1)
		d1 := time.Date(in.EndTime().Year(), in.EndTime().Month(), in.EndTime().Day(), 0, 0, 0, 0, s.Location).AddDate(0, 0, 2)
		v.window = [2]time.Time{d0, d1}
		out = append(out, v)
	}
	// Each report goes with the incident in whose window its day falls whose
	// start is nearest to that day.
	for j := range news {
		n := &news[j]
		d, ok := s.newsDay(n.NewsRow)
		if !ok {
			continue
		}
		best := -1
		for i, v := range out {
			if v.Service != n.ServiceID || d.Before(v.window[0]) || !d.Before(v.window[1]) {
				continue
			}
			if best < 0 || absDur(v.Start.Sub(d)) < absDur(out[best].Start.Sub(d)) {
				best = i
			}
		}
		if best >= 0 {
			n.Linked = true
			out[best].News = append(out[best].News, *n)
		}
	}
	return out
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// availability sums a service's reliability rows in the period.
func (s *Site) availability(p period, id string) (avail *float64, down int64, rows []reports.ReliabilityRow) {
	var up int64
	for _, r := range s.Reliability {
		if r.Service != id || (p.Key != "" && r.Month != p.Key) {
			continue
		}
		up += r.UpMinutes
		down += r.DownMinutes
		rows = append(rows, r)
	}
	if up+down > 0 {
		v := 100 * float64(up) / float64(up+down)
		avail = &v
	}
	return avail, down, rows
}

func (s *Site) monthEnd(id string) *reports.MonthEndRow {
	for i := range s.MonthEnd {
		if s.MonthEnd[i].Service == id {
			return &s.MonthEnd[i]
		}
	}
	return nil
}

// storage is the resource of a service that fills first.
func (s *Site) storage(id string) *reports.SaturationRow {
	var best *reports.SaturationRow
	for i := range s.Saturation {
		r := &s.Saturation[i]
		if r.Service != id {
			continue
		}
		if best == nil || less(r.DaysTo100, best.DaysTo100) || (best.DaysTo100 == nil && r.DaysTo100 == nil && r.UsedPct > best.UsedPct) {
			best = r
		}
	}
	return best
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

func (s *Site) promises(p period, id string) []reports.PromiseRow {
	var out []reports.PromiseRow
	for _, r := range s.Promises[p.Key] {
		if r.Service == id {
			out = append(out, r)
		}
	}
	return out
}

// findings says what needs attention for one service, in plain words, scored
// so the overview can put the most urgent first: storage about to fill, then
// broken promises, month-end concentration, availability below target.
func (s *Site) findings(p period, svc Service, href string, news []NewsView) []Finding {
	l := tr{s.Lang}
	var out []Finding
	add := func(score float64, text string) { out = append(out, Finding{Score: score, Href: href, Text: text}) }
	if np := s.noticePage(p, svc); np.Notice != nil && np.Notice.Ongoing {
		out = append(out, Finding{Score: 2000, Href: noticeFile(svc.ID), Text: l.F("%s has been down since %s and was still down when the data ends: publish the public notice.",
			svc.Name, np.Incident.Start.Format("2006-01-02 15:04"))})
	}
	if st := s.storage(svc.ID); st != nil {
		if st.DaysTo100 != nil && st.ETA100 != nil && *st.DaysTo100 < 180 {
			add(1000-*st.DaysTo100, l.F("%s: storage %s on %s will be full in about %s (around %s) at %s points a day; free space or add disk before then.",
				svc.Name, st.Resource, st.Host, l.Days(*st.DaysTo100), st.ETA100.Format("2006-01-02"), fmt.Sprintf("%.2f", deref(st.SlopePctPerDay))))
		} else if st.UsedPct >= 90 {
			add(900, l.F("%s: storage %s on %s is at %s, above 90%%.", svc.Name, st.Resource, st.Host, pct(st.UsedPct)))
		}
	}
	for _, pr := range s.promises(p, svc.ID) {
		if pr.KeptPct != nil && *pr.KeptPct < 95 {
			add(500+(95-*pr.KeptPct), l.F("%s: \"%s\" was kept in only %s of cases; worst delay %s.", svc.Name, pr.Text, pct(*pr.KeptPct), durp(l, pr.MaxMinutes)))
		}
		if pr.NeverCompleted > 0 {
			add(450+math.Min(float64(pr.NeverCompleted), 49), l.F("%s: %d cases of \"%s\" were never completed.", svc.Name, pr.NeverCompleted, pr.Text))
		}
	}
	if p.Key == "" {
		if m := s.monthEnd(svc.ID); m != nil && m.IncidentRateRatio != nil && *m.IncidentRateRatio > 1.5 && m.PValue != nil && *m.PValue < 0.05 {
			add(400+math.Min(*m.IncidentRateRatio, 99), l.F("%s: outages start %s times as often in the last %d days of the month as on other days (95%% interval %s to %s); plan staff, capacity and fallbacks for month end.",
				svc.Name, fmt.Sprintf("%.1f", *m.IncidentRateRatio), m.K, fmt.Sprintf("%.1f", deref(m.CILow)), fmt.Sprintf("%.1f", deref(m.CIHigh))))
		}
	} else {
		_, _, rows := s.availability(p, svc.ID)
		for _, r := range rows {
			if r.AvailabilityMonthEndPct != nil && r.AvailabilityRestPct != nil && *r.AvailabilityMonthEndPct < *r.AvailabilityRestPct-1 {
				add(350, l.F("%s: month-end availability %s against %s on other days.", svc.Name, pct(*r.AvailabilityMonthEndPct), pct(*r.AvailabilityRestPct)))
			}
		}
	}
	if a, down, _ := s.availability(p, svc.ID); a != nil && *a < svc.SLOPct {
		add(300+(svc.SLOPct-*a), l.F("%s: availability %s is below the %s target (%s down).", svc.Name, pct(*a), pct(svc.SLOPct), l.Dur(float64(down))))
	}
	var newsOnly int
	for _, n := range news {
		if n.ServiceID == svc.ID && !n.Linked {
			newsOnly++
		}
	}
	switch {
	case newsOnly == 1:
		add(201, l.F("%s: an outage reported in the news has no matching outage in the logs: check monitoring.", svc.Name))
	case newsOnly > 1:
		add(200+float64(newsOnly), l.F("%s: reported in the news %d times with no matching outage in the logs: check monitoring.", svc.Name, newsOnly))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func (s *Site) overview(p period, incidents []IncidentView, news []NewsView) *Overview {
	l := tr{s.Lang}
	o := &Overview{}
	for _, svc := range s.Services {
		r := OverviewRow{Service: svc, Href: serviceFile(svc.ID), NoticeHref: noticeFile(svc.ID)}
		var rows []reports.ReliabilityRow
		r.Availability, r.DownMinutes, rows = s.availability(p, svc.ID)
		var months []string
		var vals []float64
		for _, rr := range s.Reliability {
			if rr.Service == svc.ID && rr.AvailabilityMinutesPct != nil {
				months = append(months, rr.Month)
				vals = append(vals, *rr.AvailabilityMinutesPct)
			}
		}
		r.Trend = sparkline(l, "trend-"+svc.ID, months, vals, svc.SLOPct)
		if p.Key == "" {
			r.MonthEnd = s.monthEnd(svc.ID)
		} else if len(rows) == 1 {
			r.MonthEndAvail, r.RestAvail = rows[0].AvailabilityMonthEndPct, rows[0].AvailabilityRestPct
		}
		r.Storage = s.storage(svc.ID)
		for _, pr := range s.promises(p, svc.ID) {
			r.Broken += pr.Started - pr.Pending - keptCount(pr)
		}
		for i := range incidents {
			if incidents[i].Service == svc.ID {
				r.Incidents++
				r.Latest = &incidents[i]
			}
		}
		o.Rows = append(o.Rows, r)
		o.Attention = append(o.Attention, s.findings(p, svc, serviceFile(svc.ID), news)...)
	}
	sort.SliceStable(o.Attention, func(i, j int) bool { return o.Attention[i].Score > o.Attention[j].Score })
	for i := len(incidents) - 1; i >= 0 && len(o.Latest) < 10; i-- {
		o.Latest = append(o.Latest, incidents[i])
	}
	return o
}

// keptCount recovers the kept cases from a promise row: kept_pct is over the
// cases that are not pending.
func keptCount(p reports.PromiseRow) int64 {
	if p.KeptPct == nil {
		return 0
	}
	return int64(math.Round(*p.KeptPct / 100 * float64(p.Started-p.Pending)))
}

// maxListed caps the incidents a page lists, so a page stays small whatever
// the store holds; the CLI report has them all.
const maxListed = 200

func (s *Site) servicePage(p period, svc Service, incidents []IncidentView, news []NewsView) *ServicePage {
	l := tr{s.Lang}
	sp := &ServicePage{Service: svc, NoticeHref: noticeFile(svc.ID)}
	sp.Availability, sp.DownMinutes, sp.Reliability = s.availability(p, svc.ID)
	if p.Key == "" {
		sp.MonthEnd = s.monthEnd(svc.ID)
	} else if len(sp.Reliability) == 1 {
		sp.MonthEndAvail, sp.RestAvail = sp.Reliability[0].AvailabilityMonthEndPct, sp.Reliability[0].AvailabilityRestPct
	}
	var durations []float64
	for _, in := range incidents {
		if in.Service == svc.ID {
			sp.Incidents = append(sp.Incidents, in)
			durations = append(durations, in.DurationMinutes())
		}
	}
	if len(durations) > 0 {
		sort.Float64s(durations)
		med := durations[len(durations)/2]
		if len(durations)%2 == 0 {
			med = (durations[len(durations)/2-1] + durations[len(durations)/2]) / 2
		}
		longest := durations[len(durations)-1]
		sp.MTTRMedian, sp.Longest = &med, &longest
	}
	for _, n := range news {
		if n.ServiceID == svc.ID {
			sp.News = append(sp.News, n)
		}
	}
	sp.Findings = s.findings(p, svc, "", news)

	var days []reports.DayRow
	for _, d := range s.Days {
		if d.Service == svc.ID && p.has(d.Day) {
			days = append(days, d)
		}
	}
	sp.Calendar = calendarChart(l, "calendar", days, p.From, p.To)
	sp.DayOfMonth = domChart(l, "dom", days, s.K)

	series := map[string][]reports.CapacityDay{}
	var keys []string
	for _, c := range s.Capacity {
		if c.Service != svc.ID || !p.has(c.Day) {
			continue
		}
		k := c.Host + "\x00" + c.Resource
		if _, ok := series[k]; !ok {
			keys = append(keys, k)
		}
		series[k] = append(series[k], c)
	}
	sort.Strings(keys)
	for i, k := range keys {
		var sat *reports.SaturationRow
		for j := range s.Saturation {
			r := &s.Saturation[j]
			if r.Service == svc.ID && r.Host+"\x00"+r.Resource == k {
				sat = r
			}
		}
		forecast := sat != nil && (p.Key == "" || p.has(sat.LastSample))
		sp.Capacity = append(sp.Capacity, capacityChart(l, fmt.Sprintf("capacity-%d", i+1), series[k], sat, forecast))
	}
	if len(keys) == 0 {
		sp.Capacity = append(sp.Capacity, capacityChart(l, "capacity-1", nil, nil, false))
	}

	var load []reports.LoadBin
	for _, b := range s.Load {
		if b.Service == svc.ID && (p.Key == "" || b.Month == p.Key) {
			load = append(load, b)
		}
	}
	sp.Load = loadChart(l, "load", load)

	var items []timelineItem
	for _, in := range sp.Incidents {
		items = append(items, timelineItem{Start: in.Start, End: in.EndTime(), Href: "#" + in.ID,
			Tip: fmt.Sprintf("%s, %s, %s", in.Start.Format("2006-01-02 15:04"), l.Dur(in.DurationMinutes()), l.Cause(in.Cause))})
	}
	for _, n := range sp.News {
		d, ok := s.newsDay(n.NewsRow)
		if !ok {
			continue
		}
		href := "news.html#" + n.ID
		if n.Href != "" {
			href = n.Href
		}
		items = append(items, timelineItem{Start: d.Add(12 * time.Hour), News: true, Href: href, Tip: d.Format("2006-01-02") + ": " + n.Title})
	}
	sp.AllIncidents = len(sp.Incidents)
	if len(sp.Incidents) > maxListed {
		sp.Incidents = sp.Incidents[len(sp.Incidents)-maxListed:]
	}
	sp.Timeline = timelineChart(l, "timeline", items, p.From, p.To)

	sp.Promises = s.promises(p, svc.ID)
	for i, pr := range sp.Promises {
		var bins []reports.DelayBin
		for _, b := range s.Delays {
			if b.Service == svc.ID && b.Promise == pr.Promise && (p.Key == "" || b.Month == p.Key) {
				bins = append(bins, b)
			}
		}
		sp.Delays = append(sp.Delays, delayChart(l, fmt.Sprintf("delays-%d", i+1), pr, bins))
	}
	return sp
}

func (s *Site) noticePage(p period, svc Service) *NoticePage {
	np := &NoticePage{Service: svc}
	for i := len(s.Incidents) - 1; i >= 0; i-- {
		in := s.Incidents[i]
		if in.Service == svc.ID && p.has(in.Start) && in.Source != "news" {
			np.Incident = &in
			break
		}
	}
	if np.Incident == nil {
		return np
	}
	last, ok := s.LastData[svc.ID]
	ongoing := ok && !np.Incident.End.Before(last)
	np.Notice = buildNotice(svc.Language, svc.Category, svc.Name, svc.Department, np.Incident, ongoing)
	return np
}
