package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"outagelens/data/catalog"
)

// This file holds the facts of SCENARIO.md as data; everything else derives
// from them.

// ist is the services' zone, India Standard Time.
var ist = catalog.IST

func at(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, ist)
}

// within reports whether t is in [from, to).
func within(t, from, to time.Time) bool { return !t.Before(from) && t.Before(to) }

// The scenario's period: 13 calendar months.
var (
	periodFrom = at(2024, time.September, 1, 0, 0)
	periodTo   = at(2025, time.October, 1, 0, 0)
)

// Service ids (as in the catalog) and host names.
const (
	rationID = "wb-ration"
	chipsID  = "cg-chips-lsk"
	csmclID  = "cg-csmcl-booking"
	meterID  = "mp-rewa-smartmeter"

	rationHost = "epos.wbfood.example"
	meterHost  = "meters.mpez.example"
	diskHost   = "lsk-db-1"
	diskMount  = "/data"
)

// rationOutages are the wb-ration outages of SCENARIO.md. none marks the ones
// where nothing reaches the web server (a network cut at the data centre), so
// the access log has no lines and only the probes tell; in the others the
// upstream is down and nginx answers 502/504 to every retry.
var rationOutages = []struct {
	start, end time.Time
	none       bool
}{
	{at(2024, 9, 28, 18, 10), at(2024, 9, 29, 15, 30), false},
	{at(2024, 10, 30, 10, 0), at(2024, 10, 30, 14, 20), false},
	{at(2024, 11, 29, 16, 0), at(2024, 11, 30, 11, 0), false},
	{at(2024, 12, 14, 11, 0), at(2024, 12, 14, 12, 10), false},
	{at(2025, 1, 30, 9, 30), at(2025, 1, 31, 13, 0), true},
	{at(2025, 2, 27, 12, 0), at(2025, 2, 27, 17, 45), false},
	{at(2025, 3, 29, 17, 0), at(2025, 3, 30, 12, 0), false},
	{at(2025, 4, 16, 10, 0), at(2025, 4, 16, 10, 50), false},
	{at(2025, 5, 30, 11, 0), at(2025, 5, 30, 19, 30), false},
	{at(2025, 6, 28, 15, 0), at(2025, 6, 29, 10, 0), false},
	{at(2025, 7, 10, 13, 0), at(2025, 7, 10, 14, 0), true},
	{at(2025, 8, 29, 10, 30), at(2025, 8, 29, 16, 0), false},
	{at(2025, 9, 28, 9, 0), at(2025, 9, 28, 13, 30), false},
}

// meterOutages are the mp-rewa-smartmeter head-end server outages.
var meterOutages = [][2]time.Time{
	{at(2024, 11, 21, 10, 0), at(2024, 11, 21, 13, 30)},
	{at(2025, 3, 13, 12, 30), at(2025, 3, 13, 21, 0)},
	{at(2025, 8, 7, 14, 0), at(2025, 8, 7, 18, 0)},
}

// noonBatch moves one Thursday's disconnection batch: SCENARIO.md has the
// 2025-03-13 disconnections at noon, just before the server went down at 12:30.
var noonBatch = at(2025, 3, 13, 11, 30)

// CSMCL dates.
var (
	diwali        = at(2024, 10, 31, 0, 0)
	launchDay     = at(2025, 4, 14, 0, 0)
	launchAt      = at(2025, 4, 14, 9, 0)
	launchErrors  = at(2025, 4, 14, 9, 12)
	launchDown    = at(2025, 4, 14, 9, 20)
	launchUp      = at(2025, 4, 14, 13, 40)
	launchSettled = at(2025, 4, 14, 17, 0)
	hoursCut      = at(2025, 4, 15, 0, 0) // booking hours 09:00-17:00 from here
)

// Launch-day payments (SCENARIO.md: about 380 debited without confirmation, 40
// of them never refunded either).
const (
	launchPaid        = 1150
	launchUnconfirmed = 380
	launchOrphans     = 40
)

// CHIPS storage: the anchors of the used share of lsk-db-1:/data (2 TB).
var (
	storageCleanup1 = at(2024, 12, 20, 22, 0) // 70% -> 61%
	storageSeason   = at(2025, 5, 1, 0, 0)    // growth rises to about 0.5 points a day
	storageFull     = at(2025, 6, 27, 14, 0)  // 100%
	storageCleanup2 = at(2025, 7, 3, 22, 0)   // -> 52%
)

const (
	storageSize       = 2_000_000_000_000
	storageStartPct   = 58.0
	storageBefore1    = 70.0 // just before the first cleanup
	storageAfter1     = 61.0
	storageAfter2     = 52.0
	storageSlowGrowth = 0.08 // points a day, December to May
	storageLateGrowth = 0.30 // points a day after the July cleanup
)

