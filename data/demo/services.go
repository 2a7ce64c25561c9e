package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Request rates at Options.Scale 1: the mean number of requests per minute in
// the busiest hour of an ordinary weekday. They are set by the size budget of
// the bundled files (see README.md); multipliers for week days, month end,
// seasons and peaks come on top.
const (
	rationPeak = 0.23
	chipsPeak  = 0.10
	csmclPeak  = 0.20
)

// Retry factors: during an outage with 5xx lines clients keep retrying what
// fails, so the request rate rises. ePoS devices retry on their own; CHIPS
// operators resubmit forms and uploads; CSMCL customers reload.
const (
	rationRetry = 10
	chipsRetry  = 5
	csmclRetry  = 2.5
)

// retryFloor is the fewest requests a minute during an outage with 5xx lines
// while the service is in use (relative demand at least openDemand): the
// clients that are on keep retrying, however few they are.
const (
	retryFloor = 6
	openDemand = 0.25
)

// A web is one service with an access log.
type web struct {
	id      string
	site    *site
	peak    float64                   // PeakPerMinute, scaled
	scale   float64                   // Options.Scale
	demand  func(t time.Time) float64 // 1 = the busiest hour of an ordinary weekday
	slow    func(t time.Time) float64 // usual request-time multiplier
	baseErr func(t time.Time) float64 // usual 5xx share
	windows []window                  // this service's outage and degraded windows
	truth   Demand                    // how the model is described in truth.json
}

var usualCodes = []int{500, 502, 503, 504}

// minute returns the mean number of requests in the minute starting at t and how
// they are answered; silent means nothing reaches the web server.
func (s *web) minute(t time.Time) (mean float64, g regime, silent bool) {
	mean = s.peak * s.demand(t)
	g = regime{errP: s.baseErr(t), slow: s.slow(t), codes: usualCodes}
	for i := range s.windows {
		w := &s.windows[i]
		if !within(t, w.Start, w.End) {
			continue
		}
		if w.Logs == LogsNone {
			return 0, g, true
		}
		f := float64(t.Sub(w.Start)) / float64(w.End.Sub(w.Start))
		g.errP = w.errFrom + (w.errTo-w.errFrom)*f
		g.down = w.Kind == KindOutage
		g.slow *= w.slow
		g.codes = w.codes
		mean *= w.retry
		if w.Kind == KindOutage && s.demand(t) >= openDemand {
			mean = max(mean, retryFloor*s.scale)
		}
		break
	}
	return mean, g, false
}

// appendDay appends the access-log lines of one local day.
func (s *web) appendDay(b []byte, seed int64, day time.Time) []byte {
	r := stream(seed, s.id+"/access", dayNumber(day))
	var sess session
	for m := range 24 * 60 {
		t := day.Add(time.Duration(m) * time.Minute)
		mean, g, silent := s.minute(t)
		n := poisson(r, mean)
		if silent {
			continue
		}
		b = s.site.appendMinute(b, r, &sess, t, n, &g)
	}
	return b
}

func constant(v float64) func(time.Time) float64 { return func(time.Time) float64 { return v } }

// windowsOf returns the windows of service id.
func windowsOf(ws []window, id string) []window {
	var out []window
	for _, w := range ws {
		if w.Service == id {
			out = append(out, w)
		}
	}
	return out
}

// wb-ration: ePoS devices at ration shops, open 08:00-20:00.
var rationShape = [25]float64{
	0.004, 0.002, 0.002, 0.002, 0.002, 0.004, 0.02, 0.12, // 00-07
	0.55, 0.9, 1, 1, 0.9, 0.6, 0.65, 0.85, // 08-15
	0.95, 0.9, 0.75, 0.45, 0.08, 0.02, 0.01, 0.006, 0.004, // 16-24
}

func rationDemand(t time.Time) float64 {
	d := hourly(&rationShape, t)
	switch t.Weekday() {
	case time.Sunday:
		d *= 0.45
	case time.Saturday:
		d *= 0.9
	}
	if monthEnd(t, 5) {
		d *= 2.5
	}
	return d
}

