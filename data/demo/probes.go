package demo

import (
	"io"
	"strconv"
	"time"
)

// probeEvery is the health-probe interval.
const probeEvery = 5 * time.Minute

// A prober is one health check of one service.
type prober struct {
	name    string // stream name
	host    string
	target  string
	offset  int     // seconds after the slot the probe runs
	median  float64 // usual latency, seconds
	outages [][2]time.Time
	slow    func(t time.Time) float64
}

var (
	rationProber = prober{
		name: "ration/probes", host: rationHost, target: "https://" + rationHost + "/epos/health",
		offset: 2, median: 0.09, outages: rationOutageTimes(),
		slow: func(t time.Time) float64 {
			if monthEnd(t, 5) {
				return 1.5
			}
			return 1
		},
	}
	meterProber = prober{
		name: "smartmeter/probes", host: meterHost, target: "https://" + meterHost + "/hes/health",
		offset: 7, median: 0.14, outages: meterOutages, slow: one,
	}
)

func rationOutageTimes() [][2]time.Time {
	out := make([][2]time.Time, len(rationOutages))
	for i, o := range rationOutages {
		out[i] = [2]time.Time{o.start, o.end}
	}
	return out
}

// write writes the probe results of [from, to): ok with a latency in
// milliseconds, or false with no latency during an outage.
func (p *prober) write(w io.Writer, seed int64, from, to time.Time) error {
	b := []byte("time,host,target,ok,latency_ms\n")
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		r := stream(seed, p.name, dayNumber(day))
		for slot := day; slot.Before(day.AddDate(0, 0, 1)); slot = slot.Add(probeEvery) {
			t := slot.Add(time.Duration(p.offset) * time.Second)
			down := false
			for _, o := range p.outages {
				if !slot.Before(o[0]) && slot.Before(o[1]) {
					down = true
				}
			}
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
