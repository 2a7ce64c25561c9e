package html

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"outagelens/reports"
	"outagelens/reports/text"
)

// Dur renders minutes for people in the page language.
func (l tr) Dur(m float64) string {
	if l.lang == "hi" {
		return localDuration(m, "दिन", "घंटे", "मिनट", nil)
	}
	return text.Minutes(m)
}

// Days renders a number of days in the page language.
func (l tr) Days(d float64) string {
	if l.lang == "hi" {
		return fmt.Sprintf("%.0f दिन", d)
	}
	return text.Days(d)
}

func pct(v float64) string { return text.Percent(v) }

func pctp(v *float64) string {
	if v == nil {
		return "–"
	}
	return text.Percent(*v)
}

// sparkline draws monthly availability as a small SVG line with the SLO dashed.
func sparkline(l tr, id string, months []string, vals []float64, slo float64) Chart {
	c := Chart{ID: id, Title: l.T("Availability trend"), Head: []string{l.T("Month"), l.T("Availability")}, Num: []bool{false, true}}
	if len(vals) == 0 {
		c.Empty = l.T("No data in this period.")
		return c
	}
	lowI := 0
	for i, v := range vals {
		c.Rows = append(c.Rows, []string{l.Month(months[i]), pct(v)})
		if v < vals[lowI] {
			lowI = i
		}
	}
	c.Alt = l.F("Monthly availability over %d months; lowest %s in %s.", len(vals), pct(vals[lowI]), l.Month(months[lowI]))
	const w, h = 140.0, 32.0
	lo := math.Min(slo-1, vals[lowI])
	y := axis{lo, 100, h - 3, 3}
	x := axis{0, float64(len(vals) - 1), 3, w - 3}
	s := newSVG(id, c.Title, c.Alt, w, h)
	s.line(0, y.at(slo), w, y.at(slo), "slo")
	var pts [][2]float64
	for i, v := range vals {
		pts = append(pts, [2]float64{x.at(float64(i)), y.at(v)})
	}
	s.polyline(pts, "spark")
	for i, v := range vals {
		if v < slo {
			s.circle(pts[i][0], pts[i][1], 2, "bad", l.Month(months[i])+": "+pct(v))
		}
	}
	c.SVG = s.html()
	return c
}

// dayClass buckets a day's outage minutes for the calendar colours.
func dayClass(known, down int64) string {
	switch {
	case known == 0 && down == 0:
		return "d-nodata"
	case down == 0:
		return "d-ok"
	case down < 30:
		return "d-low"
	case down < 240:
		return "d-mid"
	}
	return "d-high"
}

