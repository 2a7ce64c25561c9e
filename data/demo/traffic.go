package demo

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// stream returns the random stream for what on day (a day number from
// dayNumber, or 0 for a stream that spans the whole period). Separate streams
// keep one file's draws independent of every other file's, and per-day streams
// make a day's lines the same whatever period is generated.
func stream(seed int64, what string, day int64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(what))
	return rand.New(rand.NewPCG(uint64(seed), h.Sum64()^uint64(day)*0x9E3779B97F4A7C15))
}

// dayNumber numbers t's local calendar day since 1970-01-01.
func dayNumber(t time.Time) int64 {
	_, off := t.Zone()
	return (t.Unix() + int64(off)) / 86400
}

// A site is one web service as its access log sees it: who calls it, what they
// ask for and what the answers look like.
type site struct {
	clients []client
	routes  []route
	total   int // sum of route weights
	// stay is the chance that a request comes from the same client as the one
	// before, if that was at most two minutes earlier: a page with its assets, a
	// login and a form, an ePoS transaction's auth, e-KYC and sale.
	stay float64
}

// A session remembers the last client and when it was last seen.
type session struct {
	c    *client
	last time.Time
}

func (s *site) client(r *rand.Rand, sess *session, t time.Time) *client {
	if sess.c == nil || t.Sub(sess.last) > 2*time.Minute || r.Float64() >= s.stay {
		sess.c = &s.clients[r.IntN(len(s.clients))]
	}
	sess.last = t
	return sess.c
}

type client struct {
	addr []byte // IPv4 or IPv6 address
	ua   []byte // user agent as written between the quotes, `\"` escaped
}

type route struct {
	request  string  // `"POST /epos/txn HTTP/1.1"`, quotes included
	weight   int     // relative frequency
	status   int     // status of a success: 200, 302 or 304 (304 writes "-" bytes)
	minBytes int     // body size of a success: minBytes plus [0, span)
	span     int     // 0 for a fixed size
	seconds  float64 // median request time of a success
	referer  string  // `"-"` or a quoted URL
}

func (s *site) add(r route) {
	s.routes = append(s.routes, r)
	s.total += r.weight
}

func (s *site) pick(r *rand.Rand) *route {
	k := r.IntN(s.total)
	for i := range s.routes {
		if k < s.routes[i].weight {
			return &s.routes[i]
		}
		k -= s.routes[i].weight
	}
	panic("demo: route weights do not add up")
}

// A regime is how a service answers during one minute.
type regime struct {
	errP  float64 // chance that a request fails with a 5xx
	down  bool    // an outage: at least half of the minute's requests fail
	slow  float64 // request-time multiplier (1 is usual)
	codes []int   // the 5xx codes failures draw from
}

// minRequests is the fewest requests in a minute for which a minute-level rule
// judges the 5xx ratio ("down when requests >= 3 and 5xx >= 0.5 x requests").
const minRequests = 3

// failures draws how many of n requests fail. An outage minute has at least
// half failing; any other minute with minRequests or more has fewer than half,
// so the minute-level rule agrees with the ground truth by construction.
// (Below minRequests the rule does not judge, and the draw stands.)
func failures(r *rand.Rand, n int, g *regime) int {
	k := 0
	for range n {
		if r.Float64() < g.errP {
			k++
		}
	}
	switch {
	case g.down:
		return max(k, (n+1)/2)
	case n >= minRequests:
		return min(k, (n-1)/2)
	}
	return k
}

// poisson draws a Poisson count with the given mean (Knuth's method, in steps of
// at most 30 so that exp(-mean) never underflows).
func poisson(r *rand.Rand, mean float64) int {
	const step = 30
	n := 0
	for mean > step {
		n += knuth(r, math.Exp(-step))
		mean -= step
	}
	if mean <= 0 {
		return n
	}
	return n + knuth(r, math.Exp(-mean))
}

func knuth(r *rand.Rand, limit float64) int {
	k := 0
	for p := r.Float64(); p > limit; p *= r.Float64() {
		k++
	}
	return k
}

