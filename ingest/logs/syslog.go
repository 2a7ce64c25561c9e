package logs

import (
	"bytes"
	"math"
	"time"

	"outagelens/ingest/batch"
)

// Syslog3164 reads BSD syslog files (RFC 3164, as /var/log/messages, auth.log and
// syslog are written): "Jun 14 15:16:01 combo sshd[19939]: message", with an
// optional "<PRI>" before the time, or rsyslog's RFC 3339 time in its place. The
// host becomes the event's host; the message keeps the program tag. Lines
// indented with a space or tab continue the previous message.
//
// The year is not in the line. It is inferred from Options.Reference (the file's
// modification time): the first line is placed in the latest year that does not
// put it after the reference, and the year advances when the month goes back by
// more than six (December to January), so times never run backwards across a
// new year.
var Syslog3164 = Format{
	Name:        "syslog",
	Description: "BSD syslog (RFC 3164) lines: \"Jun 14 15:16:01 host prog[pid]: msg\"; the year is inferred",
	Table:       "events",
	New:         func(o Options) Parser { return &syslog3164{fold: fold{opts: o}} },
}

// Syslog5424 reads RFC 5424 syslog lines:
// "<34>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] message".
var Syslog5424 = Format{
	Name:        "syslog5424",
	Description: "RFC 5424 syslog lines: \"<34>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] msg\"",
	Table:       "events",
	Independent: true,
	New:         func(o Options) Parser { return &syslog5424{opts: o} },
}

// severities are the syslog severities (PRI mod 8) as stored levels.
var severities = [8]string{"fatal", "fatal", "fatal", "error", "warn", "notice", "info", "debug"}

// pri reads "<NNN>" and returns the level it encodes.
func pri(b []byte) (level string, rest []byte, ok bool) {
	if len(b) < 3 || b[0] != '<' {
		return "", b, false
	}
	end := bytes.IndexByte(b[:min(len(b), 5)], '>')
	if end < 2 {
		return "", b, false
	}
	v, ok := atoi(b[1:end])
	if !ok || v > 191 {
		return "", b, false
	}
	return severities[v%8], b[end+1:], true
}

type syslog3164 struct {
	fold
	year      int
	lastMonth time.Month
}

var (
	_ Parser  = (*syslog3164)(nil)
	_ Flusher = (*syslog3164)(nil)
)

func (p *syslog3164) Parse(line []byte, n int64, b *batch.Set) error {
	level, rest, _ := pri(line)
	loc := p.opts.location()
	var t time.Time
	var strictTag bool
	if ts, r, ok := p.bsdTime(rest, loc); ok {
		t, rest = ts, r
	} else if ts, r, ok := isoTime(rest, loc); ok && rfc3339(rest) && len(r) > 0 && r[0] == ' ' {
		t, rest, strictTag = ts, r, true
	} else {
		return p.continuation(line, n, b, true)
	}
	rest = skipSpace(rest)
	host, msg := token(rest)
	msg = skipSpace(msg)
	if len(host) == 0 {
		return lineErr(n, ErrFieldCount, "no host after the time")
	}
	if strictTag && !isTag(msg) {
		// An RFC 3339 time followed by anything but "host prog:" is an application
		// log line, not syslog.
		return lineErr(n, ErrSyntax, "no program tag after the host")
	}
	ev := batch.Event{Line: n, Time: t, Host: string(host), Level: level, AmountINR: math.NaN()}
	if lv, _ := levelOf(afterTag(msg)); ev.Level == "" && lv != "" {
		ev.Level = lv
	}
	p.start(b, ev, msg)
	return nil
}

// rfc3339 reports whether b starts with a full RFC 3339 time, with the T and an
// offset, as rsyslog writes it (an application log's naive time is not syslog).
func rfc3339(b []byte) bool {
	tok, _ := token(b)
	if len(tok) < 20 || tok[10] != 'T' {
		return false
	}
	return tok[len(tok)-1] == 'Z' || (len(tok) >= 25 && (tok[len(tok)-6] == '+' || tok[len(tok)-6] == '-'))
}

// isTag reports whether b starts with "prog:" or "prog[pid]:".
func isTag(b []byte) bool {
	tok, _ := token(b)
	return len(tok) > 1 && tok[len(tok)-1] == ':'
}

// afterTag returns the message after a leading "prog[pid]:" tag.
func afterTag(b []byte) []byte {
	if isTag(b) {
		_, rest := token(b)
		return rest
	}
	return b
}

