package html

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"outagelens/reports"
	"outagelens/reports/text"
)

// period is the site's span or one calendar month; its pages live in Dir.
type period struct {
	Key string // "" for the site's root, else "2006-01"
	// Month is the calendar month whose monthly results the pages show, or ""
	// for the whole analysed period (the root of a site built without --month).
	Month    string
	Dir      string // "" or "2006-01/"
	Root     string // from this period's folder to the site's root: "" or "../"
	From, To time.Time
}

func (s *Site) periods() []period {
	out := []period{{Month: s.Span, From: s.First, To: s.Last}}
	for _, m := range s.Months {
		from, to, _ := reports.ParseMonth(m, s.Location)
		out = append(out, period{Key: m, Month: m, Dir: m + "/", Root: "../", From: from, To: to})
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
	News     []*NewsView
	Notice   *NoticePage
}

// PeriodLabel names the page's period.
func (p *Page) PeriodLabel() string {
	l := tr{p.Site.Lang}
	if p.Period.Month == "" {
		return l.T("Whole period")
	}
	return l.Month(p.Period.Month)
}

// Finding is one plain-language sentence about what needs attention; Score
// orders them, most urgent first.
type Finding struct {
	Score float64
	Href  string
	Text  string
}

// Finding scores: the kind of finding decides the order, the size within a kind.
const (
	scoreOngoing   = 2000 // a service still down when the data ends
	scoreStorage   = 1000 // storage fills within scoreStorageDays (minus the days)
	scoreMonthEnd  = 700  // month-end concentration, significant and recurring
	scorePromise   = 500  // a promise not kept (plus the share not kept)
	scoreMonthDip  = 350  // a month's month-end availability under the rest
	scoreBelowSLO  = 300  // availability under the target (plus the gap)
	scoreNewsOnly  = 200  // news of an outage the logs do not show
	storageHorizon = 180  // days: storage forecasts further out are not findings
	// minDipMonths is how many months must show lower availability in their last
	// K days for a significant month-end ratio to be a finding: a single episode
	// that happens to fall at a month end (CHIPS' storage-full week) is not a
	// month-end pattern.
	minDipMonths = 3
)

// Overview is the index page: one row per service and what needs attention.
type Overview struct {
	Attention []Finding
	Rows      []OverviewRow
	Latest    []IncidentView
}

// OverviewRow is one service on the overview.
type OverviewRow struct {
	Service    Service
	Href       string
	NoticeHref string
	Rel        *reports.ReliabilityRow // the period's row: whole period or month
	Trend      Chart
	MonthEnd   *MonthEndView // whole period only
	Storage    *reports.SaturationRow
	Promises   []PromiseView
	Latest     *IncidentView
}

// MonthEndView is a service's month-end comparison as pages show it: the
// analysis' row for monitored incidents (and for news-reported ones), with how
// many months show lower availability in their last K days.
type MonthEndView struct {
	*reports.MonthEndRow
	News *reports.MonthEndRow
	// DipMonths of Months months (with month-end and other-day availability)
	// had lower availability in their last K days (result_reliability).
	DipMonths, Months int
}

// Significant says whether the ratio is above 1 at p < 0.05.
func (m *MonthEndView) Significant() bool {
	return m.IncidentRateRatio != nil && *m.IncidentRateRatio > 1 && m.PValue != nil && *m.PValue < 0.05
}

// Recurring says whether the month-end dip shows in at least minDipMonths months.
func (m *MonthEndView) Recurring() bool { return m.DipMonths >= minDipMonths }

// TooFew says whether there are too few incidents for a ratio to mean much.
func (m *MonthEndView) TooFew() bool { return m.MonthEndIncidents+m.OtherIncidents < 3 }

// PromiseView is one promise in a period with the cases not kept.
type PromiseView struct {
	reports.PromiseRow
	NotKept int64 // broken + never completed
}

// IncidentView is a monitored incident with the news reports linked to it
// (result_links).
type IncidentView struct {
	reports.IncidentRow
	ServiceName string
	ServiceHref string
	News        []LinkedNews
}

// LinkedNews is a news report beside one of the incidents it is linked to.
type LinkedNews struct {
	*NewsView
	// First is set on the first incident of a list the report is linked to; the
	// others name it without repeating its evidence.
	First bool
}

// NewsView is a news incident (its reports grouped) as pages show it, with what
// result_links says about it.
type NewsView struct {
	reports.NewsRow
	ID          string // anchor: the news incident id (N5), or news-<n> before analyze groups it
	Href        string // the earliest report, when it is an http(s) URL
	More        []Link // the other reports of the incident with http(s) URLs, named by host
	ServiceName string
	ServiceHref string
	Evidence    []Evidence
	// Sentence is the evidence shown beside incidents: when it started, else
	// the cause, else what says it is an outage.
	Sentence string
	// Kind is linked or news_only ("" before analyze links it); Incidents the
	// monitored incidents it is linked to; GapMinutes the first one's start
	// minus the reported start.
	Kind       string
	LogsCover  bool
	Incidents  []IncidentRef
	GapMinutes *float64
}

// IncidentRef names a monitored incident a news report is linked to; Listed
// says whether its service page lists it in this period (it may start in
// another month, or be older than the latest maxListed).
type IncidentRef struct {
	ID, Service string
	Listed      bool
}

// Evidence is one sentence of an article and the fields read from it.
type Evidence struct {
	Fields   string
	Sentence string
}

// ServicePage is one service in one period.
type ServicePage struct {
	Service      Service
	NoticeHref   string
	Rel          *reports.ReliabilityRow
	Incidents    []IncidentView // the latest maxListed
	AllIncidents int            // how many there are in the period
	LogsOnly     int            // of them, not linked to any news report
	MonthEnd     *MonthEndView
	Findings     []Finding
	Calendar     Chart
	DayOfMonth   Chart
	Capacity     []Chart
	Storage      *reports.SaturationRow
	StorageFull  []reports.StorageFullRow // weeks with storage-full events in the period
	Load         Chart
	LoadMonths   []reports.LoadRow
	Headroom     *reports.LoadRow // the period's last month
	Timeline     Chart
	Delays       []Chart
	Promises     []PromiseView
	WorstCases   []reports.PromiseCaseRow
	Reliability  []reports.ReliabilityRow
	News         []*NewsView
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
	listed := map[string]bool{}
	count := map[string]int{}
	for i := len(incidents) - 1; i >= 0; i-- {
		if in := incidents[i]; count[in.Service] < maxListed {
			count[in.Service]++
			listed[in.ID] = true
		}
	}
	for _, n := range news {
		for i := range n.Incidents {
			n.Incidents[i].Listed = listed[n.Incidents[i].ID]
		}
	}
	var out []*Page
	mk := func(tmpl, file, title string) *Page {
		pg := &Page{Site: s, Period: p, Template: tmpl, File: file, Title: title}
		pg.Nav = append(pg.Nav, Link{Label: l.T("Overview"), Href: "index.html", Current: file == "index.html"})
		for _, svc := range s.Services {
			pg.Nav = append(pg.Nav, Link{Label: svc.Name, Href: serviceFile(svc.ID), Current: file == serviceFile(svc.ID) || file == noticeFile(svc.ID)})
		}
		pg.Nav = append(pg.Nav, Link{Label: l.T("News"), Href: "news.html", Current: file == "news.html"})
		label := l.T("Whole period")
		if s.Span != "" {
			label = l.Month(s.Span)
		}
		pg.Periods = append(pg.Periods, Link{Label: label, Href: p.Root + file, Current: p.Key == ""})
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

// newsViews are the period's news incidents with what result_links says of them.
func (s *Site) newsViews(p period) []*NewsView {
	var out []*NewsView
	for i, n := range s.News {
		d, ok := s.newsDay(n)
		if p.Key != "" && (!ok || !p.has(d)) {
			continue
		}
		v := &NewsView{NewsRow: n, ID: n.NewsIncident, ServiceName: s.service(n.ServiceID).Name}
		if v.ID == "" {
			v.ID = fmt.Sprintf("news-%d", i+1)
		}
		if n.ServiceID != "" {
			v.ServiceHref = serviceFile(n.ServiceID)
		} else {
			v.ServiceName = ""
		}
		if isWebURL(n.Source) {
			v.Href = n.Source
		}
		for _, src := range n.Sources {
			if src != n.Source && isWebURL(src) {
				label := src
				if u, err := url.Parse(src); err == nil && u.Host != "" {
					label = u.Host
				}
				v.More = append(v.More, Link{Label: label, Href: src})
			}
		}
		v.Evidence, v.Sentence = evidence(n.Evidence)
		for _, lk := range s.Links {
			if n.NewsIncident == "" || lk.NewsIncident != n.NewsIncident {
				continue
			}
			v.Kind, v.LogsCover = lk.Kind, lk.LogsCover
			if lk.Kind == "linked" {
				v.Incidents = append(v.Incidents, IncidentRef{ID: lk.Incident, Service: lk.Service})
				if v.GapMinutes == nil {
					v.GapMinutes = lk.StartGapMinutes
				}
			}
		}
		out = append(out, v)
	}
	return out
}

func isWebURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// evidence groups the fields an article's sentences support, one entry per
// sentence, and picks the sentence shown beside incidents.
func evidence(m map[string]string) ([]Evidence, string) {
	fields := map[string][]string{}
	var order []string
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sent := m[k]
		if _, ok := fields[sent]; !ok {
			order = append(order, sent)
		}
		fields[sent] = append(fields[sent], k)
	}
	out := make([]Evidence, len(order))
	for i, sent := range order {
		out[i] = Evidence{Fields: strings.Join(fields[sent], ", "), Sentence: sent}
	}
	for _, k := range []string{"started", "cause", "is_outage"} {
		if sent, ok := m[k]; ok {
			return out, sent
		}
	}
	if len(order) > 0 {
		return out, order[0]
	}
	return out, ""
}

// incidentViews are the period's monitored incidents, each with the news
// incidents result_links links to it.
func (s *Site) incidentViews(p period, news []*NewsView) []IncidentView {
	byID := map[string]*NewsView{}
	for _, n := range news {
		if n.NewsIncident != "" {
			byID[n.NewsIncident] = n
		}
	}
	linked := map[string][]string{} // I<n> -> N<n>, in news start order
	for _, lk := range s.Links {
		if lk.Kind == "linked" {
			linked[lk.Incident] = append(linked[lk.Incident], lk.NewsIncident)
		}
	}
	seen := map[string]bool{}
	var out []IncidentView
	for _, in := range s.Incidents {
		if !p.has(in.Start) {
			continue
		}
		v := IncidentView{IncidentRow: in, ServiceName: s.service(in.Service).Name, ServiceHref: serviceFile(in.Service)}
		for _, id := range linked[in.ID] {
			if n := byID[id]; n != nil {
				v.News = append(v.News, LinkedNews{NewsView: n, First: !seen[id]})
				seen[id] = true
			}
		}
		out = append(out, v)
	}
	return out
}

// rel is a service's reliability row for the period: the whole analysed period
// (result_reliability_total) or the month (result_reliability).
func (s *Site) rel(p period, id string) *reports.ReliabilityRow {
	rows := s.Totals
	if p.Month != "" {
		rows = s.Reliability
	}
	for i := range rows {
		if rows[i].Service == id && (p.Month == "" || rows[i].Month == p.Month) {
			return &rows[i]
		}
	}
	return nil
}

// months are a service's monthly reliability rows in the period.
func (s *Site) months(p period, id string) []reports.ReliabilityRow {
	var out []reports.ReliabilityRow
	for _, r := range s.Reliability {
		if r.Service == id && (p.Month == "" || r.Month == p.Month) {
			out = append(out, r)
		}
	}
	return out
}

// monthEnd is a service's month-end comparison over the site's span: the
// monitored row (Source "monitoring") with the news row beside it.
func (s *Site) monthEnd(p period, id string) *MonthEndView {
	var v *MonthEndView
	for i := range s.MonthEnd {
		if m := &s.MonthEnd[i]; m.Service == id && m.Source == "monitoring" {
			v = &MonthEndView{MonthEndRow: m}
		}
	}
	if v == nil {
		return nil
	}
	for i := range s.MonthEnd {
		if m := &s.MonthEnd[i]; m.Service == id && m.Source == "news" {
			v.News = m
		}
	}
	for _, r := range s.months(p, id) {
		if r.AvailabilityMonthEndPct != nil && r.AvailabilityRestPct != nil {
			v.Months++
			if *r.AvailabilityMonthEndPct < *r.AvailabilityRestPct {
				v.DipMonths++
			}
		}
	}
	return v
}

// outlook is the resource of a service that fills first, when the period holds
// its last sample: the forecast is the outlook from there, so a month before it
// gets none.
func (s *Site) outlook(p period, id string) *reports.SaturationRow {
	st := s.storage(id)
	if st == nil || (p.Month != "" && !p.has(st.LastSample)) {
		return nil
	}
	return st
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

func (s *Site) promises(p period, id string) []PromiseView {
	var out []PromiseView
	for _, r := range s.Promises[p.Month] {
		if r.Service == id {
			out = append(out, PromiseView{PromiseRow: r, NotKept: r.Broken + r.NeverCompleted})
		}
	}
	return out
}

// worstCases are a promise's worst cases (result_promise_worst) that started
// in the period.
func (s *Site) worstCases(p period, id, promise string) []reports.PromiseCaseRow {
	var out []reports.PromiseCaseRow
	for _, c := range s.PromiseCases {
		if c.Service == id && (promise == "" || c.Promise == promise) && p.has(c.Started) {
			out = append(out, c)
		}
	}
	return out
}

// findings says what needs attention for one service, in plain words, scored
// so the overview can put the most urgent first: a service still down, storage
// about to fill, month-end concentration, promises not kept, availability
// below target, outages in the news that the logs do not show.
func (s *Site) findings(p period, svc Service, href string, news []*NewsView) []Finding {
	l := tr{s.Lang}
	var out []Finding
	add := func(score float64, text string) { out = append(out, Finding{Score: score, Href: href, Text: text}) }
	if np := s.noticePage(p, svc); np.Notice != nil && np.Notice.Ongoing {
		out = append(out, Finding{Score: scoreOngoing, Href: noticeFile(svc.ID), Text: l.F("%s has been down since %s and was still down when the data ends: publish the public notice.",
			svc.Name, np.Incident.Start.Format("2006-01-02 15:04"))})
	}
	if st := s.outlook(p, svc.ID); st != nil {
		if st.DaysTo100 != nil && st.ETA100 != nil && *st.DaysTo100 < storageHorizon {
			text := l.F("%s: storage %s on %s will be full in about %s (around %s; 90%% in about %s), growing %s points a day since the last cleanup; free space or add disk before then.",
				svc.Name, st.Resource, st.Host, l.Days(*st.DaysTo100), st.ETA100.Format("2006-01-02"), daysOr(l, st.DaysTo90), fmt.Sprintf("%.2f", deref(st.SlopePctPerDay)))
			if st.StorageFullEvents > 0 && st.FirstStorageFull != nil {
				text += " " + l.F("It has filled up before: %s storage-full errors were logged from %s.", count(st.StorageFullEvents), st.FirstStorageFull.Format("2006-01-02"))
			}
			add(scoreStorage-*st.DaysTo100, text)
		} else if st.UsedPct >= 90 {
			add(scoreStorage-storageHorizon, l.F("%s: storage %s on %s is at %s, above 90%%.", svc.Name, st.Resource, st.Host, pct(st.UsedPct)))
		}
	} else if p.Month != "" {
		for _, r := range s.StorageFull {
			if r.Service == svc.ID && r.Period == "month" && r.Start.Format("2006-01") == p.Month {
				add(scoreStorage-storageHorizon, l.F("%s: storage was full: %s storage-full errors were logged from %s to %s.",
					svc.Name, count(r.Events), r.FirstEvent.Format("2006-01-02 15:04"), r.LastEvent.Format("2006-01-02 15:04")))
			}
		}
	}
	if p.Month == "" {
		if m := s.monthEnd(p, svc.ID); m != nil && m.Significant() && m.Recurring() {
			add(scoreMonthEnd+math.Min(*m.IncidentRateRatio, 99), l.F("%s: outages start %s times as often in the last %d days of the month as on other days (95%% interval %s to %s), and availability was lower in the last %d days in %d of %d months; plan staff, capacity and fallbacks for month end.",
				svc.Name, fmt.Sprintf("%.1f", *m.IncidentRateRatio), m.K, fmt.Sprintf("%.1f", deref(m.CILow)), ratioOrOpen(m.CIHigh), m.K, m.DipMonths, m.Months))
		}
	}
	if p.Month != "" {
		if r := s.rel(p, svc.ID); r != nil && r.AvailabilityMonthEndPct != nil && r.AvailabilityRestPct != nil && *r.AvailabilityMonthEndPct < *r.AvailabilityRestPct-1 {
			add(scoreMonthDip, l.F("%s: month-end availability %s against %s on other days.", svc.Name, pct(*r.AvailabilityMonthEndPct), pct(*r.AvailabilityRestPct)))
		}
	}
	for _, pr := range s.promises(p, svc.ID) {
		if pr.NotKept == 0 || pr.KeptPct == nil {
			continue
		}
		score := scorePromise + (100 - *pr.KeptPct)
		worst := s.worstCases(p, svc.ID, pr.Promise)
		switch {
		case pr.NeverCompleted > 0:
			text := l.F("%s: %s cases of \"%s\" were never completed (nothing within %s); it was kept in %s of %s cases.",
				svc.Name, count(pr.NeverCompleted), pr.Text, l.Dur(pr.OrphanAfterMinutes), pct(*pr.KeptPct), count(pr.Started))
			switch m, n := s.worstMonth(p, svc.ID, pr.Promise); {
			case n == pr.NeverCompleted && n > 1:
				text += " " + l.F("All of them started in %s; the service page lists the worst cases.", l.Month(m))
			case n*2 > pr.NeverCompleted:
				text += " " + l.F("Most of them, %s, started in %s; the service page lists the worst cases.", count(n), l.Month(m))
			}
			add(score, text)
		case len(worst) > 0 && worst[0].DelayMinutes != nil:
			add(score, l.F("%s: \"%s\" was broken in %s of %s cases (kept in %s); the worst, %s, started %s.",
				svc.Name, pr.Text, count(pr.Broken), count(pr.Started), pct(*pr.KeptPct), l.Dur(*worst[0].DelayMinutes), worst[0].Started.Format("2006-01-02 15:04")))
		default:
			add(score, l.F("%s: \"%s\" was broken in %s of %s cases (kept in %s); worst delay %s.",
				svc.Name, pr.Text, count(pr.Broken), count(pr.Started), pct(*pr.KeptPct), durp(l, pr.MaxMinutes)))
		}
	}
	if r := s.rel(p, svc.ID); r != nil && r.AvailabilityMinutesPct != nil && *r.AvailabilityMinutesPct < svc.SLOPct {
		add(scoreBelowSLO+(svc.SLOPct-*r.AvailabilityMinutesPct), l.F("%s: availability %s is below the %s target (%s down).",
			svc.Name, pct(*r.AvailabilityMinutesPct), pct(svc.SLOPct), l.Dur(float64(r.DownMinutes))))
	}
	for _, n := range news {
		if n.ServiceID != svc.ID || n.Kind != "news_only" {
			continue
		}
		day, _ := s.newsDay(n.NewsRow)
		if n.LogsCover {
			add(scoreNewsOnly, l.F("%s: an outage reported in the news on %s has no matching outage in the logs, though the logs cover that time: check the monitoring.", svc.Name, day.Format("2006-01-02")))
		} else {
			add(scoreNewsOnly-1, l.F("%s: an outage reported in the news on %s has no logs to check it against.", svc.Name, day.Format("2006-01-02")))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// worstMonth is the month in which most of a promise's never-completed cases of
// the period started (from the delay histogram of result_promise_cases).
func (s *Site) worstMonth(p period, id, promise string) (string, int64) {
	by := map[string]int64{}
	for _, b := range s.Delays {
		if b.Service == id && b.Promise == promise && b.Status == "never_completed" && (p.Month == "" || b.Month == p.Month) {
			by[b.Month] += b.Cases
		}
	}
	var best string
	var n int64
	for m, c := range by {
		if c > n || (c == n && m < best) {
			best, n = m, c
		}
	}
	return best, n
}

func count(n int64) string { return text.Count(float64(n)) }

func ratioOrOpen(p *float64) string {
	if p == nil {
		return "∞"
	}
	return fmt.Sprintf("%.1f", *p)
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func (s *Site) overview(p period, incidents []IncidentView, news []*NewsView) *Overview {
	l := tr{s.Lang}
	o := &Overview{}
	for _, svc := range s.Services {
		r := OverviewRow{Service: svc, Href: serviceFile(svc.ID), NoticeHref: noticeFile(svc.ID), Rel: s.rel(p, svc.ID)}
		var months []string
		var vals []float64
		for _, rr := range s.Reliability {
			if rr.Service == svc.ID && rr.AvailabilityMinutesPct != nil {
				months = append(months, rr.Month)
				vals = append(vals, *rr.AvailabilityMinutesPct)
			}
		}
		r.Trend = sparkline(l, "trend-"+svc.ID, months, vals, svc.SLOPct)
		if p.Month == "" {
			r.MonthEnd = s.monthEnd(p, svc.ID)
		}
		r.Storage = s.outlook(p, svc.ID)
		r.Promises = s.promises(p, svc.ID)
		for i := range incidents {
			if incidents[i].Service == svc.ID {
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

// maxListed caps the incidents a page lists, so a page stays small whatever
// the store holds; the CLI report has them all.
const maxListed = 200

func (s *Site) servicePage(p period, svc Service, incidents []IncidentView, news []*NewsView) *ServicePage {
	l := tr{s.Lang}
	sp := &ServicePage{Service: svc, NoticeHref: noticeFile(svc.ID), Rel: s.rel(p, svc.ID), Reliability: s.months(p, svc.ID)}
	if p.Month == "" {
		sp.MonthEnd = s.monthEnd(p, svc.ID)
	}
	for _, in := range incidents {
		if in.Service == svc.ID {
			sp.Incidents = append(sp.Incidents, in)
			if len(in.News) == 0 {
				sp.LogsOnly++
			}
		}
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
	var dom []reports.MonthEndDayRow
	for _, d := range s.MonthEndDays[p.Month] {
		if d.Service == svc.ID && d.Source == "monitoring" {
			dom = append(dom, d)
		}
	}
	sp.DayOfMonth = domChart(l, "dom", dom, s.K)

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
	for _, r := range s.StorageFull {
		if r.Service == svc.ID && r.Period == "week" && (p.has(r.FirstEvent) || p.has(r.LastEvent)) {
			sp.StorageFull = append(sp.StorageFull, r)
		}
	}
	for i, k := range keys {
		var sat *reports.SaturationRow
		for j := range s.Saturation {
			r := &s.Saturation[j]
			if r.Service == svc.ID && r.Host+"\x00"+r.Resource == k {
				sat = r
			}
		}
		forecast := sat != nil && (p.Month == "" || p.has(sat.LastSample))
		sp.Capacity = append(sp.Capacity, capacityChart(l, fmt.Sprintf("capacity-%d", i+1), series[k], sat, forecast, sp.StorageFull))
	}
	if len(keys) == 0 {
		sp.Capacity = append(sp.Capacity, capacityChart(l, "capacity-1", nil, nil, false, nil))
	}
	sp.Storage = s.storage(svc.ID)

	var bins []reports.LoadBinRow
	for _, b := range s.LoadBins {
		if b.Service == svc.ID {
			bins = append(bins, b)
		}
	}
	for _, r := range s.Load {
		if r.Service == svc.ID && (p.Month == "" || r.Month == p.Month) {
			sp.LoadMonths = append(sp.LoadMonths, r)
		}
	}
	if n := len(sp.LoadMonths); n > 0 {
		sp.Headroom = &sp.LoadMonths[n-1]
	}
	sp.Load = loadChart(l, "load", bins, sp.LoadMonths)

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
		items = append(items, timelineItem{Start: d.Add(12 * time.Hour), News: true, Href: "#" + n.ID, Tip: d.Format("2006-01-02") + ": " + n.Title})
	}
	sp.AllIncidents = len(sp.Incidents)
	if len(sp.Incidents) > maxListed {
		sp.Incidents = sp.Incidents[len(sp.Incidents)-maxListed:]
	}
	sp.Timeline = timelineChart(l, "timeline", items, p.From, p.To)

	sp.Promises = s.promises(p, svc.ID)
	sp.WorstCases = s.worstCases(p, svc.ID, "")
	for i, pr := range sp.Promises {
		var bins []reports.DelayBin
		for _, b := range s.Delays {
			if b.Service == svc.ID && b.Promise == pr.Promise && (p.Month == "" || b.Month == p.Month) {
				bins = append(bins, b)
			}
		}
		sp.Delays = append(sp.Delays, delayChart(l, fmt.Sprintf("delays-%d", i+1), pr.PromiseRow, bins))
	}
	return sp
}

// PromiseText names a promise of the page by its id.
func (sp *ServicePage) PromiseText(id string) string {
	i := slices.IndexFunc(sp.Promises, func(p PromiseView) bool { return p.Promise == id })
	if i < 0 {
		return id
	}
	return sp.Promises[i].Text
}

func (s *Site) noticePage(p period, svc Service) *NoticePage {
	np := &NoticePage{Service: svc}
	for i := len(s.Incidents) - 1; i >= 0; i-- {
		in := s.Incidents[i]
		if in.Service == svc.ID && p.has(in.Start) {
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