// outageWindows returns the fixed windows of every service plus the CHIPS error
// bursts drawn from the seed, ordered by service and start.
func outageWindows(seed int64) []window {
	var ws []window
	for _, o := range rationOutages {
		w := window{Window: Window{Service: rationID, Start: o.start, End: o.end, Kind: KindOutage, Cause: causeUnreach}}
		if o.none {
			w.Logs = LogsNone
		} else {
			w.Logs, w.errFrom, w.errTo, w.retry, w.codes = LogsErrors, 0.9, 0.9, rationRetry, []int{502, 502, 502, 504}
		}
		ws = append(ws, w)
	}
	for _, o := range meterOutages {
		ws = append(ws, window{Window: Window{Service: meterID, Start: o[0], End: o[1], Kind: KindOutage, Cause: causeDown, Logs: LogsNoAccess}})
	}
	ws = append(ws,
		window{Window: Window{Service: csmclID, Start: diwali.Add(15 * time.Hour), End: diwali.Add(20 * time.Hour),
			Kind: KindDegraded, Cause: causeFestival, Logs: LogsDegraded}, errFrom: 0.2, errTo: 0.2, slow: 2.5, codes: []int{502, 503, 504}},
		window{Window: Window{Service: csmclID, Start: launchErrors, End: launchDown,
			Kind: KindDegraded, Cause: causeSurge, Logs: LogsDegraded}, errFrom: 0.1, errTo: 0.4, slow: 3, codes: []int{502, 503, 504}},
		window{Window: Window{Service: csmclID, Start: launchDown, End: launchUp,
			Kind: KindOutage, Cause: causeSurge, Logs: LogsErrors}, errFrom: 0.85, errTo: 0.7, slow: 4, retry: csmclRetry, codes: []int{502, 503, 503, 504}},
		window{Window: Window{Service: csmclID, Start: launchUp, End: launchSettled,
			Kind: KindDegraded, Cause: causeSurge, Logs: LogsDegraded}, errFrom: 0.35, errTo: 0.05, slow: 2, codes: []int{502, 503, 504}},
	)
	ws = append(ws, chipsBursts(stream(seed, "chips/bursts", 0))...)
	for i := range ws {
		ws[i].ErrorRatio = (ws[i].errFrom + ws[i].errTo) / 2
		if ws[i].slow == 0 {
			ws[i].slow = 1
		}
		if ws[i].retry == 0 {
			ws[i].retry = 1
		}
	}
	slices.SortStableFunc(ws, func(a, b window) int {
		return cmp.Or(cmp.Compare(a.Service, b.Service), a.Start.Compare(b.Start))
	})
	return ws
}

// A window is a Window plus how the generator renders it.
type window struct {
	Window
	errFrom, errTo float64 // 5xx share at the start and the end, linear in between
	retry          float64 // request multiplier: clients retrying
	slow           float64 // request-time multiplier
	codes          []int   // the 5xx codes failures draw from
}

// chipsBursts draws the CHIPS error bursts while the disk is full: two to four a
// day (one on Sunday) of 20 to 90 minutes, in working hours, at least 30
// minutes apart.
func chipsBursts(r *rand.Rand) []window {
	firstDay := at(storageFull.Year(), storageFull.Month(), storageFull.Day(), 0, 0)
	var ws []window
	for day := firstDay; day.Before(storageCleanup2); day = day.AddDate(0, 0, 1) {
		n := 2 + r.IntN(3)
		if day.Weekday() == time.Sunday {
			n = 1
		}
		// The first failures follow the volume filling up; the last end an hour
		// before the cleanup.
		from := later(day.Add(10*time.Hour+30*time.Minute), storageFull.Add(5*time.Minute))
		until := earlier(day.Add(18*time.Hour), storageCleanup2.Add(-time.Hour))
		var today []window
		for tries := 0; len(today) < n && tries < 100; tries++ {
			span := time.Duration(20+r.IntN(71)) * time.Minute
			room := int64(until.Sub(from)-span) / int64(time.Minute)
			if room <= 0 {
				break
			}
			start := from.Add(time.Duration(r.Int64N(room)) * time.Minute)
			end := start.Add(span)
			if slices.ContainsFunc(today, func(w window) bool {
				return start.Before(w.End.Add(30*time.Minute)) && w.Start.Before(end.Add(30*time.Minute))
			}) {
				continue
			}
			today = append(today, window{Window: Window{Service: chipsID, Start: start, End: end, Kind: KindOutage,
				Cause: causeStorage, Logs: LogsErrors}, errFrom: 0.8, errTo: 0.8, retry: chipsRetry, slow: 1.5,
				codes: []int{500, 500, 500, 502}})
		}
		ws = append(ws, today...)
	}
	return ws
}
