package demo

import (
	"io"
	"slices"
	"strconv"
	"time"
)

// probeEvery is the health-probe interval.
const probeEvery = 5 * time.Minute

// A prober is one health check of one service.
type prober struct {
	name   string // stream name
	host   string
	target string
	offset int     // seconds after the slot the probe runs
	median float64 // usual latency, seconds
	slow   func(t time.Time) float64
}

var (
	rationProber = prober{
		name: "ration/probes", host: rationHost, target: "https://" + rationHost + "/epos/health",
		offset: 2, median: 0.09,
		slow: func(t time.Time) float64 {
			if monthEnd(t, 5) {
				return 1.5
			}
			return 1
		},
	}
	meterProber = prober{
		name: "smartmeter/probes", host: meterHost, target: "https://" + meterHost + "/hes/health",
		offset: 7, median: 0.14, slow: constant(1),
	}
)

// write writes the probe results of [from, to): ok with a latency in
// milliseconds, or false with no latency during one of the outages.
func (p *prober) write(w io.Writer, seed int64, outages []window, from, to time.Time) error {
	b := []byte("time,host,target,ok,latency_ms\n")
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		r := stream(seed, p.name, dayNumber(day))
		for slot := day; slot.Before(day.AddDate(0, 0, 1)); slot = slot.Add(probeEvery) {
			t := slot.Add(time.Duration(p.offset) * time.Second)
			down := slices.ContainsFunc(outages, func(o window) bool { return within(slot, o.Start, o.End) })
			b = t.AppendFormat(b, time.RFC3339)
			b = append(b, ',')
			b = append(b, p.host...)
			b = append(b, ',')
			b = append(b, p.target...)
			if down {
				b = append(b, ",false,\n"...)
				continue
			}
			b = append(b, ",true,"...)
			ms := lognormal(r, p.median*p.slow(slot), 0.35) * 1000
			b = strconv.AppendInt(b, int64(ms+0.5), 10)
			b = append(b, '\n')
		}
	}
	_, err := w.Write(b)
	return err
}
