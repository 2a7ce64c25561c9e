package logs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"outagelens/ingest/batch"
)

// JSONLines reads one JSON object per line: application events such as payment
// received, order confirmed, refund, disconnect and reconnect, or errors.
var JSONLines = Format{
	Name:        "jsonl",
	Description: "JSON lines: one object per line, keys mapped by --json-map or by common names",
	Table:       "events",
	Independent: true,
	New:         func(o Options) Parser { return &jsonl{opts: o, m: o.JSON.withDefaults()} },
}

// JSONMapping says which keys of a JSON line hold which event field. Each field
// lists candidate keys, tried in order; a dotted key ("log.level") reaches into
// nested objects. Empty fields take the defaults below.
type JSONMapping struct {
	Time    []string // default: ts, time, timestamp, @timestamp, datetime
	Level   []string // default: level, severity, lvl, log.level
	Message []string // default: msg, message, log, error
	Service []string // default: service, service_id, app
	Host    []string // default: host, hostname, host.name
	Event   []string // default: event, event_type, action
	Key     []string // default: txn_id, transaction_id, order_id, consumer_id, key
	Amount  []string // default: amount, amount_inr
}

var defaultJSON = JSONMapping{
	Time:    []string{"ts", "time", "timestamp", "@timestamp", "datetime"},
	Level:   []string{"level", "severity", "lvl", "log.level"},
	Message: []string{"msg", "message", "log", "error"},
	Service: []string{"service", "service_id", "app"},
	Host:    []string{"host", "hostname", "host.name"},
	Event:   []string{"event", "event_type", "action"},
	Key:     []string{"txn_id", "transaction_id", "order_id", "consumer_id", "key"},
	Amount:  []string{"amount", "amount_inr"},
}

func (m JSONMapping) withDefaults() JSONMapping {
	pick := func(v, d []string) []string {
		if len(v) > 0 {
			return v
		}
		return d
	}
	return JSONMapping{
		Time: pick(m.Time, defaultJSON.Time), Level: pick(m.Level, defaultJSON.Level),
		Message: pick(m.Message, defaultJSON.Message), Service: pick(m.Service, defaultJSON.Service),
		Host: pick(m.Host, defaultJSON.Host), Event: pick(m.Event, defaultJSON.Event),
		Key: pick(m.Key, defaultJSON.Key), Amount: pick(m.Amount, defaultJSON.Amount),
	}
}

// ParseJSONMapping reads "time=ts,key=meter_id|consumer" into a mapping: fields
// separated by commas, candidate keys by "|".
func ParseJSONMapping(s string) (JSONMapping, error) {
	var m JSONMapping
	if strings.TrimSpace(s) == "" {
		return m, nil
	}
	for _, part := range strings.Split(s, ",") {
		field, keys, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || keys == "" {
			return m, fmt.Errorf("json mapping %q: want field=key[|key...]", part)
		}
		ks := strings.Split(keys, "|")
		switch strings.ToLower(field) {
		case "time":
			m.Time = ks
		case "level":
			m.Level = ks
		case "message":
			m.Message = ks
		case "service":
			m.Service = ks
		case "host":
			m.Host = ks
		case "event":
			m.Event = ks
		case "key":
			m.Key = ks
		case "amount":
			m.Amount = ks
		default:
			return m, fmt.Errorf("json mapping: unknown field %q (want time, level, message, service, host, event, key or amount)", field)
		}
	}
	return m, nil
}

type jsonl struct {
	opts Options
	m    JSONMapping
	row  batch.Event
}

var _ Parser = (*jsonl)(nil)

func (p *jsonl) Parse(line []byte, n int64, b *batch.Set) error {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return lineErr(n, ErrSyntax, "not a JSON object")
	}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return lineErr(n, ErrSyntax, "%v", err)
	}
	rawTime, ok := lookup(obj, p.m.Time)
	if !ok {
		return lineErr(n, ErrBadTimestamp, "no time key (tried %s)", strings.Join(p.m.Time, ", "))
	}
	ts, err := jsonTime(rawTime, p.opts.location())
	if err != nil {
		return lineErr(n, ErrBadTimestamp, "%v", err)
	}
	r := &p.row
	*r = batch.Event{Line: n, Time: ts, AmountINR: math.NaN()}
	r.Host = str(obj, p.m.Host)
	r.Level = strings.ToLower(str(obj, p.m.Level))
	r.Message = str(obj, p.m.Message)
	r.Key = str(obj, p.m.Key)
	if v, ok := lookup(obj, p.m.Amount); ok {
		if f, ok := number(v); ok {
			r.AmountINR = f
		}
	}
	r.Service = p.opts.service([]byte(r.Host), nil, str(obj, p.m.Service))
	r.Event = strings.ToLower(str(obj, p.m.Event))
	if r.Event == "" {
		r.Event = p.opts.classify(r.Service, r.Message)
	}
	b.Events.Append(r)
	return nil
}

// lookup returns the first candidate key present in obj.
func lookup(obj map[string]any, keys []string) (any, bool) {
	for _, k := range keys {
		if v, ok := obj[k]; ok && v != nil {
			return v, true
		}
		if strings.Contains(k, ".") {
			var cur any = obj
			found := true
			for _, part := range strings.Split(k, ".") {
				m, ok := cur.(map[string]any)
				if !ok {
					found = false
					break
				}
				if cur, ok = m[part]; !ok || cur == nil {
					found = false
					break
				}
			}
			if found {
				return cur, true
			}
		}
	}
	return nil, false
}

func str(obj map[string]any, keys []string) string {
	v, ok := lookup(obj, keys)
	if !ok {
		return ""
	}
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	default:
		b, _ := json.Marshal(t)
		return string(b)
	}
}

func number(v any) (float64, bool) {
	switch t := v.(type) {
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
		return f, err == nil
	}
	return 0, false
}

// jsonTime reads RFC 3339 (offset optional: naive times are in loc), a few common
// layouts, or epoch seconds, milliseconds or microseconds by magnitude.
func jsonTime(v any, loc *time.Location) (time.Time, error) {
	switch t := v.(type) {
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return time.Time{}, fmt.Errorf("time %q", t)
		}
		return epoch(f)
	case string:
		return ParseTime(t, loc)
	}
	return time.Time{}, fmt.Errorf("time is a %T", v)
}

func epoch(f float64) (time.Time, error) {
	switch {
	case f > 1e17 || f < 0:
		return time.Time{}, fmt.Errorf("epoch %v out of range", f)
	case f > 1e14: // microseconds
		return time.UnixMicro(int64(f)).UTC(), nil
	case f > 1e11: // milliseconds
		return time.UnixMilli(int64(f)).UTC(), nil
	default:
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
	}
}

var zonedLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"02/Jan/2006:15:04:05 -0700",
	time.RFC1123Z,
	time.RFC1123,
}

var naiveLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05,999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006/01/02 15:04:05",
	"02/Jan/2006:15:04:05",
}

// ParseTime reads a timestamp in the layouts log files commonly use. Times without
// an offset are read in loc.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	for _, l := range naiveLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return epoch(f)
	}
	return time.Time{}, fmt.Errorf("time %q: unknown layout", s)
}