func newRation(seed int64, scale float64, ws []window) *web {
	r := stream(seed, "ration/clients", 0)
	s := &site{stay: 0.67}
	uas := []string{
		"ePoS-Client/2.3 (Android 9)", "ePoS-Client/2.3 (Android 9)", "ePoS-Client/2.4 (Android 10)",
		"ePoS-Client/2.4 (Android 11)", "ePoS-Client/2.1 (Android 7.1.2)",
		`ePoS-Client/2.3 (Linux; Android 9; \"Visiontek GL-11\")`, "okhttp/3.12.12",
	}
	for range 2400 {
		addr := fmt.Sprintf("10.%d.%d.%d", 12+r.IntN(8), r.IntN(256), 2+r.IntN(252))
		if r.IntN(100) < 1 {
			addr = ipv6(r, "2409:4060:")
		}
		s.clients = append(s.clients, client{addr: []byte(addr), ua: []byte(uas[r.IntN(len(uas))])})
	}
	none := `"-"`
	s.add(route{request: `"POST /epos/auth HTTP/1.1"`, weight: 24, status: 200, minBytes: 356, span: 16, seconds: 0.12, referer: none})
	s.add(route{request: `"POST /epos/ekyc HTTP/1.1"`, weight: 18, status: 200, minBytes: 1024, span: 96, seconds: 0.85, referer: none})
	s.add(route{request: `"POST /epos/txn HTTP/1.1"`, weight: 30, status: 200, minBytes: 512, span: 32, seconds: 0.18, referer: none})
	s.add(route{request: `"GET /epos/stock HTTP/1.1"`, weight: 10, status: 200, minBytes: 2210, span: 120, seconds: 0.06, referer: none})
	s.add(route{request: `"POST /epos/sync HTTP/1.1"`, weight: 12, status: 200, minBytes: 128, span: 8, seconds: 0.3, referer: none})
	s.add(route{request: `"GET /epos/app/version HTTP/1.1"`, weight: 6, status: 304, seconds: 0.003, referer: none})
	return &web{
		id: rationID, site: s, peak: rationPeak * scale, scale: scale, demand: rationDemand,
		slow: func(t time.Time) float64 {
			if monthEnd(t, 5) {
				return 1.4
			}
			return 1
		},
		baseErr: constant(0.003),
		windows: windowsOf(ws, rationID),
		truth: Demand{Service: rationID, PeakPerMinute: rationPeak * scale, Hours: "08:00-20:00",
			Notes:       []string{"Sunday x0.45, Saturday x0.9", "last 5 days of the month x2.5 (and 1.4x slower answers)"},
			RetryFactor: rationRetry, RetryFloorPerMinute: retryFloor * scale, BaseErrorRatio: 0.003},
	}
}

// cg-chips-lsk: Lok Seva Kendra operators in office hours, citizens in the
// evening; busy in the admission season.
var chipsShape = [25]float64{
	0.01, 0.005, 0.005, 0.005, 0.005, 0.01, 0.02, 0.05, // 00-07
	0.12, 0.35, 0.8, 1, 0.95, 0.75, 0.7, 0.9, // 08-15
	0.95, 0.8, 0.45, 0.25, 0.2, 0.15, 0.08, 0.03, 0.01, // 16-24
}

// admission is the CHIPS admission-season multiplier: certificates for college
// and school admissions, May to August 2025, highest late June to mid July.
func admission(t time.Time) float64 {
	knots := []struct {
		t time.Time
		v float64
	}{
		{at(2025, 5, 1, 0, 0), 1}, {at(2025, 5, 15, 0, 0), 2.5}, {at(2025, 6, 15, 0, 0), 8},
		{at(2025, 7, 15, 0, 0), 8}, {at(2025, 8, 10, 0, 0), 1.5}, {at(2025, 8, 31, 0, 0), 1},
	}
	if t.Before(knots[0].t) {
		return 1
	}
	for i := 1; i < len(knots); i++ {
		if t.Before(knots[i].t) {
			a, b := knots[i-1], knots[i]
			return a.v + (b.v-a.v)*float64(t.Sub(a.t))/float64(b.t.Sub(a.t))
		}
	}
	return 1
}

func chipsDemand(t time.Time) float64 {
	d := hourly(&chipsShape, t) * admission(t)
	switch t.Weekday() {
	case time.Sunday:
		d *= 0.25
	case time.Saturday:
		d *= 0.7
	}
	return d
}

// diskFull reports whether the CHIPS data volume is full at t.
func diskFull(t time.Time) bool { return within(t, storageFull, storageCleanup2) }

