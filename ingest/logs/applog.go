package logs

import (
	"bytes"
	"math"
	"strings"

	"outagelens/ingest/batch"
)

// AppLog reads plain application logs whose lines start with a timestamp: ISO 8601
// ("2025-01-24T07:00:30,139", "2015-10-18 18:01:47,978", "2020-08-06T14:25:02Z",
// "2025-08-13 01:45:01.123 PDT"), Apache/CLF ("02/Jan/2006:15:04:05 -0700"),
// ctime ("[Sun Dec 04 04:47:44 2005]", Apache's error log) and Spark's
// "17/06/09 20:10:40", optionally in brackets. The level is the first of the next
// few words that names one ("INFO", "[error]", "LOG:", "[Warning]"); the message
// is what follows it. Lines that do not start with a timestamp (stack traces,
// wrapped text) continue the previous event's message, up to MaxMessageBytes.
// Each event is classified into the event vocabulary by its message.
var AppLog = Format{
	Name:        "applog",
	Description: "plain application log lines starting with a timestamp (ISO 8601, log4j, CLF, ctime), continuation lines folded",
	Table:       "events",
	New:         func(o Options) Parser { return &applog{fold: fold{opts: o}} },
}

// MaxMessageBytes caps an event's message, continuation lines included.
const MaxMessageBytes = 16 << 10

type applog struct {
	fold
}

var (
	_ Parser  = (*applog)(nil)
	_ Flusher = (*applog)(nil)
)

func (p *applog) Parse(line []byte, n int64, b *batch.Set) error {
	t, rest, ok := leadingTime(line, p.opts.location())
	if !ok {
		return p.continuation(line, n, b, false)
	}
	level, msg := levelOf(rest)
	p.start(b, batch.Event{Line: n, Time: t, Level: level, AmountINR: math.NaN()}, msg)
	return nil
}

// levels maps the words logs use for a level to the names stored.
var levels = map[string]string{
	"trace": "trace", "debug": "debug", "fine": "debug", "finer": "trace", "finest": "trace",
	"info": "info", "information": "info", "note": "info", "notice": "notice", "log": "info",
	"warn": "warn", "warning": "warn",
	"error": "error", "err": "error", "severe": "error",
	"crit": "fatal", "critical": "fatal", "fatal": "fatal", "panic": "fatal", "alert": "fatal", "emerg": "fatal",
}

// levelOf finds a level among the first four words of rest and returns it with
// the message after it; without one, the whole (trimmed) rest is the message.
func levelOf(rest []byte) (string, []byte) {
	s := rest
	for i := 0; i < 4; i++ {
		s = bytes.TrimLeft(s, " \t:|,-")
		if len(s) == 0 {
			break
		}
		end := bytes.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		// "[error]", "LOG:", "<WARN>", ":DEBUG:" and "[main]" all have a word inside.
		core := bytes.Trim(word, "[]<>():|,")
		if j := bytes.IndexByte(core, ':'); j >= 0 {
			core = core[:j]
		}
		if len(core) >= 3 && len(core) <= 11 {
			var lower [16]byte
			k := copy(lower[:], core)
			for j := 0; j < k; j++ {
				if c := lower[j]; c >= 'A' && c <= 'Z' {
					lower[j] = c + 'a' - 'A'
				}
			}
			if lv, ok := levels[string(lower[:k])]; ok {
				msg := s[end:]
				if j := bytes.IndexByte(word, ':'); j >= 0 && j+1 < len(word) {
					msg = word[j+1:] // ":DEBUG:foo bar" keeps "foo bar"
					msg = append(msg[:len(msg):len(msg)], s[end:]...)
				}
				return lv, bytes.TrimLeft(msg, " \t:|-]")
			}
		}
		s = s[end:]
	}
	return "", bytes.TrimLeft(rest, " \t:|-]")
}

// fold holds an event back until the next event starts, so the lines in between
// can extend its message. Formats whose events may span lines embed it.
type fold struct {
	opts    Options
	pending batch.Event
	has     bool
	msg     []byte
	host    []byte
}

// start appends the pending event and holds ev, whose message begins with msg.
func (f *fold) start(b *batch.Set, ev batch.Event, msg []byte) {
	f.emit(b)
	f.pending, f.has = ev, true
	f.msg = append(f.msg[:0], msg...)
	if len(f.msg) > MaxMessageBytes {
		f.msg = f.msg[:MaxMessageBytes]
	}
}

// continuation folds line into the pending event. Without one, or when
// indentedOnly is set and the line is not indented, the line is rejected.
func (f *fold) continuation(line []byte, n int64, b *batch.Set, indentedOnly bool) error {
	indented := len(line) > 0 && (line[0] == ' ' || line[0] == '\t')
	switch {
	case !f.has:
		return lineErr(n, ErrBadTimestamp, "no timestamp at the start of %q", clip(line))
	case indentedOnly && !indented:
		return lineErr(n, ErrSyntax, "not a log line and not an indented continuation: %q", clip(line))
	case len(f.msg)+1+len(line) > MaxMessageBytes:
		return lineErr(n, ErrTooLong, "continuation of the event on line %d beyond %d bytes", f.pending.Line, MaxMessageBytes)
	}
	f.msg = append(f.msg, '\n')
	f.msg = append(f.msg, line...)
	return nil
}

// Flush appends the event still held.
func (f *fold) Flush(b *batch.Set) error {
	f.emit(b)
	return nil
}

func (f *fold) emit(b *batch.Set) {
	if !f.has {
		return
	}
	ev := &f.pending
	ev.Message = strings.TrimRight(string(f.msg), " \t\r\n")
	if ev.Service == "" {
		ev.Service = f.opts.service([]byte(ev.Host), nil, "")
	}
	ev.Event = f.opts.classify(ev.Service, ev.Message)
	b.Events.Append(ev)
	f.has = false
}

// clip shortens a line quoted in a message.
func clip(b []byte) []byte {
	if len(b) > 80 {
		return b[:80]
	}
	return b
}
