package demo

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// event is one JSON line of an application log. Fields are written in this
// order; empty ones are left out.
type event struct {
	TS         string  `json:"ts"`
	Level      string  `json:"level"`
	Service    string  `json:"service"`
	Host       string  `json:"host"`
	Event      string  `json:"event,omitempty"`
	Msg        string  `json:"msg"`
	TxnID      string  `json:"txn_id,omitempty"`
	ConsumerID string  `json:"consumer_id,omitempty"`
	Amount     float64 `json:"amount,omitempty"`

	at time.Time
}

func newEvent(t time.Time, level, service, host, name, msg string) event {
	t = t.Truncate(time.Millisecond).In(ist)
	return event{TS: t.Format("2006-01-02T15:04:05.000Z07:00"), Level: level, Service: service, Host: host,
		Event: name, Msg: msg, at: t}
}

// writeEvents sorts events by time (ties keep their order) and writes those in
// [from, to) as JSON lines.
func writeEvents(w io.Writer, evs []event, from, to time.Time) error {
	slices.SortStableFunc(evs, func(a, b event) int { return a.at.Compare(b.at) })
	var b []byte
	for i := range evs {
		if evs[i].at.Before(from) || !evs[i].at.Before(to) {
			continue
		}
		line, err := json.Marshal(&evs[i])
		if err != nil {
			return fmt.Errorf("encode event: %w", err)
		}
		b = append(append(b, line...), '\n')
		if len(b) > 64<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// seconds returns a duration of s seconds.
func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// between draws a time in [a, b) to the millisecond.
func between(r *rand.Rand, a, b time.Time) time.Time {
	return a.Add(time.Duration(r.Int64N(int64(b.Sub(a)/time.Millisecond))) * time.Millisecond)
}

// sampleTime draws a time in [from, to) with density proportional to demand, by
// rejection against top (demand's maximum over the interval).
func sampleTime(r *rand.Rand, from, to time.Time, demand func(time.Time) float64, top float64) time.Time {
	for {
		t := between(r, from, to)
		if r.Float64()*top < demand(t) {
			return t
		}
	}
}

// CSMCL payments ------------------------------------------------------------

const (
	csmclApp        = "csmcl-app-1"
	csmclPayPerDay  = 11 // payments on an ordinary weekday before home delivery
	confirmMaxSecs  = 480
	normalFailShare = 0.004 // payments not confirmed on an ordinary day (refunded within hours)
)

var prices = []float64{180, 240, 320, 450, 560, 680, 840, 1120, 1360, 1680, 2240, 3150}

// payments plans the CSMCL payment events and counts the launch day.
func payments(seed int64) ([]event, Launch) {
	r := stream(seed, "csmcl/payments", 0)
	var evs []event
	launch := Launch{Day: launchDay, UsualPeakPerMinute: csmclPeak, PeakPerMinute: csmclPeak * launchSurge}
	for day := periodFrom; day.Before(periodTo); day = day.AddDate(0, 0, 1) {
		seq := 100000 + r.IntN(400000)
		txn := func() string {
			seq += 1 + r.IntN(40) // other channels share the sequence
			return fmt.Sprintf("CSM%s%06d", day.Format("060102"), seq)
		}
		if day.Equal(launchDay) {
			evs = append(evs, launchPayments(r, txn, &launch)...)
			continue
		}
		// The daily count follows the day's demand.
		n := poisson(r, csmclPayPerDay*dailyDemand(day)/dailyDemand(at(2024, 9, 4, 0, 0))) // an ordinary Wednesday
		for range n {
			t := sampleTime(r, day, day.AddDate(0, 0, 1), bookable, 5)
			evs = append(evs, payment(r, t, txn())...)
		}
	}
	return evs, launch
}

// bookable is csmclDemand in booking hours and 0 outside them: payments are
// only taken while booking is open.
func bookable(t time.Time) float64 {
	if open, _ := csmclOpen(t); !open {
		return 0
	}
	return csmclDemand(t)
}

// dailyDemand sums csmclDemand over a day, sampled every 10 minutes.
func dailyDemand(day time.Time) float64 {
	var total float64
	for m := 0; m < 24*60; m += 10 {
		total += csmclDemand(day.Add(time.Duration(m) * time.Minute))
	}
	return total
}

func paymentEvent(r *rand.Rand, t time.Time, txn string) event {
	amount := 0.0
	for range 1 + r.IntN(4) {
		amount += prices[r.IntN(len(prices))]
	}
	if !t.Before(launchAt) {
		amount += 50 // delivery charge
	}
	e := newEvent(t, "info", csmclID, csmclApp, "payment_received", "payment received via UPI")
	e.TxnID, e.Amount = txn, amount
	return e
}

func confirmEvent(t time.Time, txn string) event {
	e := newEvent(t, "info", csmclID, csmclApp, "order_confirmed", "order confirmed")
	e.TxnID = txn
	return e
}

func refundEvent(t time.Time, txn string, amount float64) event {
	e := newEvent(t, "warn", csmclID, csmclApp, "refund", "order not confirmed: amount refunded to wallet")
	e.TxnID, e.Amount = txn, amount
	return e
}

// payment is an ordinary payment: confirmed within minutes, or, rarely, refunded
// within hours.
func payment(r *rand.Rand, t time.Time, txn string) []event {
	p := paymentEvent(r, t, txn)
	if r.Float64() < normalFailShare {
		return []event{p, refundEvent(t.Add(seconds(2400+r.Float64()*9600)), txn, p.Amount)}
	}
	return []event{p, confirmEvent(t.Add(seconds(20+r.Float64()*(confirmMaxSecs-20))), txn)}
}

// launchPayments plans the launch day: launchPaid payments following the
// day's demand; launchUnconfirmed of those made while the site was failing
// get no confirmation, and of those launchOrphans get no refund either; the
// others are refunded 3 to 30 hours later. Confirmations of payments made
// during the outage wait for the order service to recover.
func launchPayments(r *rand.Rand, txn func() string, launch *Launch) []event {
	day := launchDay
	type pay struct {
		e      event
		weight float64 // chance weight of being left unconfirmed
	}
	pays := make([]pay, launchPaid)
	for i := range pays {
		t := sampleTime(r, day.Add(8*time.Hour), day.Add(20*time.Hour), csmclDemand, launchSurge+0.5)
		w := 0.0
		switch {
		case within(t, launchDown, launchUp):
			w = 3
		case within(t, launchErrors, launchSettled):
			w = 1
		}
		pays[i] = pay{e: paymentEvent(r, t, ""), weight: w}
	}
	slices.SortStableFunc(pays, func(a, b pay) int { return a.e.at.Compare(b.e.at) })
	for i := range pays {
		pays[i].e.TxnID = txn()
	}
	// Weighted sampling without replacement (Efraimidis-Spirakis): the
	// launchUnconfirmed largest keys u^(1/w).
	keys := make([]float64, len(pays))
	order := make([]int, len(pays))
	for i := range pays {
		order[i] = i
		if pays[i].weight > 0 {
			keys[i] = math.Pow(r.Float64(), 1/pays[i].weight)
		} else {
			keys[i] = -1
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(keys[b], keys[a]) })
	unconfirmed := make([]bool, len(pays))
	for _, i := range order[:launchUnconfirmed] {
		unconfirmed[i] = true
	}
	orphans := r.Perm(launchUnconfirmed)[:launchOrphans]
	orphan := map[int]bool{}
	for _, k := range orphans {
		orphan[order[k]] = true
	}

	var evs []event
	launch.Payments = len(pays)
	launch.RefundMinMinutes = math.Inf(1)
	for i, p := range pays {
		t, txnID := p.e.at, p.e.TxnID
		evs = append(evs, p.e)
		switch {
		case orphan[i]:
			launch.Unconfirmed++
			launch.Orphaned++
		case unconfirmed[i]:
			// 3 to 30 hours, most within 10.
			delay := 3*time.Hour + time.Duration(math.Pow(r.Float64(), 3)*float64(27*time.Hour))
			evs = append(evs, refundEvent(t.Add(delay), txnID, p.e.Amount))
			launch.Unconfirmed++
			launch.Refunded++
			mins := round4(delay.Minutes())
			launch.RefundMinMinutes = min(launch.RefundMinMinutes, mins)
			launch.RefundMaxMinutes = max(launch.RefundMaxMinutes, mins)
			if delay <= 4*time.Hour {
				launch.RefundedWithin4h++
			}
			if delay > 24*time.Hour {
				launch.RefundedAfter24h++
			}
		default:
			var at time.Time
			switch {
			case within(t, launchDown, launchUp) && r.IntN(2) == 0:
				at = launchUp.Add(seconds(300 + r.Float64()*6900)) // the backlog after recovery
			case within(t, launchErrors, launchSettled):
				at = t.Add(seconds(60 + r.Float64()*2340))
			default:
				at = t.Add(seconds(20 + r.Float64()*(confirmMaxSecs-20)))
			}
			evs = append(evs, confirmEvent(at, txnID))
			launch.Confirmed++
			if at.Sub(t) > 15*time.Minute {
				launch.ConfirmedLate++
			}
		}
	}
	return evs
}

// Smart-meter events ---------------------------------------------------------

const (
	hesHost     = "hes-rewa-1"     // head-end system: disconnects and reconnects
	billingHost = "billing-gw-1"   // payment gateway: up when the head end is down
	consumers   = 40000            // consumers with smart meters in the circle
	driveSize   = 38               // mean disconnections in a Thursday batch
	payShare    = 0.85             // disconnected consumers who pay within the data
	queueStart  = 2 * time.Minute  // the first queued reconnection after the server returns
	queueStep   = 20 * time.Second // then one every queueStep on average
)

// meterPlan plans the smart-meter events: disconnections (a drive every
// Thursday morning, a few on other working days), payments, and reconnections
// 3 to 15 minutes after a payment, or queued until the head-end server returns
// when it is down.
func meterPlan(seed int64) ([]event, []Reconnection) {
	r := stream(seed, "smartmeter/events", 0)
	// down returns the outage going on at t, or -1.
	down := func(t time.Time) int {
		for i, o := range meterOutages {
			if within(t, o[0], o[1]) {
				return i
			}
		}
		return -1
	}
	type paid struct {
		consumer string
		at       time.Time
	}
	var evs []event
	var pays []paid
	// busy holds consumers already disconnected: until they are reconnected (or
	// for good, if they never pay) no drive picks them again.
	busy := map[int]time.Time{}
	never := periodTo.AddDate(1, 0, 0)
	for day := periodFrom; day.Before(periodTo); day = day.AddDate(0, 0, 1) {
		var n int
		var from, to time.Time
		switch day.Weekday() {
		case time.Thursday: // the weekly batch, 09:00-10:00
			n = driveSize - 8 + r.IntN(17)
			from = day.Add(9 * time.Hour)
			if midnight(noonBatch).Equal(day) {
				from = noonBatch
			}
			to = from.Add(time.Hour)
		case time.Sunday:
			continue
		default:
			n = poisson(r, 3)
			from, to = day.Add(10*time.Hour), day.Add(17*time.Hour)
		}
		for range n {
			t := between(r, from, to)
			if i := down(t); i >= 0 {
				t = meterOutages[i][1].Add(time.Duration(r.IntN(60)) * time.Minute) // the batch resumes
			}
			c := r.IntN(consumers)
			for busy[c].After(t) {
				c = r.IntN(consumers)
			}
			busy[c] = never
			// 7919 is prime to 10^8, so consumer numbers never collide.
			id := fmt.Sprintf("N31%08d", (1234567+c*7919)%100000000)
			arrears := float64(300 + r.IntN(150)*40)
			e := newEvent(t, "info", meterID, hesHost, "disconnect", "remote disconnection for unpaid bill")
			e.ConsumerID, e.Amount = id, arrears
			evs = append(evs, e)
			if r.Float64() >= payShare {
				continue // stays disconnected
			}
			var wait time.Duration
			switch u := r.Float64(); {
			case u < 0.35: // at once: 10 minutes to 2 hours
				wait = 10*time.Minute + time.Duration(r.Int64N(int64(110*time.Minute)))
			case u < 0.7: // later the same day: 3 to 8 hours
				wait = 3*time.Hour + time.Duration(r.Int64N(int64(5*time.Hour)))
			case u < 0.85: // 8 hours to 3 days
				wait = 8*time.Hour + time.Duration(r.Int64N(int64(64*time.Hour)))
			default: // 3 to 12 days
				wait = 72*time.Hour + time.Duration(r.Int64N(int64(9*24*time.Hour)))
			}
			pt := t.Add(wait)
			p := newEvent(pt, "info", meterID, billingHost, "payment_received", "bill payment received online")
			p.ConsumerID, p.Amount = id, arrears
			evs = append(evs, p)
			pays = append(pays, paid{consumer: id, at: p.at})
			busy[c] = pt.Add(24 * time.Hour) // reconnected by then, even if queued
		}
	}
	// Reconnections: 3 to 15 minutes after the payment, unless the head end is
	// down then; queued ones go out in payment order once it is back.
	var recs []Reconnection
	slices.SortStableFunc(pays, func(a, b paid) int { return a.at.Compare(b.at) })
	queued := make([]int, len(meterOutages)) // reconnections queued so far, per outage
	for _, p := range pays {
		rt := p.at.Add(time.Duration(180+r.IntN(721)) * time.Second)
		i := down(p.at)
		if i < 0 {
			i = down(rt)
		}
		ok := i >= 0
		if ok {
			rt = meterOutages[i][1].Add(queueStart + time.Duration(queued[i])*queueStep + time.Duration(r.IntN(20))*time.Second)
			queued[i]++
		}
		rec := newEvent(rt, "info", meterID, hesHost, "reconnect", "remote reconnection after payment")
		rec.ConsumerID = p.consumer
		evs = append(evs, rec)
		for _, o := range meterOutages {
			if midnight(p.at).Equal(midnight(o[0])) {
				recs = append(recs, Reconnection{ConsumerID: p.consumer, Paid: p.at, Reconnected: rec.at,
					DelayMinutes: round4(rec.at.Sub(p.at).Minutes()), Queued: ok})
			}
		}
	}
	return evs, recs
}

// CHIPS application log --------------------------------------------------------

var chipsApps = []string{"lsk-app-1", "lsk-app-2"}

// chipsEvents plans the CHIPS application log: a signing job's info lines in
// working hours, a timeout warning now and then, disk warnings as the volume
// fills, and, while it is full, storage errors: a few an hour, and one per failed
// write during the error bursts. Error lines carry no event key: ingest
// classifies their text.
func chipsEvents(seed int64, bursts []window) []event {
	r := stream(seed, "chips/app", 0)
	var evs []event
	host := func() string { return chipsApps[r.IntN(len(chipsApps))] }
	for day := periodFrom; day.Before(periodTo); day = day.AddDate(0, 0, 1) {
		if day.Weekday() != time.Sunday {
			for h := 10; h < 18; h++ {
				t := day.Add(time.Duration(h)*time.Hour + time.Duration(r.IntN(3600))*time.Second)
				n := max(1, poisson(r, 6*admission(t)))
				evs = append(evs, newEvent(t, "info", chipsID, host(), "", fmt.Sprintf("esign batch completed: %d certificates signed", n)))
			}
		}
		if r.Float64() < 0.3 {
			t := day.Add(10*time.Hour + time.Duration(r.IntN(8*3600))*time.Second)
			evs = append(evs, newEvent(t, "warn", chipsID, host(), "",
				`upstream timed out (110: Connection timed out) while reading response header from upstream, upstream: "http://10.20.1.15:8080/certificate/apply"`))
		}
		if pct := diskTrend(day.Add(9 * time.Hour)); pct >= 90 && pct < 100 {
			evs = append(evs, newEvent(day.Add(9*time.Hour), "warn", chipsID, diskHost, "",
				fmt.Sprintf("disk usage on %s:%s at %.0f%%", diskHost, diskMount, math.Floor(pct))))
		}
	}
	// Storage errors while the volume is full.
	for t := storageFull; t.Before(storageCleanup2); t = t.Add(time.Minute) {
		rate := 1.0 / 15 // per minute, working hours
		if h := t.Hour(); h < 9 || h >= 20 {
			rate = 1.0 / 120
		}
		for _, b := range bursts {
			if within(t, b.Start, b.End) {
				rate = 3
			}
		}
		for range poisson(r, rate) {
			e := t.Add(time.Duration(r.IntN(60000)) * time.Millisecond)
			evs = append(evs, newEvent(e, "error", chipsID, host(), "", storageError(r, e)))
		}
	}
	return evs
}

func storageError(r *rand.Rand, t time.Time) string {
	if r.IntN(5) < 3 {
		table := []string{"APPLICATIONS", "APPLICATIONS", "DOCUMENTS", "AUDIT_LOG"}[r.IntN(4)]
		by := []int{8192, 1024, 128}[r.IntN(3)]
		return fmt.Sprintf("ORA-01653: unable to extend table LSK.%s by %d in tablespace LSK_DATA", table, by)
	}
	kind := []string{"caste", "income", "residence", "birth"}[r.IntN(4)]
	return fmt.Sprintf("write /data/uploads/%s/CG%s%06d_%s.pdf: no space left on device",
		t.Format("2006/01/02"), t.Format("060102"), r.IntN(1000000), kind)
}