// calendarChart draws an uptime calendar: a cell per day, weeks as columns,
// coloured by outage minutes, for the days [from, to).
func calendarChart(l tr, id string, days []reports.DayRow, from, to time.Time) Chart {
	c := Chart{ID: id, Title: l.T("Uptime calendar"), Head: []string{l.T("Date"), l.T("Down"), l.T("No data")}, Num: []bool{false, true, true}}
	byDay := map[string]reports.DayRow{}
	for _, d := range days {
		byDay[d.Day.Format("2006-01-02")] = d
	}
	if from.IsZero() || !to.After(from) {
		c.Empty = l.T("No data in this period.")
		return c
	}
	n := 0
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		n++
	}
	weekday := func(t time.Time) int { return (int(t.Weekday()) + 6) % 7 } // Monday first
	weeks := (weekday(from) + n + 6) / 7
	cell := math.Min(22, math.Max(10, 700/float64(weeks)))
	const left, top = 30.0, 16.0
	w, h := left+float64(weeks)*cell+4, top+7*cell+22
	var withOutage, noData int
	var worst reports.DayRow
	s := &svg{}
	i := 0
	lastMonth := time.Month(0)
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		col := (weekday(from) + i) / 7
		row := weekday(d)
		key := d.Format("2006-01-02")
		r, ok := byDay[key]
		down, known := r.DownMinutes, r.KnownMinutes
		if !ok {
			down, known = 0, 0
		}
		cls := dayClass(known, down)
		tip := key + ": "
		switch cls {
		case "d-nodata":
			noData++
			tip += l.T("No data")
		case "d-ok":
			tip += l.T("no outage")
		default:
			withOutage++
			tip += l.Dur(float64(down)) + " " + l.T("Down")
		}
		if down > worst.DownMinutes {
			worst = r
		}
		x, y := left+float64(col)*cell, top+float64(row)*cell
		s.rect(x+1, y+1, cell-2, cell-2, "day "+cls, tip)
		if cell >= 20 {
			s.text(x+cell/2, y+cell/2+4, "middle", "daynum", strconv.Itoa(d.Day()))
		}
		if d.Month() != lastMonth && d.Day() <= 7 || i == 0 {
			lastMonth = d.Month()
			label := monthName(l.lang, d.Month())
			if d.Month() == time.January || i == 0 {
				label += d.Format(" 2006")
			}
			s.text(x+1, top-4, "start", "lbl", label)
		}
		c.Rows = append(c.Rows, []string{key, minutesCell(l, down, known), noDataCell(known, down)})
		i++
	}
	for j, name := range []string{"Mon", "Wed", "Fri"} {
		s.text(left-4, top+float64(j*2)*cell+cell/2+4, "end", "lbl", name)
	}
	// Legend.
	lx := left
	for _, lg := range []struct{ cls, label string }{{"d-ok", "no outage"}, {"d-low", "under 30 min"}, {"d-mid", "30 min to 4 h"}, {"d-high", "4 h or more"}, {"d-nodata", "No data"}} {
		s.rect(lx, h-14, 10, 10, "day "+lg.cls, "")
		s.text(lx+14, h-5, "start", "lbl", l.T(lg.label))
		lx += 24 + float64(len([]rune(l.T(lg.label))))*6
	}
	if worst.DownMinutes > 0 {
		c.Alt = l.F("%d days shown: %d with an outage, %d with no data. Worst day: %s, %s down.", n, withOutage, noData,
			worst.Day.Format("2006-01-02"), l.Dur(float64(worst.DownMinutes)))
	} else {
		c.Alt = l.F("%d days shown: %d with an outage, %d with no data.", n, withOutage, noData)
	}
	head := newSVG(id, c.Title, c.Alt, w, h)
	head.b.WriteString(s.b.String())
	c.SVG = head.html()
	return c
}

func minutesCell(l tr, down, known int64) string {
	if known == 0 && down == 0 {
		return "–"
	}
	return strconv.FormatInt(down, 10)
}

func noDataCell(known, down int64) string {
	if known == 0 && down == 0 {
		return "1440"
	}
	return strconv.FormatInt(max(0, 1440-known), 10)
}

