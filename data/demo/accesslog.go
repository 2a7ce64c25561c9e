package demo

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// AccessLogOptions says what AccessLog writes. The zero value is the default.
type AccessLogOptions struct {
	// Seed seeds every random draw; 0 means 1.
	Seed int64
	// Start is the time of the first minute; zero means 2024-09-01 00:00 IST.
	Start time.Time
	// PeakPerMinute is the mean number of requests per minute in the busiest
	// hour of the day; 0 means 600. Nights have about a sixth of it.
	PeakPerMinute float64
}

// benchShape is the daily shape of AccessLog's traffic: a busy public portal,
// quiet but never idle at night.
var benchShape = [25]float64{
	0.2, 0.16, 0.15, 0.15, 0.15, 0.18, 0.25, 0.4, // 00-07
	0.6, 0.8, 0.95, 1, 1, 0.9, 0.9, 0.95, // 08-15
	1, 0.95, 0.85, 0.7, 0.55, 0.45, 0.35, 0.25, 0.2, // 16-24
}

// AccessLog writes a combined access log (with the request time in seconds
// last) of at most size bytes and at least size less one line, for the ingest
// benchmark. Traffic follows a daily shape around PeakPerMinute, with the
// clients, paths and user agents of the demo services (some IPv6 clients,
// "-" byte counts, escaped quotes), and outages every one to four hours: 10 to
// 45 minutes during which at least half of every minute's requests get a 5xx
// and clients retry. The same options give the same bytes.
func AccessLog(w io.Writer, size int64, opts AccessLogOptions) error {
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Start.IsZero() {
		opts.Start = periodFrom
	}
	if opts.PeakPerMinute == 0 {
		opts.PeakPerMinute = 600
	}
	s := benchSite(opts.Seed)
	r := stream(opts.Seed, "accesslog", 0)
	sched := stream(opts.Seed, "accesslog/outages", 0)
	start, end := nextOutage(sched, opts.Start.Truncate(time.Minute))
	normal := regime{errP: 0.003, slow: 1, codes: usualCodes}
	outage := regime{errP: 0.85, down: true, slow: 3, codes: []int{502, 503, 503, 504}}
	var sess session
	buf := make([]byte, 0, 1<<20+64<<10)
	var written int64
	for t := opts.Start.Truncate(time.Minute); size > written; t = t.Add(time.Minute) {
		if !t.Before(end) {
			start, end = nextOutage(sched, end)
		}
		g, mean := &normal, opts.PeakPerMinute*hourly(&benchShape, t)
		if !t.Before(start) {
			g, mean = &outage, mean*1.5
		}
		buf = s.appendMinute(buf, r, &sess, t, poisson(r, mean), g)
		left := size - written
		last := int64(len(buf)) >= left
		if last {
			buf = buf[:bytes.LastIndexByte(buf[:left], '\n')+1]
		} else if len(buf) < 1<<20 {
			continue
		}
		if _, err := w.Write(buf); err != nil {
			return fmt.Errorf("write access log: %w", err)
		}
		if last {
			break
		}
		written += int64(len(buf))
		buf = buf[:0]
	}
	return nil
}

// nextOutage draws the next outage after t: one to four hours later, 10 to 45
// minutes long.
func nextOutage(r *rand.Rand, t time.Time) (start, end time.Time) {
	start = t.Add(time.Duration(60+r.IntN(181)) * time.Minute)
	return start, start.Add(time.Duration(10+r.IntN(36)) * time.Minute)
}

// benchSite mixes the clients and routes of the three demo web services.
func benchSite(seed int64) *site {
	s := &site{stay: 0.75}
	for _, w := range []*web{newRation(seed, 1, nil), newChips(seed, 1, nil), newCSMCL(seed, 1, nil)} {
		s.clients = append(s.clients, w.site.clients...)
		for _, rt := range w.site.routes {
			s.add(rt)
		}
	}
	return s
}