// bsdTime reads "Jun 14 15:16:01" (day space-padded or not) and places it in a year.
func (p *syslog3164) bsdTime(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	if len(b) < 15 || b[3] != ' ' {
		return time.Time{}, b, false
	}
	mo, ok := months[string(b[:3])]
	if !ok {
		return time.Time{}, b, false
	}
	r := b[4:]
	if r[0] == ' ' {
		r = r[1:]
	}
	i := 0
	for i < len(r) && i < 2 && isDigit(r[i]) {
		i++
	}
	d, ok1 := digits(r, i)
	if i == 0 || len(r) < i+9 || r[i] != ' ' || r[i+3] != ':' || r[i+6] != ':' {
		return time.Time{}, b, false
	}
	h, ok2 := digits(r[i+1:], 2)
	mi, ok3 := digits(r[i+4:], 2)
	s, ok4 := digits(r[i+7:], 2)
	if !(ok1 && ok2 && ok3 && ok4) {
		return time.Time{}, b, false
	}
	ns, rest := fraction(r[i+9:])
	year := p.yearFor(mo, d, loc)
	t, ok := civil(year, mo, d, h, mi, s, ns, loc)
	if !ok {
		return time.Time{}, b, false
	}
	p.lastMonth = mo
	return t, rest, true
}

// yearFor infers the year of a month and day (see Syslog3164).
func (p *syslog3164) yearFor(mo time.Month, d int, loc *time.Location) int {
	switch {
	case p.year == 0:
		ref := p.opts.Reference
		if ref.IsZero() {
			ref = time.Now()
		}
		ref = ref.In(loc)
		p.year = ref.Year()
		// A day after the reference is last year's (a day of slack for zones).
		if time.Date(p.year, mo, d, 0, 0, 0, 0, loc).After(ref.Add(24 * time.Hour)) {
			p.year--
		}
	case mo+6 < p.lastMonth:
		p.year++
	}
	return p.year
}

type syslog5424 struct {
	opts Options
	row  batch.Event
	msg  []byte
}

var _ Parser = (*syslog5424)(nil)

func (p *syslog5424) Parse(line []byte, n int64, b *batch.Set) error {
	level, rest, ok := pri(line)
	if !ok {
		return lineErr(n, ErrSyntax, "no <PRI> at the start")
	}
	if len(rest) < 2 || rest[0] != '1' || rest[1] != ' ' {
		return lineErr(n, ErrSyntax, "version is not 1")
	}
	rest = rest[2:]
	tsTok, rest := token(rest)
	t, after, ok := isoTime(tsTok, time.UTC)
	if !ok || len(after) != 0 {
		return lineErr(n, ErrBadTimestamp, "%q", tsTok)
	}
	var f [4][]byte // host, app, procid, msgid
	for i := range f {
		rest = skipSpace(rest)
		if f[i], rest = token(rest); len(f[i]) == 0 {
			return lineErr(n, ErrFieldCount, "header ends after %d of 4 fields", i)
		}
	}
	rest = skipSpace(rest)
	if rest, ok = structuredData(rest); !ok {
		return lineErr(n, ErrSyntax, "bad structured data")
	}
	rest = bytes.TrimPrefix(skipSpace(rest), []byte("\ufeff"))
	p.msg = p.msg[:0]
	if app := dash(f[1]); app != nil {
		p.msg = append(p.msg, app...)
		if pid := dash(f[2]); pid != nil {
			p.msg = append(append(append(p.msg, '['), pid...), ']')
		}
		p.msg = append(p.msg, ": "...)
	}
	p.msg = append(p.msg, rest...)
	r := &p.row
	*r = batch.Event{Line: n, Time: t, Host: string(dash(f[0])), Level: level, Message: string(p.msg), AmountINR: math.NaN()}
	r.Service = p.opts.service(dash(f[0]), nil, "")
	r.Event = p.opts.classify(r.Service, r.Message)
	b.Events.Append(r)
	return nil
}

// structuredData skips "-" or one or more "[id k="v" ...]" elements, whose values
// may hold escaped quotes and brackets.
func structuredData(b []byte) ([]byte, bool) {
	if len(b) > 0 && b[0] == '-' {
		return b[1:], true
	}
	if len(b) == 0 || b[0] != '[' {
		return b, false
	}
	for len(b) > 0 && b[0] == '[' {
		inQuote := false
		i := 1
		for ; i < len(b); i++ {
			c := b[i]
			if c == '\\' && inQuote {
				i++
				continue
			}
			if c == '"' {
				inQuote = !inQuote
			}
			if c == ']' && !inQuote {
				break
			}
		}
		if i >= len(b) {
			return b, false
		}
		b = b[i+1:]
	}
	return b, true
}