// domChart draws outage minutes per observed day by day of month
// (result_monthend_dom, or its sums over a month), with the days that fell in
// the month-end window shaded and demand as a line.
func domChart(l tr, id string, rows []reports.MonthEndDayRow, k int) Chart {
	c := Chart{ID: id, Title: l.T("Outage minutes by day of month"),
		Head: []string{l.T("Day of month"), l.T("Days observed"), l.T("Of them in the month end"), l.T("Down minutes per day"), l.T("Incidents"), l.T("Requests per day")},
		Num:  []bool{true, true, true, true, true, true}}
	var by [32]*reports.MonthEndDayRow
	var maxDown, maxReq float64
	var worst *reports.MonthEndDayRow
	for i := range rows {
		r := &rows[i]
		if r.DayOfMonth < 1 || r.DayOfMonth > 31 || r.ExposureDays == 0 {
			continue
		}
		by[r.DayOfMonth] = r
		down, req := deref0(r.OutageMinutesPerDay), deref0(r.RequestsPerDay)
		maxDown, maxReq = math.Max(maxDown, down), math.Max(maxReq, req)
		if down > 0 && (worst == nil || down > deref0(worst.OutageMinutesPerDay)) {
			worst = r
		}
		c.Rows = append(c.Rows, []string{strconv.FormatInt(r.DayOfMonth, 10), strconv.FormatInt(r.ExposureDays, 10), strconv.FormatInt(r.MonthEndDays, 10),
			numCell(r.OutageMinutesPerDay, "%.1f"), strconv.FormatInt(r.Incidents, 10), countCell(r.RequestsPerDay)})
	}
	if len(c.Rows) == 0 {
		c.Empty = l.T("No data in this period.")
		return c
	}
	if worst != nil {
		c.Alt = l.F("Outage minutes per observed day, by day of the month; the days in the last %d days of their month are shaded. Most down: day %d, %s per observed day (%d days observed).",
			k, worst.DayOfMonth, l.Dur(*worst.OutageMinutesPerDay), worst.ExposureDays)
	} else {
		c.Alt = l.F("Outage minutes per observed day, by day of the month: no outage on any day.")
	}
	const w, h, left, right, top, bottom = 720.0, 224.0, 48.0, 16.0, 18.0, 34.0
	ymax := niceMax(maxDown)
	x := axis{0.5, 31.5, left, w - right}
	y := axis{0, ymax, h - bottom, top}
	s := newSVG(id, c.Title, c.Alt, w, h)
	bw := (w - left - right) / 31
	for dom := 1; dom <= 31; dom++ {
		if r := by[dom]; r != nil && r.MonthEndDays*2 >= r.ExposureDays {
			s.rect(x.at(float64(dom))-bw/2, top, bw, h-bottom-top, "monthend", "")
		}
	}
	for _, t := range []float64{0, ymax / 2, ymax} {
		s.line(left, y.at(t), w-right, y.at(t), "grid")
		s.text(left-4, y.at(t)+4, "end", "lbl", strconv.FormatFloat(t, 'f', -1, 64))
	}
	var demand [][2]float64
	for dom := 1; dom <= 31; dom++ {
		r := by[dom]
		if r == nil {
			continue
		}
		v := deref0(r.OutageMinutesPerDay)
		s.rect(x.at(float64(dom))-bw/2+1, y.at(v), bw-2, y.at(0)-y.at(v), "bar",
			fmt.Sprintf("%d: %s (%d)", dom, l.Dur(v), r.ExposureDays))
		if maxReq > 0 && r.RequestsPerDay != nil {
			demand = append(demand, [2]float64{x.at(float64(dom)), h - bottom - *r.RequestsPerDay/maxReq*(h-bottom-top)})
		}
		if dom == 1 || dom%5 == 0 || dom == 31 {
			s.text(x.at(float64(dom)), h-bottom+14, "middle", "lbl", strconv.Itoa(dom))
		}
	}
	s.polyline(demand, "demand")
	s.text(left, h-4, "start", "lbl key-bar", "■ "+l.T("outage minutes per observed day"))
	if len(demand) > 0 {
		s.text(w/2, h-4, "start", "lbl key-demand", "— "+l.T("requests per day"))
	}
	s.text(w-right, top-3, "end", "lbl key-end", l.F("last %d days of the month", k))
	c.SVG = s.html()
	return c
}

