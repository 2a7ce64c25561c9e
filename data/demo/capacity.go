package demo

import (
	"io"
	"math"
	"strconv"
	"time"
)

// storageSegments returns the straight pieces of the lsk-db-1:/data trend. The
// anchors are SCENARIO.md's: 58% at the start; 70% -> 61% at the December
// cleanup (so the first piece grows about 0.11 points a day); about 0.08 a day
// until May; then fast enough to reach 100% on 2025-06-27 14:00 (about 0.5 a
// day); full until the cleanup of 2025-07-03 22:00 to 52%; then 0.3 a day.
func storageSegments() []Segment {
	days := func(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 }
	season := round4(storageAfter1 + storageSlowGrowth*days(storageCleanup1, storageSeason))
	segs := []Segment{
		{From: periodFrom, To: storageCleanup1, FromPct: storageStartPct, ToPct: storageBefore1},
		{From: storageCleanup1, To: storageSeason, FromPct: storageAfter1, ToPct: season},
		{From: storageSeason, To: storageFull, FromPct: season, ToPct: 100},
		{From: storageFull, To: storageCleanup2, FromPct: 100, ToPct: 100},
		{From: storageCleanup2, To: periodTo, FromPct: storageAfter2,
			ToPct: round4(storageAfter2 + storageLateGrowth*days(storageCleanup2, periodTo))},
	}
	for i := range segs {
		s := &segs[i]
		s.SlopePctPerDay = round4((s.ToPct - s.FromPct) / days(s.From, s.To))
	}
	return segs
}

var segments = storageSegments()

// diskTrend is the used share of lsk-db-1:/data at t, without noise.
func diskTrend(t time.Time) float64 {
	for _, s := range segments {
		if t.Before(s.To) {
			return s.FromPct + (s.ToPct-s.FromPct)*float64(t.Sub(s.From))/float64(s.To.Sub(s.From))
		}
	}
	return segments[len(segments)-1].ToPct
}

// storageTruth describes the volume for truth.json.
func storageTruth() Storage {
	last := segments[len(segments)-1]
	return Storage{
		Service: chipsID, Host: diskHost, Resource: diskMount, SizeBytes: storageSize,
		Segments: segments,
		Breaks: []Break{
			{Time: storageCleanup1, FromPct: storageBefore1, ToPct: storageAfter1},
			{Time: storageCleanup2, FromPct: 100, ToPct: storageAfter2},
		},
		FullFrom: storageFull, FullTo: storageCleanup2,
		EndPct: last.ToPct, DaysTo90: round4((90 - last.ToPct) / last.SlopePctPerDay),
	}
}

// round4 rounds x to four decimals, for truth.json.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// writeDisk writes the hourly disk samples of [from, to): the trend, a little
// more used in working hours (temporary files), and noise; exactly full while
// the volume is full, never full before.
func writeDisk(w io.Writer, seed int64, from, to time.Time) error {
	b := []byte("time,host,resource,used_bytes,size_bytes,used_pct\n")
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		r := stream(seed, "chips/disk", dayNumber(day))
		for h := range 24 {
			t := day.Add(time.Duration(h) * time.Hour)
			pct := diskTrend(t)
			if !diskFull(t) {
				pct += 0.03*math.Sin(math.Pi*float64(h-6)/12) + 0.015*r.NormFloat64()
				if t.Before(storageFull) {
					pct = min(pct, 99.98)
				}
			}
			used := int64(math.Round(pct/100*storageSize/4096)) * 4096 // whole blocks
			if diskFull(t) {
				used = storageSize
			}
			b = t.AppendFormat(b, time.RFC3339)
			b = append(b, ","+diskHost+","+diskMount+","...)
			b = strconv.AppendInt(b, used, 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, storageSize, 10)
			b = append(b, ',')
			b = strconv.AppendFloat(b, float64(used)/storageSize*100, 'f', 2, 64)
			b = append(b, '\n')
		}
	}
	_, err := w.Write(b)
	return err
}