// appendMinute appends the access-log lines of n requests made during the
// minute that starts at t, in time order.
func (s *site) appendMinute(b []byte, r *rand.Rand, sess *session, t time.Time, n int, g *regime) []byte {
	if n <= 0 {
		return b
	}
	fails := failures(r, n, g)
	var perSecond [60]int
	for range n {
		perSecond[r.IntN(60)]++
	}
	var buf [48]byte
	stamp := t.Truncate(time.Minute).AppendFormat(buf[:0], "[02/Jan/2006:15:04:05 -0700] ")
	const secAt = len("[02/Jan/2006:15:04:")
	left := n
	for sec, k := range perSecond {
		if k == 0 {
			continue
		}
		stamp[secAt], stamp[secAt+1] = byte('0'+sec/10), byte('0'+sec%10)
		for ; k > 0; k-- {
			// Selection sampling: each request fails with probability
			// (failures left)/(requests left), which places exactly fails failures.
			fail := r.IntN(left) < fails
			if fail {
				fails--
			}
			left--
			c := s.client(r, sess, t)
			b = s.appendLine(b, r, c, stamp, fail, g)
		}
	}
	return b
}

// appendLine appends one combined-format line plus the request time in seconds.
func (s *site) appendLine(b []byte, r *rand.Rand, c *client, stamp []byte, fail bool, g *regime) []byte {
	rt := s.pick(r)
	b = append(b, c.addr...)
	b = append(b, " - - "...)
	b = append(b, stamp...)
	b = append(b, rt.request...)
	status, size, secs := rt.status, rt.minBytes, 0.0
	switch {
	case fail:
		status = g.codes[r.IntN(len(g.codes))]
		size, secs = errorAnswer(r, status)
	case r.IntN(1000) < 4:
		status, size, secs = 404, 153, lognormal(r, 0.004, 0.5)
	case r.IntN(1000) < 2:
		// The client gave up before the answer: nginx's 499, nothing sent.
		status, size, secs = 499, -1, lognormal(r, rt.seconds*4, 0.5)*g.slow
	default:
		if rt.status == 304 {
			size = -1
		} else if rt.span > 0 {
			size += r.IntN(rt.span)
		}
		secs = lognormal(r, rt.seconds, 0.5) * g.slow
	}
	if secs > 60 {
		// Past nginx's proxy_read_timeout: the upstream timed out.
		status, size, secs = 504, 167, 60+float64(r.IntN(5))/1000
	}
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, ' ')
	if size < 0 {
		b = append(b, '-')
	} else {
		b = strconv.AppendInt(b, int64(size), 10)
	}
	b = append(b, ' ')
	b = append(b, rt.referer...)
	b = append(b, ' ', '"')
	b = append(b, c.ua...)
	b = append(b, '"', ' ')
	return appendMillis(b, int64(secs*1000+0.5))
}

// appendMillis appends ms milliseconds as seconds with three decimals and a
// newline.
func appendMillis(b []byte, ms int64) []byte {
	b = strconv.AppendInt(b, ms/1000, 10)
	ms %= 1000
	return append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), '\n')
}

// errorAnswer returns the body size and request time of a 5xx: nginx's own
// error pages, answered at once when the upstream refuses or is marked down,
// after the proxy timeout for a 504, after the application gave up for a 500.
func errorAnswer(r *rand.Rand, status int) (int, float64) {
	switch status {
	case 500:
		return 177, lognormal(r, 1.5, 0.6)
	case 502:
		return 157, float64(r.IntN(30)) / 1000
	case 503:
		return 197, float64(r.IntN(5)) / 1000
	default: // 504
		return 167, 60 + float64(r.IntN(5))/1000
	}
}

// lognormal draws a log-normal value with the given median and shape, at least
// 1 ms.
func lognormal(r *rand.Rand, median, sigma float64) float64 {
	return max(0.001, median*math.Exp(sigma*r.NormFloat64()))
}

// hourly interpolates a 25-point daily shape (value at 00:00, 01:00, ...,
// 24:00) at t's local time of day.
func hourly(shape *[25]float64, t time.Time) float64 {
	h, m := t.Hour(), t.Minute()
	return shape[h] + (shape[h+1]-shape[h])*float64(m)/60
}

// monthEnd reports whether t falls in the last k days of its month.
func monthEnd(t time.Time, k int) bool {
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, t.Location()).Day()
	return t.Day() > last-k
}