func deref0(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func numCell(p *float64, format string) string {
	if p == nil {
		return "–"
	}
	return fmt.Sprintf(format, *p)
}

func countCell(p *float64) string {
	if p == nil {
		return "–"
	}
	return text.Count(*p)
}

// capacityChart draws daily used_pct of one resource (result_capacity_days)
// with the 90% and 100% lines, the last cleanup, the weeks with storage-full
// errors, and (when forecast) the trend to 100% with its range
// (result_saturation).
func capacityChart(l tr, id string, series []reports.CapacityDay, sat *reports.SaturationRow, forecast bool, full []reports.StorageFullRow) Chart {
	res := ""
	if len(series) > 0 {
		res = series[0].Resource
	}
	host := ""
	if len(series) > 0 {
		host = series[0].Host
	}
	c := Chart{ID: id, Title: l.F("Capacity trend and forecast: %s on %s", res, host),
		Head: []string{l.T("Date"), l.T("Median used"), l.T("Lowest"), l.T("Highest")}, Num: []bool{false, true, true, true}}
	if len(series) == 0 {
		c.Title = l.T("Capacity trend and forecast")
		c.Empty = l.T("No capacity samples for this service.")
		return c
	}
	for _, p := range series {
		c.Rows = append(c.Rows, []string{p.Day.Format("2006-01-02"), fmt.Sprintf("%.1f%%", p.MedianPct), fmt.Sprintf("%.1f%%", p.MinPct), fmt.Sprintf("%.1f%%", p.MaxPct)})
	}
	first, last := series[0].Day, series[len(series)-1].Day.Add(24*time.Hour)
	end := last
	hasFC := forecast && sat != nil && sat.DaysTo100 != nil && sat.SlopePctPerDay != nil && sat.LevelPct != nil && sat.ETA100 != nil
	if hasFC {
		d := *sat.DaysTo100
		if sat.DaysTo100High != nil {
			d = math.Max(d, *sat.DaysTo100High)
		}
		fcEnd := sat.LastSample.Add(time.Duration(math.Min(d, 365) * 24 * float64(time.Hour)))
		if fcEnd.After(end) {
			end = fcEnd
		}
	}
	if sat != nil {
		since := "–"
		if sat.LastBreak != nil {
			since = sat.LastBreak.Format("2006-01-02")
		}
		if hasFC {
			c.Alt = l.F("%s is at %s, growing %s points a day since %s; 90%% in about %s, full in about %s (between %s and %s).",
				res, pct(sat.UsedPct), fmt.Sprintf("%.2f", *sat.SlopePctPerDay), since, daysOr(l, sat.DaysTo90), daysOr(l, sat.DaysTo100),
				daysOr(l, sat.DaysTo100Low), daysOr(l, sat.DaysTo100High))
		} else {
			c.Alt = l.F("%s is at %s; trend: %s, no forecast.", res, pct(sat.UsedPct), sat.Trend)
		}
	} else {
		c.Alt = l.F("%s is at %s; trend: %s, no forecast.", res, pct(series[len(series)-1].MedianPct), "–")
	}
	var events int64
	for _, f := range full {
		events += f.Events
	}
	if events > 0 {
		c.Alt += " " + l.F("Storage-full errors were logged in %d weeks (marked below the line).", len(full))
	}
	const w, h, left, right, top, bottom = 720.0, 230.0, 44.0, 16.0, 12.0, 34.0
	days := func(t time.Time) float64 { return t.Sub(first).Hours() / 24 }
	x := axis{0, days(end), left, w - right}
	y := axis{0, 105, h - bottom, top}
	s := newSVG(id, c.Title, c.Alt, w, h)
	for _, t := range []float64{0, 50} {
		s.line(left, y.at(t), w-right, y.at(t), "grid")
		s.text(left-4, y.at(t)+4, "end", "lbl", fmt.Sprintf("%g%%", t))
	}
	s.line(left, y.at(90), w-right, y.at(90), "warn90")
	s.text(left-4, y.at(90)+4, "end", "lbl", "90%")
	s.line(left, y.at(100), w-right, y.at(100), "full100")
	s.text(left-4, y.at(100)+4, "end", "lbl", "100%")
	// Month ticks.
	for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, first.Location()).AddDate(0, 1, 0); m.Before(end); m = m.AddDate(0, 1, 0) {
		s.line(x.at(days(m)), h-bottom, x.at(days(m)), h-bottom+4, "axis")
		if m.Month()%3 == 1 || days(end) < 120 {
			s.text(x.at(days(m)), h-bottom+16, "middle", "lbl", l.Month(m.Format("2006-01")))
		}
	}
	if sat != nil && sat.LastBreak != nil && !sat.LastBreak.Before(first) {
		bx := x.at(days(*sat.LastBreak))
		s.line(bx, top, bx, h-bottom, "break")
		s.text(bx+3, top+10, "start", "lbl", l.T("cleanup")+" "+sat.LastBreak.Format("2006-01-02"))
	}
	for _, f := range full {
		x0, x1 := x.at(math.Max(0, days(f.FirstEvent))), x.at(math.Min(days(end), days(f.LastEvent)))
		s.rect(x0, h-bottom-8, math.Max(x1-x0, 3), 6, "fullmark",
			l.F("%d storage-full errors, %s to %s", f.Events, f.FirstEvent.Format("2006-01-02"), f.LastEvent.Format("2006-01-02")))
	}
	var pts [][2]float64
	for _, p := range series {
		pts = append(pts, [2]float64{x.at(days(p.Day) + 0.5), y.at(p.MedianPct)})
	}
	s.polyline(pts, "used")
	if hasFC {
		x0 := x.at(days(sat.LastSample))
		at := func(d float64) float64 { return x.at(days(sat.LastSample) + d) }
		if sat.DaysTo100Low != nil && sat.DaysTo100High != nil {
			s.polygon([][2]float64{{x0, y.at(*sat.LevelPct)}, {at(*sat.DaysTo100Low), y.at(100)}, {at(math.Min(*sat.DaysTo100High, 365)), y.at(100)}}, "fc-range")
		}
		s.line(x0, y.at(*sat.LevelPct), at(*sat.DaysTo100), y.at(100), "fc")
		s.text(at(*sat.DaysTo100), y.at(100)-4, "end", "lbl", l.T("forecast")+" "+sat.ETA100.Format("2006-01-02"))
	}
	c.SVG = s.html()
	return c
}