func newChips(seed int64, scale float64, ws []window) *web {
	r := stream(seed, "chips/clients", 0)
	s := &site{stay: 0.75}
	kiosk := []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
		"Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
	}
	citizen := []string{
		"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36",
		"Mozilla/5.0 (Linux; Android 13; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
		`Mozilla/5.0 (Linux; Android 11; \"RMX2185\") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36`,
	}
	for range 900 {
		s.clients = append(s.clients, client{addr: []byte(ipv4(r)), ua: []byte(kiosk[r.IntN(len(kiosk))])})
	}
	for range 2500 {
		addr := ipv4(r)
		if r.IntN(100) < 4 {
			addr = ipv6(r, []string{"2409:4043:", "2401:4900:"}[r.IntN(2)])
		}
		s.clients = append(s.clients, client{addr: []byte(addr), ua: []byte(citizen[r.IntN(len(citizen))])})
	}
	home := `"https://edistrict.cgchips.example/"`
	apply := `"https://edistrict.cgchips.example/certificate/apply"`
	login := `"https://edistrict.cgchips.example/login"`
	s.add(route{request: `"GET / HTTP/1.1"`, weight: 6, status: 200, minBytes: 21000, span: 500, seconds: 0.12, referer: `"-"`})
	s.add(route{request: `"GET /login HTTP/1.1"`, weight: 8, status: 200, minBytes: 9200, span: 200, seconds: 0.08, referer: home})
	s.add(route{request: `"POST /login HTTP/1.1"`, weight: 8, status: 302, minBytes: 154, seconds: 0.35, referer: login})
	s.add(route{request: `"GET /certificate/apply HTTP/1.1"`, weight: 14, status: 200, minBytes: 18400, span: 300, seconds: 0.25, referer: home})
	s.add(route{request: `"POST /certificate/apply HTTP/1.1"`, weight: 10, status: 302, minBytes: 154, seconds: 0.9, referer: apply})
	s.add(route{request: `"POST /certificate/upload HTTP/1.1"`, weight: 9, status: 200, minBytes: 96, span: 40, seconds: 1.6, referer: apply})
	s.add(route{request: `"GET /certificate/status HTTP/1.1"`, weight: 16, status: 200, minBytes: 6400, span: 200, seconds: 0.3, referer: home})
	s.add(route{request: `"GET /certificate/download HTTP/1.1"`, weight: 8, status: 200, minBytes: 84000, span: 120000, seconds: 0.7, referer: home})
	s.add(route{request: `"GET /static/js/app.min.js HTTP/1.1"`, weight: 11, status: 304, seconds: 0.002, referer: home})
	s.add(route{request: `"GET /static/css/site.css HTTP/1.1"`, weight: 10, status: 304, seconds: 0.002, referer: home})
	return &web{
		id: chipsID, site: s, peak: chipsPeak * scale, scale: scale, demand: chipsDemand,
		slow: func(t time.Time) float64 {
			if diskFull(t) {
				return 1.3
			}
			return 1
		},
		baseErr: func(t time.Time) float64 {
			if diskFull(t) {
				return 0.06 // writes fail now and then between the bursts
			}
			return 0.002
		},
		windows: windowsOf(ws, chipsID),
		truth: Demand{Service: chipsID, PeakPerMinute: chipsPeak * scale, Hours: "10:00-18:00",
			Notes: []string{"Sunday x0.25, Saturday x0.7", "admission season 2025-05-01 to 2025-08-31: up to x8 (2025-06-15 to 2025-07-15)",
				"while the disk is full, 6% 5xx between the bursts"},
			RetryFactor: chipsRetry, RetryFloorPerMinute: retryFloor * scale, BaseErrorRatio: 0.002},
	}
}

// cg-csmcl-booking: liquor booking, busiest in the evening; home delivery from
// the launch day on, with shorter hours.
var (
	csmclShape = [25]float64{
		0, 0, 0, 0, 0, 0, 0, 0, // 00-07: closed
		0.3, 0.35, 0.4, 0.45, 0.5, 0.5, 0.5, 0.6, // 08-15
		0.75, 0.95, 1, 0.9, 0.6, 0, 0, 0, 0, // 16-24
	}
	csmclDeliveryShape = [25]float64{
		0, 0, 0, 0, 0, 0, 0, 0, 0, // 00-08: closed
		0.5, 0.7, 0.8, 0.85, 0.85, 0.9, 1, 1, 0.8, // 09-17
		0, 0, 0, 0, 0, 0, 0, // 18-24
	}
)

const (
	csmclClosed   = 0.015 // demand outside booking hours: the "booking closed" page
	csmclDelivery = 1.3   // demand with home delivery, against before
	launchSurge   = 12    // launch-day peak, in usual peaks
)

// csmclOpen reports whether booking is open at t and which daily shape applies.
func csmclOpen(t time.Time) (bool, *[25]float64) {
	h := t.Hour()
	if t.Before(hoursCut) {
		return h >= 8 && h < 20, &csmclShape
	}
	return h >= 9 && h < 17, &csmclDeliveryShape
}

func csmclDemand(t time.Time) float64 {
	open, shape := csmclOpen(t)
	if !open {
		return csmclClosed
	}
	d := hourly(shape, t)
	if !t.Before(hoursCut) {
		d *= csmclDelivery
	}
	switch t.Weekday() {
	case time.Sunday:
		d *= 0.8
	case time.Saturday:
		d *= 1.15
	}
	switch day := at(t.Year(), t.Month(), t.Day(), 0, 0); {
	case day.Equal(diwali.AddDate(0, 0, -2)): // Dhanteras
		d *= 1.4
	case day.Equal(diwali.AddDate(0, 0, -1)):
		d *= 2
	case day.Equal(diwali):
		d *= 3.5
	case day.Equal(diwali.AddDate(0, 0, 1)):
		d *= 1.6
	case day.Equal(launchDay) && !t.Before(launchAt):
		d = launchCurve(t)
	}
	return d
}

