package batch

import (
	"math"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

var requestsSchema = schema(
	field("service_key", i32, false),
	field("ts", Timestamp, false),
	field("status", i16, true),
	field("bytes", i64, true),
	field("duration_ms", f64, true),
	field("upstream_ms", f64, true),
	field("host_id", i64, true),
	field("client_id", i64, true),
	field("method_id", i64, true),
	field("path_id", i64, true),
	field("referer_id", i64, true),
	field("user_agent_id", i64, true),
)

// Request is one access-log line. Byte slices are copied by Append; nil stores NULL.
type Request struct {
	Line       int64
	Service    string
	Time       time.Time
	Host       []byte
	Client     []byte
	Method     []byte
	Path       []byte
	Status     int16   // 0 stores NULL
	Bytes      int64   // negative stores NULL
	DurationMS float64 // NaN stores NULL
	UpstreamMS float64 // NaN stores NULL
	Referer    []byte
	UserAgent  []byte
}

// Requests builds rows of request_rows (read through the view requests). Its text
// fields go to request_strings once per distinct value (see RequestStrings) and
// its service to service_keys (see ServiceKeys); the rows hold their ids.
type Requests struct {
	set                *Set
	sourceID           int64
	src, line          *column
	service            *column // service_keys
	ts                 *column
	status             *column
	bytes              *column
	duration, upstream *column
	ids                [len(requestFields)]*column
	dicts              [len(requestFields)]dict
	// The key of the last row's service: rows come in runs of one service.
	lastService string
	lastKey     int32
}

func newRequests(s *Set, mem memory.Allocator, sourceID int64) *Requests {
	r := &Requests{
		set:      s,
		sourceID: sourceID,
		src:      newColumn(mem, i64),
		line:     newColumn(mem, i64),
		service:  newColumn(mem, i32),
		ts:       newColumn(mem, Timestamp),
		status:   newColumn(mem, i16),
		bytes:    newColumn(mem, i64),
		duration: newColumn(mem, f64),
		upstream: newColumn(mem, f64),
	}
	for i, f := range requestFields {
		r.ids[i] = newColumn(mem, i64)
		r.dicts[i] = newDict(f)
	}
	return r
}

// Append adds one row.
func (r *Requests) Append(v *Request) {
	r.src.appendInt(r.sourceID)
	r.line.appendInt(v.Line)
	if v.Service != r.lastService || r.lastKey == 0 {
		r.lastService, r.lastKey = v.Service, r.set.serviceKey(v.Service)
	}
	r.service.appendInt(int64(r.lastKey))
	if v.Time.IsZero() {
		r.ts.appendNull()
	} else {
		r.ts.appendInt(v.Time.UnixMicro())
	}
	if v.Status == 0 {
		r.status.appendNull()
	} else {
		r.status.appendInt(int64(v.Status))
	}
	if v.Bytes < 0 {
		r.bytes.appendNull()
	} else {
		r.bytes.appendInt(v.Bytes)
	}
	if math.IsNaN(v.DurationMS) {
		r.duration.appendNull()
	} else {
		r.duration.appendFloat(v.DurationMS)
	}
	if math.IsNaN(v.UpstreamMS) {
		r.upstream.appendNull()
	} else {
		r.upstream.appendFloat(v.UpstreamMS)
	}
	r.text(0, v.Host)
	r.text(1, v.Client)
	r.text(2, v.Method)
	r.text(3, v.Path)
	r.text(4, v.Referer)
	r.text(5, v.UserAgent)
}

func (r *Requests) rows() int { return r.src.n }

func (r *Requests) flush() arrow.Record {
	n := r.rows()
	cols := []arrow.Array{r.src.finish(), r.line.finish(), r.service.finish(), r.ts.finish(), r.status.finish(),
		r.bytes.finish(), r.duration.finish(), r.upstream.finish()}
	for _, c := range r.ids {
		cols = append(cols, c.finish())
	}
	rec := array.NewRecord(requestsSchema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

func (r *Requests) release() {
	for _, c := range []interface{ release() }{r.src, r.line, r.service, r.ts, r.status, r.bytes, r.duration, r.upstream} {
		c.release()
	}
	for _, c := range r.ids {
		c.release()
	}
}

// text appends the id of field i's value v, nil as NULL.
func (r *Requests) text(i int, v []byte) {
	if v == nil {
		r.ids[i].appendNull()
		return
	}
	r.ids[i].appendInt(r.dicts[i].id(v, r.set.RequestStrings, r.set.StringIDs))
}

var eventsSchema = schema(
	field("service_id", str, false),
	field("ts", Timestamp, false),
	field("host", str, true),
	field("level", str, true),
	field("event", str, true),
	field("key", str, true),
	field("amount_inr", f64, true),
	field("message", str, true),
)

// Event is one application or system log event. Empty strings store NULL.
type Event struct {
	Line      int64
	Service   string
	Time      time.Time
	Host      string
	Level     string
	Event     string  // classified name: storage_full, payment_received, ...
	Key       string  // transaction, order or consumer id
	AmountINR float64 // NaN stores NULL
	Message   string
}

// Events builds rows of the events table.
type Events struct {
	sourceID                                  int64
	src, line                                 *array.Int64Builder
	service, host, level, event, key, message *array.StringBuilder
	ts                                        *array.TimestampBuilder
	amount                                    *array.Float64Builder
}

func newEvents(b *array.RecordBuilder, sourceID int64) *Events {
	return &Events{
		sourceID: sourceID,
		src:      b.Field(0).(*array.Int64Builder),
		line:     b.Field(1).(*array.Int64Builder),
		service:  b.Field(2).(*array.StringBuilder),
		ts:       b.Field(3).(*array.TimestampBuilder),
		host:     b.Field(4).(*array.StringBuilder),
		level:    b.Field(5).(*array.StringBuilder),
		event:    b.Field(6).(*array.StringBuilder),
		key:      b.Field(7).(*array.StringBuilder),
		amount:   b.Field(8).(*array.Float64Builder),
		message:  b.Field(9).(*array.StringBuilder),
	}
}

// Append adds one row.
func (e *Events) Append(v *Event) {
	e.src.Append(e.sourceID)
	e.line.Append(v.Line)
	e.service.Append(v.Service)
	appendTime(e.ts, v.Time)
	appendString(e.host, v.Host)
	appendString(e.level, v.Level)
	appendString(e.event, v.Event)
	appendString(e.key, v.Key)
	appendFloat(e.amount, v.AmountINR)
	appendString(e.message, v.Message)
}

var probesSchema = schema(
	field("service_id", str, false),
	field("ts", Timestamp, false),
	field("host", str, true),
	field("target", str, true),
	field("ok", boo, false),
	field("latency_ms", f64, true),
)

// Probe is one health-probe result.
type Probe struct {
	Line      int64
	Service   string
	Time      time.Time
	Host      string
	Target    string
	OK        bool
	LatencyMS float64 // NaN stores NULL
}

// Probes builds rows of the probes table.
type Probes struct {
	sourceID              int64
	src, line             *array.Int64Builder
	service, host, target *array.StringBuilder
	ts                    *array.TimestampBuilder
	ok                    *array.BooleanBuilder
	latency               *array.Float64Builder
}

func newProbes(b *array.RecordBuilder, sourceID int64) *Probes {
	return &Probes{
		sourceID: sourceID,
		src:      b.Field(0).(*array.Int64Builder),
		line:     b.Field(1).(*array.Int64Builder),
		service:  b.Field(2).(*array.StringBuilder),
		ts:       b.Field(3).(*array.TimestampBuilder),
		host:     b.Field(4).(*array.StringBuilder),
		target:   b.Field(5).(*array.StringBuilder),
		ok:       b.Field(6).(*array.BooleanBuilder),
		latency:  b.Field(7).(*array.Float64Builder),
	}
}

// Append adds one row.
func (p *Probes) Append(v *Probe) {
	p.src.Append(p.sourceID)
	p.line.Append(v.Line)
	p.service.Append(v.Service)
	appendTime(p.ts, v.Time)
	appendString(p.host, v.Host)
	appendString(p.target, v.Target)
	p.ok.Append(v.OK)
	appendFloat(p.latency, v.LatencyMS)
}

var capacitySchema = schema(
	field("service_id", str, false),
	field("ts", Timestamp, false),
	field("host", str, false),
	field("resource", str, false),
	field("used_bytes", f64, true),
	field("size_bytes", f64, true),
	field("used_pct", f64, false),
)

// CapacitySample is one capacity reading.
type CapacitySample struct {
	Line      int64
	Service   string
	Time      time.Time
	Host      string
	Resource  string
	UsedBytes float64 // NaN stores NULL
	SizeBytes float64 // NaN stores NULL
	UsedPct   float64
}

// Capacity builds rows of the capacity table.
type Capacity struct {
	sourceID                int64
	src, line               *array.Int64Builder
	service, host, resource *array.StringBuilder
	ts                      *array.TimestampBuilder
	used, size, pct         *array.Float64Builder
}

func newCapacity(b *array.RecordBuilder, sourceID int64) *Capacity {
	return &Capacity{
		sourceID: sourceID,
		src:      b.Field(0).(*array.Int64Builder),
		line:     b.Field(1).(*array.Int64Builder),
		service:  b.Field(2).(*array.StringBuilder),
		ts:       b.Field(3).(*array.TimestampBuilder),
		host:     b.Field(4).(*array.StringBuilder),
		resource: b.Field(5).(*array.StringBuilder),
		used:     b.Field(6).(*array.Float64Builder),
		size:     b.Field(7).(*array.Float64Builder),
		pct:      b.Field(8).(*array.Float64Builder),
	}
}

// Append adds one row.
func (c *Capacity) Append(v *CapacitySample) {
	c.src.Append(c.sourceID)
	c.line.Append(v.Line)
	c.service.Append(v.Service)
	appendTime(c.ts, v.Time)
	c.host.Append(v.Host)
	c.resource.Append(v.Resource)
	appendFloat(c.used, v.UsedBytes)
	appendFloat(c.size, v.SizeBytes)
	c.pct.Append(v.UsedPct)
}

var statusChangesSchema = schema(
	field("service_id", str, false),
	field("component", str, false),
	field("ts", Timestamp, false),
	field("status", str, false),
	field("prev_status", str, true),
)

// StatusChange is one status-page component transition.
type StatusChange struct {
	Line       int64
	Service    string
	Component  string
	Time       time.Time
	Status     string
	PrevStatus string // "" stores NULL
}

// StatusChanges builds rows of the status_changes table.
type StatusChanges struct {
	sourceID                         int64
	src, line                        *array.Int64Builder
	service, component, status, prev *array.StringBuilder
	ts                               *array.TimestampBuilder
}

func newStatusChanges(b *array.RecordBuilder, sourceID int64) *StatusChanges {
	return &StatusChanges{
		sourceID:  sourceID,
		src:       b.Field(0).(*array.Int64Builder),
		line:      b.Field(1).(*array.Int64Builder),
		service:   b.Field(2).(*array.StringBuilder),
		component: b.Field(3).(*array.StringBuilder),
		ts:        b.Field(4).(*array.TimestampBuilder),
		status:    b.Field(5).(*array.StringBuilder),
		prev:      b.Field(6).(*array.StringBuilder),
	}
}

// Append adds one row.
func (s *StatusChanges) Append(v *StatusChange) {
	s.src.Append(s.sourceID)
	s.line.Append(v.Line)
	s.service.Append(v.Service)
	s.component.Append(v.Component)
	appendTime(s.ts, v.Time)
	s.status.Append(v.Status)
	appendString(s.prev, v.PrevStatus)
}

var statusIncidentsSchema = schema(
	field("service_id", str, false),
	field("component", str, true),
	field("start_ts", Timestamp, false),
	field("end_ts", Timestamp, true),
	field("severity", str, true),
	field("title", str, true),
)

// StatusIncident is one incident from an exported incident list.
type StatusIncident struct {
	Line      int64
	Service   string
	Component string
	Start     time.Time
	End       time.Time // zero stores NULL (unresolved)
	Severity  string
	Title     string
}

// StatusIncidents builds rows of the status_incidents table.
type StatusIncidents struct {
	sourceID                            int64
	src, line                           *array.Int64Builder
	service, component, severity, title *array.StringBuilder
	start, end                          *array.TimestampBuilder
}

func newStatusIncidents(b *array.RecordBuilder, sourceID int64) *StatusIncidents {
	return &StatusIncidents{
		sourceID:  sourceID,
		src:       b.Field(0).(*array.Int64Builder),
		line:      b.Field(1).(*array.Int64Builder),
		service:   b.Field(2).(*array.StringBuilder),
		component: b.Field(3).(*array.StringBuilder),
		start:     b.Field(4).(*array.TimestampBuilder),
		end:       b.Field(5).(*array.TimestampBuilder),
		severity:  b.Field(6).(*array.StringBuilder),
		title:     b.Field(7).(*array.StringBuilder),
	}
}

// Append adds one row.
func (s *StatusIncidents) Append(v *StatusIncident) {
	s.src.Append(s.sourceID)
	s.line.Append(v.Line)
	s.service.Append(v.Service)
	appendString(s.component, v.Component)
	appendTime(s.start, v.Start)
	appendTime(s.end, v.End)
	appendString(s.severity, v.Severity)
	appendString(s.title, v.Title)
}

var rejectsSchema = schema(
	field("reason", str, false),
	field("raw", str, false),
)

// MaxRawBytes is how much of a rejected line is kept.
const MaxRawBytes = 512

// Rejects builds rows of the rejects table.
type Rejects struct {
	sourceID    int64
	src, line   *array.Int64Builder
	reason, raw *array.StringBuilder
}

func newRejects(b *array.RecordBuilder, sourceID int64) *Rejects {
	return &Rejects{
		sourceID: sourceID,
		src:      b.Field(0).(*array.Int64Builder),
		line:     b.Field(1).(*array.Int64Builder),
		reason:   b.Field(2).(*array.StringBuilder),
		raw:      b.Field(3).(*array.StringBuilder),
	}
}

// Append quarantines one line: raw is truncated to MaxRawBytes, and NUL bytes and
// invalid UTF-8 become U+FFFD so the text is safe to store and print.
func (r *Rejects) Append(line int64, reason string, raw []byte) {
	r.src.Append(r.sourceID)
	r.line.Append(line)
	r.reason.Append(reason)
	r.raw.Append(Printable(raw, MaxRawBytes))
}

// Printable returns b cut to at most max bytes (a rune cut in two becomes U+FFFD), with NUL bytes
// and invalid UTF-8 replaced by U+FFFD.
func Printable(b []byte, max int) string {
	if len(b) > max {
		b = b[:max] // a rune cut in two becomes U+FFFD below
	}
	out := make([]rune, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == 0 {
			r = utf8.RuneError
		}
		out = append(out, r)
		b = b[size:]
	}
	return string(out)
}