func daysOr(l tr, d *float64) string {
	if d == nil {
		return "–"
	}
	return l.Days(*d)
}

// loadChart draws the load curve of result_load_bins: the 5xx share of the
// 15-minute slots in each bin of request rate (on a log scale), red where the
// bin climbs above the low-load error ratio, the knee of result_load where the
// climb starts for good, and the busiest 15 minutes of the period.
func loadChart(l tr, id string, bins []reports.LoadBinRow, months []reports.LoadRow) Chart {
	c := Chart{ID: id, Title: l.T("Load and errors"),
		Head: []string{l.T("Requests per minute"), l.T("15-minute slots"), l.T("Error ratio"), l.T("Climbs")},
		Num:  []bool{true, true, true, false}}
	if len(bins) == 0 {
		c.Empty = l.T("No request counts for this service.")
		return c
	}
	var knee, baseline *float64
	var peak *reports.LoadRow
	for i := range months {
		m := &months[i]
		if m.KneeRequestsPerMinute != nil {
			knee = m.KneeRequestsPerMinute
		}
		if m.BaselineErrorRatio != nil {
			baseline = m.BaselineErrorRatio
		}
		if peak == nil || m.PeakRequestsPerMinute > peak.PeakRequestsPerMinute {
			peak = m
		}
	}
	lo, hi := bins[0].BinLowRPM, bins[len(bins)-1].BinHighRPM
	maxErr := 0.0
	for _, b := range bins {
		yes := "–"
		if b.Climbing {
			yes = l.T("yes")
		}
		c.Rows = append(c.Rows, []string{rateLabel(b.BinLowRPM) + "–" + rateLabel(b.BinHighRPM), text.Count(float64(b.Slots)), fmt.Sprintf("%.3f", b.ErrorRatio), yes})
		maxErr = math.Max(maxErr, b.ErrorRatio)
	}
	if peak != nil {
		hi = math.Max(hi, peak.PeakRequestsPerMinute*1.1)
	}
	switch {
	case knee != nil && peak != nil && peak.HeadroomPct != nil:
		rel := l.F("%s below the knee", pct(*peak.HeadroomPct))
		if *peak.HeadroomPct < 0 {
			rel = l.F("%s above the knee", pct(-*peak.HeadroomPct))
		}
		c.Alt = l.F("The error ratio climbs from about %s requests a minute (the knee; %s of requests fail at low load). The busiest 15 minutes of this period, %s, ran at %s requests a minute: %s.",
			rateLabel(*knee), pct(100*deref0(baseline)), peak.PeakAt.Format("2006-01-02 15:04"), rateLabel(peak.PeakRequestsPerMinute), rel)
	case peak != nil:
		c.Alt = l.F("The error ratio does not climb at any load seen: no knee. The busiest 15 minutes of this period, %s, ran at %s requests a minute.",
			peak.PeakAt.Format("2006-01-02 15:04"), rateLabel(peak.PeakRequestsPerMinute))
	default:
		c.Alt = l.F("The error ratio does not climb at any load seen: no knee.")
	}
	const w, h, left, right, top, bottom = 720.0, 220.0, 44.0, 16.0, 14.0, 50.0
	x := axis{math.Log(lo), math.Log(hi), left, w - right}
	// At least 0.1, so that a 5xx share of a few per mille looks as flat as it is.
	ymax := math.Min(1, math.Max(0.1, niceMax(maxErr)))
	y := axis{0, ymax, h - bottom, top}
	s := newSVG(id, c.Title, c.Alt, w, h)
	for _, t := range []float64{0, ymax / 2, ymax} {
		s.line(left, y.at(t), w-right, y.at(t), "grid")
		s.text(left-4, y.at(t)+4, "end", "lbl", strconv.FormatFloat(t, 'f', -1, 64))
	}
	if baseline != nil {
		s.line(left, y.at(*baseline), w-right, y.at(*baseline), "warn90")
	}
	for _, b := range bins {
		x0, x1 := x.at(math.Log(b.BinLowRPM)), x.at(math.Log(b.BinHighRPM))
		cls := "bar-ok"
		if b.Climbing {
			cls = "bar"
		}
		barTop := math.Min(y.at(b.ErrorRatio), y.at(0)-1)
		s.rect(x0+1, barTop, math.Max(x1-x0-2, 1), y.at(0)-barTop, cls,
			fmt.Sprintf("%s–%s/min: %.3f (%d slots)", rateLabel(b.BinLowRPM), rateLabel(b.BinHighRPM), b.ErrorRatio, b.Slots))
	}
	// Ticks at 1, 2, 5 x powers of ten inside the range.
	for p := math.Pow(10, math.Floor(math.Log10(lo))); p <= hi; p *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if v := p * m; v >= lo && v <= hi {
				s.line(x.at(math.Log(v)), h-bottom, x.at(math.Log(v)), h-bottom+4, "axis")
				s.text(x.at(math.Log(v)), h-bottom+16, "middle", "lbl", rateLabel(v))
			}
		}
	}
	if knee != nil {
		kx := x.at(math.Log(*knee))
		s.line(kx, top, kx, h-bottom, "break")
		s.text(kx+3, top+10, "start", "lbl", l.T("knee")+" "+rateLabel(*knee))
	}
	if peak != nil {
		px := x.at(math.Log(peak.PeakRequestsPerMinute))
		s.line(px, top+14, px, h-bottom, "peak")
		s.text(px-3, top+24, "end", "lbl key-demand", l.T("busiest 15 min")+" "+rateLabel(peak.PeakRequestsPerMinute))
	}
	s.text(left, h-6, "start", "lbl", "■ "+l.T("5xx share of the requests in each 15-minute slot, by requests per minute (log scale)"))
	c.SVG = s.html()
	return c
}