// launchCurve is the launch-day demand from 09:00, in usual peaks: up to 12x in
// ten minutes, flat until noon, down to 4x by 17:00 and 2x by 20:00.
func launchCurve(t time.Time) float64 {
	m := t.Sub(launchAt).Minutes()
	switch {
	case m < 10:
		return 1 + (launchSurge-1)*m/10
	case m < 180:
		return launchSurge
	case m < 480:
		return launchSurge - (launchSurge-4)*(m-180)/300
	default:
		return 4 - 2*(m-480)/180
	}
}

func newCSMCL(seed int64, scale float64, ws []window) *web {
	r := stream(seed, "csmcl/clients", 0)
	s := &site{stay: 0.75}
	uas := []string{
		"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36",
		"Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
		`CSMCL/1.4.2 (Android 12; \"M2101K6P\")`,
		"CSMCL/1.4.2 (Android 13)",
		"okhttp/4.9.3",
	}
	for range 5000 {
		addr := ipv4(r)
		if r.IntN(100) < 5 {
			addr = ipv6(r, []string{"2409:4043:", "2401:4900:", "2405:201:"}[r.IntN(3)])
		}
		s.clients = append(s.clients, client{addr: []byte(addr), ua: []byte(uas[r.IntN(len(uas))])})
	}
	home := `"https://csmcl.example/booking/"`
	s.add(route{request: `"GET /booking/ HTTP/1.1"`, weight: 14, status: 200, minBytes: 14200, span: 200, seconds: 0.15, referer: `"-"`})
	s.add(route{request: `"POST /booking/login HTTP/1.1"`, weight: 8, status: 200, minBytes: 322, span: 20, seconds: 0.3, referer: home})
	s.add(route{request: `"GET /booking/shops HTTP/1.1"`, weight: 10, status: 200, minBytes: 5200, span: 300, seconds: 0.2, referer: home})
	s.add(route{request: `"GET /booking/catalog HTTP/1.1"`, weight: 18, status: 200, minBytes: 38000, span: 600, seconds: 0.35, referer: home})
	s.add(route{request: `"POST /booking/cart HTTP/1.1"`, weight: 16, status: 200, minBytes: 640, span: 80, seconds: 0.25, referer: home})
	s.add(route{request: `"POST /booking/pay HTTP/1.1"`, weight: 9, status: 200, minBytes: 412, span: 40, seconds: 0.6, referer: home})
	s.add(route{request: `"GET /booking/order/status HTTP/1.1"`, weight: 12, status: 200, minBytes: 880, span: 64, seconds: 0.12, referer: home})
	s.add(route{request: `"GET /booking/static/app.js HTTP/1.1"`, weight: 13, status: 304, seconds: 0.002, referer: home})
	return &web{
		id: csmclID, site: s, peak: csmclPeak * scale, scale: scale, demand: csmclDemand, slow: constant(1),
		baseErr: func(t time.Time) float64 {
			if at(t.Year(), t.Month(), t.Day(), 0, 0).Equal(diwali) {
				return 0.06 // the load knee: errors rise before the evening peak
			}
			return 0.003
		},
		windows: windowsOf(ws, csmclID),
		truth: Demand{Service: csmclID, PeakPerMinute: csmclPeak * scale, Hours: "08:00-20:00, 09:00-17:00 from 2025-04-15",
			Notes: []string{"Sunday x0.8, Saturday x1.15", "Diwali 2024-10-31 x3.5 (x1.4, x2 the two days before, x1.6 the day after)",
				"launch day 2025-04-14 from 09:00: up to x12 the usual peak", "home delivery from 2025-04-15: x1.3"},
			RetryFactor: csmclRetry, RetryFloorPerMinute: retryFloor * scale, BaseErrorRatio: 0.003},
	}
}

// ipv4 draws a public address from Indian mobile (carrier-grade NAT) and
// broadband ranges.
func ipv4(r *rand.Rand) string {
	nets := []string{"106.76", "106.77", "106.205", "117.239", "117.201", "152.58", "157.34", "157.38", "223.176", "223.187", "49.36", "49.43"}
	return fmt.Sprintf("%s.%d.%d", nets[r.IntN(len(nets))], r.IntN(256), 1+r.IntN(254))
}

// ipv6 draws an address in the given /32.
func ipv6(r *rand.Rand, prefix string) string {
	return fmt.Sprintf("%s%x:%x:%x::%x", prefix, r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000), 1+r.IntN(0xfff))
}
