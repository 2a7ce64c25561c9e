package demo

import "time"

// Truth is what the demo logs contain by construction: the answers the analyses
// are expected to find. Generate writes it as truth.json. It is computed from the
// same plan the logs are rendered from, never typed by hand.
type Truth struct {
	// Seed is the seed the logs were drawn with.
	Seed int64 `json:"seed"`
	// From and To bound the generated data: [From, To), whole IST days.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Windows lists every outage and degraded period of every service, ordered by
	// service and start. Windows outside [From, To) are listed too: they are
	// facts of the scenario, not of the files.
	Windows []Window `json:"windows"`
	// Demand gives each web service's traffic model.
	Demand []Demand `json:"demand"`
	// Storage is the disk of cg-chips-lsk.
	Storage Storage `json:"storage"`
	// Launch is the cg-csmcl-booking launch day.
	Launch Launch `json:"launch"`
	// Reconnections lists every smart-meter payment on a day with a server outage,
	// with its reconnection, ordered by payment time.
	Reconnections []Reconnection `json:"reconnections"`
}

// Window kinds.
const (
	// KindOutage is a service that does not work: its access log, if it has one,
	// shows at least half of each minute's requests failing with a 5xx (or no
	// lines at all, see Window.Logs), and its probes, if any, fail.
	KindOutage = "outage"
	// KindDegraded is a service that works for most: a raised 5xx share, always
	// below half of each minute's requests, and slow answers.
	KindDegraded = "degraded"
)

// What the access log shows during a window (Window.Logs).
const (
	LogsErrors   = "5xx"       // requests keep coming (clients retry) and mostly fail
	LogsNone     = "none"      // nothing reaches the web server: no lines at all
	LogsNoAccess = "no_access" // the service has no access log; probes and events tell
	LogsDegraded = "some_5xx"  // a degraded window: more 5xx than usual, under half
)

// Causes (Window.Cause).
const (
	causeDown     = "server_down"
	causeUnreach  = "unreachable"
	causeSurge    = "load_surge"
	causeStorage  = "storage_full"
	causeFestival = "festival_peak"
)

// A Window is one outage or degraded period of one service.
type Window struct {
	Service string    `json:"service"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	// Kind is KindOutage or KindDegraded.
	Kind string `json:"kind"`
	// Cause is what happened: unreachable, server_down, storage_full, load_surge
	// or festival_peak.
	Cause string `json:"cause"`
	// Logs says what the access log shows: LogsErrors, LogsNone, LogsNoAccess or
	// LogsDegraded.
	Logs string `json:"logs"`
	// ErrorRatio is the mean share of requests answered with a 5xx that the
	// generator aims at (outage minutes never go below 0.5, degraded minutes never
	// reach it); 0 when the access log has no lines.
	ErrorRatio float64 `json:"error_ratio,omitempty"`
}

// Demand describes one web service's access-log traffic model.
type Demand struct {
	Service string `json:"service"`
	// PeakPerMinute is the mean number of requests per minute in the busiest hour
	// of an ordinary weekday (Options.Scale applied).
	PeakPerMinute float64 `json:"peak_per_minute"`
	// Hours are the local opening hours, e.g. "08:00-20:00"; outside them a
	// trickle remains.
	Hours string `json:"hours"`
	// Notes lists the multipliers on top: week days, month end, seasons, peaks.
	Notes []string `json:"notes"`
	// RetryFactor multiplies the request rate during outages with 5xx lines:
	// clients retry what fails.
	RetryFactor float64 `json:"retry_factor"`
	// RetryFloorPerMinute is the fewest requests a minute during such an outage
	// while the service is in use (its relative demand at least 0.25).
	RetryFloorPerMinute float64 `json:"retry_floor_per_minute"`
	// BaseErrorRatio is the usual share of 5xx outside any window.
	BaseErrorRatio float64 `json:"base_error_ratio"`
}

// Storage is the capacity story of one volume.
type Storage struct {
	Service   string `json:"service"`
	Host      string `json:"host"`
	Resource  string `json:"resource"`
	SizeBytes int64  `json:"size_bytes"`
	// Segments are the straight pieces of the trend, in order; a cleanup or the
	// volume filling up starts a new one.
	Segments []Segment `json:"segments"`
	// Breaks are the cleanups: the used share drops at Time.
	Breaks []Break `json:"breaks"`
	// FullFrom is the first sample at 100%; FullTo the cleanup that ends it.
	FullFrom time.Time `json:"full_from"`
	FullTo   time.Time `json:"full_to"`
	// EndPct is the trend at To (the last sample is within noise of it).
	EndPct float64 `json:"end_pct"`
	// DaysTo90 is how many days after To the trend reaches 90%.
	DaysTo90 float64 `json:"days_to_90"`
}

// A Segment is a straight piece of the storage trend.
type Segment struct {
	From           time.Time `json:"from"`
	To             time.Time `json:"to"`
	FromPct        float64   `json:"from_pct"`
	ToPct          float64   `json:"to_pct"`
	SlopePctPerDay float64   `json:"slope_pct_per_day"`
}

// A Break is a cleanup: the used share drops from FromPct to ToPct at Time.
type Break struct {
	Time    time.Time `json:"time"`
	FromPct float64   `json:"from_pct"`
	ToPct   float64   `json:"to_pct"`
}

// Launch counts the payments of the cg-csmcl-booking launch day.
type Launch struct {
	Day time.Time `json:"day"`
	// UsualPeakPerMinute and PeakPerMinute are the modelled mean requests per
	// minute at the usual evening peak and at the launch-day peak (before
	// retries).
	UsualPeakPerMinute float64 `json:"usual_peak_per_minute"`
	PeakPerMinute      float64 `json:"peak_per_minute"`
	// Payments is every payment_received of the day; Confirmed got an
	// order_confirmed (ConfirmedLate more than 15 minutes after the payment);
	// Unconfirmed did not; of those, Refunded got a refund (RefundedWithin4h within
	// 4 hours, RefundedAfter24h after more than 24) and Orphaned got nothing.
	Payments         int `json:"payments"`
	Confirmed        int `json:"confirmed"`
	ConfirmedLate    int `json:"confirmed_late"`
	Unconfirmed      int `json:"unconfirmed"`
	Refunded         int `json:"refunded"`
	RefundedWithin4h int `json:"refunded_within_4h"`
	RefundedAfter24h int `json:"refunded_after_24h"`
	Orphaned         int `json:"orphaned"`
	// RefundMinMinutes and RefundMaxMinutes bound the refund delays.
	RefundMinMinutes float64 `json:"refund_min_minutes"`
	RefundMaxMinutes float64 `json:"refund_max_minutes"`
}

// A Reconnection is one smart-meter payment and the reconnection that followed.
type Reconnection struct {
	ConsumerID  string    `json:"consumer_id"`
	Paid        time.Time `json:"paid"`
	Reconnected time.Time `json:"reconnected"`
	// DelayMinutes is Reconnected - Paid.
	DelayMinutes float64 `json:"delay_minutes"`
	// Queued is true when the server was down at the payment or at its usual
	// reconnection time, so the reconnection waited for the server to return.
	Queued bool `json:"queued"`
}