// rateLabel writes a request rate with two significant digits.
func rateLabel(v float64) string {
	switch {
	case v >= 100:
		return text.Count(math.Round(v))
	case v >= 10:
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	case v >= 1:
		return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// timelineItem is one mark on the incident timeline.
type timelineItem struct {
	Start, End time.Time
	Tip        string
	News       bool
	Href       string
}

// timelineChart draws incidents as red bars and news reports as blue marks on
// one time axis over [from, to).
func timelineChart(l tr, id string, items []timelineItem, from, to time.Time) Chart {
	c := Chart{ID: id, Title: l.T("Incident timeline")}
	var nInc, nNews int
	var longest *timelineItem
	for i := range items {
		if items[i].News {
			nNews++
			continue
		}
		nInc++
		if longest == nil || items[i].End.Sub(items[i].Start) > longest.End.Sub(longest.Start) {
			longest = &items[i]
		}
	}
	if len(items) == 0 {
		c.Empty = l.T("No incidents in this period.")
		return c
	}
	if longest != nil {
		c.Alt = l.F("%d incidents from logs or probes and %d news reports. Longest: %s from %s.", nInc, nNews,
			l.Dur(longest.End.Sub(longest.Start).Minutes()), longest.Start.Format("2006-01-02 15:04"))
	} else {
		c.Alt = l.F("%d incidents from logs or probes and %d news reports.", nInc, nNews)
	}
	const w, h, left, right = 720.0, 92.0, 92.0, 12.0
	span := to.Sub(from).Hours()
	x := axis{0, span, left, w - right}
	at := func(t time.Time) float64 { return x.at(t.Sub(from).Hours()) }
	s := newSVG(id, c.Title, c.Alt, w, h)
	s.text(left-6, 26, "end", "lbl", l.T("logs or probes"))
	s.text(left-6, 56, "end", "lbl", l.T("news"))
	s.line(left, 70, w-right, 70, "axis")
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, from.Location()); m.Before(to); m = m.AddDate(0, 1, 0) {
		if m.Before(from) {
			continue
		}
		s.line(at(m), 66, at(m), 74, "axis")
		if span < 24*40 || m.Month()%2 == 1 {
			s.text(at(m)+2, 86, "start", "lbl", l.Month(m.Format("2006-01")))
		}
	}
	// Marks that would overlap on screen are drawn as one, so the chart has at
	// most one mark per few pixels however many incidents there are.
	for _, g := range groupMarks(l, items, at) {
		linked := g.Href != "" && s.link(g.Href)
		if g.News {
			cx := g.x0
			s.polygon([][2]float64{{cx, 44}, {cx + 6, 52}, {cx, 60}, {cx - 6, 52}}, "newsmark")
			fmt.Fprintf(&s.b, `<title>%s</title>`, esc(g.Tip))
		} else {
			s.rect(g.x0, 14, g.x1-g.x0, 20, "inc", g.Tip)
		}
		if linked {
			s.endLink()
		}
	}
	c.SVG = s.html()
	return c
}

// mark is one drawn mark of the timeline: one item or several close together.
type mark struct {
	timelineItem
	x0, x1 float64
	n      int
}

func groupMarks(l tr, items []timelineItem, at func(time.Time) float64) []mark {
	sorted := append([]timelineItem(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start.Before(sorted[j].Start) })
	var out []mark
	last := map[bool]int{false: -1, true: -1}
	for _, it := range sorted {
		x0 := at(it.Start)
		x1 := math.Max(x0+3, at(it.End))
		if it.News {
			x1 = x0 + 6
		}
		if i := last[it.News]; i >= 0 && x0 <= out[i].x1+1 {
			g := &out[i]
			g.n++
			g.x1 = math.Max(g.x1, x1)
			if g.End.Before(it.End) {
				g.End = it.End
			}
			g.Tip = l.F("%d marks from %s to %s; the table lists each.", g.n, g.Start.Format("2006-01-02 15:04"), g.End.Format("2006-01-02 15:04"))
			continue
		}
		out = append(out, mark{timelineItem: it, x0: x0, x1: x1, n: 1})
		last[it.News] = len(out) - 1
	}
	return out
}

// delayChart draws the distribution of one promise's delays in DelayEdges bins,
// bins beyond the limit in red, with the cases never completed.
func delayChart(l tr, id string, p reports.PromiseRow, bins []reports.DelayBin) Chart {
	c := Chart{ID: id, Title: l.F("Promise delays: %s", p.Text),
		Head: []string{l.T("Delay"), l.T("Cases")}, Num: []bool{false, true}}
	counts := make([]int64, len(reports.DelayEdges))
	var never, pending, total int64
	for _, b := range bins {
		switch {
		case b.Bin >= 0 && b.Bin < len(counts):
			counts[b.Bin] += b.Cases
		case b.Status == "never_completed":
			never += b.Cases
		case b.Status == "pending":
			pending += b.Cases
		}
		total += b.Cases
	}
	if total == 0 {
		c.Empty = l.T("No promise cases for this service in this period.")
		return c
	}
	labels := make([]string, len(counts))
	prev := 0.0
	for i, e := range reports.DelayEdges {
		if math.IsInf(e, 1) {
			labels[i] = "> " + l.Dur(prev)
		} else {
			labels[i] = l.Dur(prev) + "–" + l.Dur(e)
		}
		prev = e
		c.Rows = append(c.Rows, []string{labels[i], strconv.FormatInt(counts[i], 10)})
	}
	c.Rows = append(c.Rows, []string{l.T("never completed"), strconv.FormatInt(never, 10)}, []string{l.T("pending"), strconv.FormatInt(pending, 10)})
	c.Alt = l.F("%d cases: %s kept the %s limit; median %s, worst %s; %d never completed.", total, pctp(p.KeptPct), l.Dur(p.LimitMinutes),
		durp(l, p.P50Minutes), durp(l, p.MaxMinutes), never)
	all := append(append([]int64{}, counts...), never)
	var maxN int64
	for _, n := range all {
		maxN = max(maxN, n)
	}
	const w, h, left, right, top, bottom = 720.0, 214.0, 48.0, 30.0, 20.0, 52.0
	y := axis{0, float64(maxN), h - bottom, top}
	bw := (w - left - right) / float64(len(all))
	s := newSVG(id, c.Title, c.Alt, w, h)
	s.line(left, y.at(0), w-right, y.at(0), "axis")
	s.text(left-4, y.at(float64(maxN))+4, "end", "lbl", text.Count(float64(maxN)))
	s.text(left-4, y.at(0)+4, "end", "lbl", "0")
	prev = 0
	for i, n := range all {
		cls := "bar-ok"
		label := l.T("never completed")
		if i < len(counts) {
			label = labels[i]
			if prev >= p.LimitMinutes {
				cls = "bar"
			}
			if i < len(reports.DelayEdges) {
				prev = reports.DelayEdges[i]
			}
		} else {
			cls = "bar-never"
		}
		x0 := left + float64(i)*bw
		barTop := y.at(float64(n))
		if n > 0 {
			barTop = math.Min(barTop, y.at(0)-2) // a bin with a few cases stays visible
			s.text(x0+bw/2, barTop-3, "middle", "lbl", text.Count(float64(n)))
		}
		s.rect(x0+2, barTop, bw-4, y.at(0)-barTop, cls, label+": "+text.Count(float64(n)))
		s.text(x0+bw/2, h-bottom+14+float64(i%2)*12, "middle", "lbl", label)
		if i < len(reports.DelayEdges) && reports.DelayEdges[i] == p.LimitMinutes {
			s.line(x0+bw, top, x0+bw, h-bottom, "limit")
			s.text(x0+bw+3, top+10, "start", "lbl", l.T("limit")+" "+l.Dur(p.LimitMinutes))
		}
	}
	c.SVG = s.html()
	return c
}

func durp(l tr, v *float64) string {
	if v == nil {
		return "–"
	}
	return l.Dur(*v)
}
