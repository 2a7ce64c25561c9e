package logs

import (
	"bytes"
	"math"
	"strconv"
	"time"

	"outagelens/ingest/batch"
)

// Combined reads web access logs: NCSA Common Log Format and Apache/nginx
// "combined", with the usual variants: a virtual host (optionally with :port)
// before the client, "-" for missing fields, IPv6 clients, quoted fields with
// escaped quotes, and extra fields after the user agent for the request time and
// upstream time, either positional (nginx $request_time $upstream_response_time
// in seconds with a decimal point; an integer is Apache's %D in microseconds) or
// as key=value (rt=, request_time=, urt=, upstream_response_time=).
var Combined = Format{
	Name:        "combined",
	Description: "Apache/nginx access log (common or combined, optional vhost first, request/upstream time after)",
	Table:       batch.RequestRows,
	Independent: true,
	New:         func(o Options) Parser { return &combined{opts: o} },
}

type combined struct {
	opts    Options
	row     batch.Request
	scratch []byte
	// The last timestamp read, and its text: consecutive lines usually share
	// their second, and reading it again costs more than comparing it.
	lastTS     [32]byte
	lastLen    int
	lastTime   time.Time
	lastMicro  int64 // lastTime.UnixMicro()
	lastSecond int   // the seconds of lastTime as written
	// The line being parsed, and where its next backslash is (len(line) for none,
	// -1 before quoted has looked): one scan serves all the quoted fields of a
	// line without escapes, which is nearly every line (19% of the generated log
	// have one, 3 of the 10,000 of elastic's apache_logs sample).
	line []byte
	esc  int
}

// sameMinute reports whether the CLF time raw ("28/Sep/2024:18:10:03 +0530") is
// last, the last one read in full, but for its seconds, which are 00 to 59.
// Within one minute the offset cannot change, so the time is last's plus the
// difference in seconds.
func sameMinute(raw, last []byte) bool {
	return len(raw) == len(last) && len(raw) >= 20 &&
		raw[18] >= '0' && raw[18] <= '5' && raw[19] >= '0' && raw[19] <= '9' &&
		string(raw[:18]) == string(last[:18]) && string(raw[20:]) == string(last[20:])
}

var _ Parser = (*combined)(nil)

func (p *combined) Parse(line []byte, n int64, b *batch.Set) error {
	var toks [4][]byte
	k := 0
	rest := line
	p.scratch = p.scratch[:0]
	p.line, p.esc = line, -1
	for {
		rest = skipSpace(rest)
		if len(rest) == 0 {
			return lineErr(n, ErrFieldCount, "no [time] field")
		}
		if rest[0] == '[' {
			break
		}
		if k == len(toks) {
			return lineErr(n, ErrFieldCount, "more than 4 fields before the [time] field")
		}
		toks[k], rest = token(rest)
		k++
	}
	r := &p.row
	*r = batch.Request{Line: n, DurationMS: math.NaN(), UpstreamMS: math.NaN()}
	switch k {
	case 3: // client ident user
		r.Client = dash(toks[0])
	case 4: // vhost client ident user
		r.Host = dash(toks[0])
		if i := bytes.LastIndexByte(r.Host, ':'); i > 0 && bytes.Count(r.Host, []byte(":")) == 1 {
			r.Host = r.Host[:i]
		}
		r.Client = dash(toks[1])
	default:
		return lineErr(n, ErrFieldCount, "%d fields before the [time] field, want 3 or 4", k)
	}

	end := bytes.IndexByte(rest, ']')
	if end < 0 {
		return lineErr(n, ErrSyntax, "unclosed [time]")
	}
	raw := rest[1:end]
	switch last := p.lastTS[:p.lastLen]; {
	case p.lastLen > 0 && string(raw) == string(last):
		r.Time = p.lastTime
	case sameMinute(raw, last):
		// Only the seconds differ: no need to read the rest again.
		s := int(raw[18]-'0')*10 + int(raw[19]-'0')
		r.Time = time.UnixMicro(p.lastMicro + int64(s-p.lastSecond)*1e6) // the instant is what is stored
	default:
		ts, ok := p.clfTime(raw)
		if !ok {
			return lineErr(n, ErrBadTimestamp, "%q", raw)
		}
		r.Time = ts
		if len(raw) <= len(p.lastTS) {
			p.lastLen = copy(p.lastTS[:], raw)
			p.lastTime, p.lastMicro = ts, ts.UnixMicro()
			p.lastSecond = int(raw[18]-'0')*10 + int(raw[19]-'0') // clfTime checked the layout
		}
	}
	rest = skipSpace(rest[end+1:])

	req, rest, ok := p.quoted(rest)
	if !ok {
		return lineErr(n, ErrSyntax, "request is not a quoted string")
	}
	r.Method, r.Path = splitRequest(req)

	var tok []byte
	tok, rest = token(skipSpace(rest))
	if len(tok) == 0 {
		return lineErr(n, ErrFieldCount, "no status")
	}
	if !isDash(tok) {
		s, ok := atoi(tok)
		if !ok || s < 100 || s > 599 {
			return lineErr(n, ErrBadValue, "status %q", tok)
		}
		r.Status = int16(s)
	}
	tok, rest = token(skipSpace(rest))
	r.Bytes = -1
	switch {
	case len(tok) == 0:
		return lineErr(n, ErrFieldCount, "no bytes")
	case !isDash(tok):
		v, ok := atoi(tok)
		if !ok {
			return lineErr(n, ErrBadValue, "bytes %q", tok)
		}
		r.Bytes = v
	}

	rest = skipSpace(rest)
	if len(rest) > 0 && rest[0] == '"' {
		// A line cut off inside the referer or the user agent (a writer that
		// truncates long lines, or a crash mid-write) keeps its row: the request,
		// status and time are whole; the cut field keeps what was written.
		var ref, ua []byte
		if ref, rest, ok = p.quoted(rest); !ok {
			ref, rest = rest[1:], nil
		}
		rest = skipSpace(rest)
		if len(rest) > 0 && rest[0] == '"' {
			if ua, rest, ok = p.quoted(rest); !ok {
				ua, rest = rest[1:], nil
			}
		}
		r.Referer, r.UserAgent = dash(ref), dash(ua)
	}
	p.extras(rest)

	r.Service = p.opts.service(r.Host, r.Path, "")
	b.Requests.Append(r)
	return nil
}

// extras reads request and upstream times after the user agent.
func (p *combined) extras(rest []byte) {
	r := &p.row
	positional := 0
	for {
		rest = skipSpace(rest)
		if len(rest) == 0 {
			return
		}
		var tok []byte
		if c := rest[0]; c >= '0' && c <= '9' {
			// The usual shape, nginx's "0.123": digits and points only. The
			// general path below would read it the same way, slower.
			tok, after := token(rest)
			if numeric(tok) {
				rest = after
				if ms, ok := durationMS(tok); ok && positional < 2 {
					if positional == 0 {
						r.DurationMS = ms
					} else {
						r.UpstreamMS = ms
					}
					positional++
				}
				continue
			}
		}
		if rest[0] == '"' {
			var ok bool
			if tok, rest, ok = p.quoted(rest); !ok {
				return
			}
		} else {
			tok, rest = token(rest)
			// key="a, b": the quoted value runs past the space.
			if i := bytes.Index(tok, []byte(`="`)); i >= 0 && bytes.IndexByte(tok[i+2:], '"') < 0 {
				if j := bytes.IndexByte(rest, '"'); j >= 0 {
					tok = tok[:len(tok)+j+1] // tok and rest are adjacent in the line
					rest = rest[j+1:]
				}
			}
		}
		key, val, hasKey := bytes.Cut(tok, []byte("="))
		if !hasKey {
			val = tok
		}
		val = bytes.Trim(val, `"`)
		for i, c := range val {
			if c == ',' || c == ' ' {
				val = val[:i] // several upstreams: the first
				break
			}
		}
		ms, ok := durationMS(val)
		if !ok {
			continue
		}
		switch {
		case hasKey:
			switch string(bytes.ToLower(key)) {
			case "rt", "request_time", "reqtime", "duration":
				r.DurationMS = ms
			case "urt", "upstream_response_time", "upstream_time", "ut":
				r.UpstreamMS = ms
			}
		case positional == 0:
			r.DurationMS = ms
			positional++
		case positional == 1:
			r.UpstreamMS = ms
			positional++
		}
	}
}

// numeric reports whether b holds only digits and points.
func numeric(b []byte) bool {
	for _, c := range b {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

// durationMS reads seconds with a decimal point, or integer microseconds.
func durationMS(v []byte) (float64, bool) {
	if len(v) == 0 || isDash(v) || (v[0] < '0' || v[0] > '9') {
		return 0, false
	}
	// The usual shape, "0.123", in one pass: up to 18 digits, a point, 1 to 9 digits.
	var w, frac int64
	i := 0
	for ; i < len(v) && i < 18 && v[i] >= '0' && v[i] <= '9'; i++ {
		w = w*10 + int64(v[i]-'0')
	}
	if i < len(v) && v[i] == '.' && len(v)-i-1 >= 1 && len(v)-i-1 <= 9 {
		j := i + 1
		for ; j < len(v) && v[j] >= '0' && v[j] <= '9'; j++ {
			frac = frac*10 + int64(v[j]-'0')
		}
		if j == len(v) {
			return float64(w)*1000 + float64(frac)*1000/pow10[len(v)-i-1], true
		}
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || f < 0 {
		return 0, false
	}
	if bytes.IndexByte(v, '.') >= 0 {
		return f * 1000, true
	}
	return f / 1000, true
}

// quoted reads a double-quoted field starting at rest[0], a suffix of the line
// being parsed. Backslash escapes \" and \\ are undone (into a scratch buffer valid
// until the next line).
func (p *combined) quoted(rest []byte) (val, after []byte, ok bool) {
	if len(rest) == 0 || rest[0] != '"' {
		return nil, rest, false
	}
	// Most fields hold no backslash: find the closing quote at once.
	if i := bytes.IndexByte(rest[1:], '"'); i >= 0 {
		start := len(p.line) - len(rest)
		if p.esc < start {
			p.esc = len(p.line)
			if j := bytes.IndexByte(rest, '\\'); j >= 0 {
				p.esc = start + j
			}
		}
		if p.esc > start+i+1 {
			return rest[1 : i+1], rest[i+2:], true
		}
	}
	escaped := false
	for i := 1; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			val = rest[1:i]
			if escaped {
				val = p.unescape(val)
			}
			return val, rest[i+1:], true
		}
	}
	return nil, rest, false
}

// unescape appends the unescaped v to the line's scratch buffer. Earlier results
// of the same line stay valid: they end where this one starts, and a reallocation
// leaves them in the old array.
func (p *combined) unescape(v []byte) []byte {
	start := len(p.scratch)
	for {
		i := bytes.IndexByte(v, '\\')
		if i < 0 || i+1 == len(v) {
			p.scratch = append(p.scratch, v...)
			return p.scratch[start:]
		}
		p.scratch = append(p.scratch, v[:i]...)
		if c := v[i+1]; c == '"' || c == '\\' {
			p.scratch = append(p.scratch, c)
		} else {
			p.scratch = append(p.scratch, '\\', c)
		}
		v = v[i+2:]
	}
}

func splitRequest(req []byte) (method, path []byte) {
	sp := bytes.IndexByte(req, ' ')
	if sp <= 0 {
		return nil, dash(req) // "-" or garbage: keep what was sent as the path
	}
	method, path = req[:sp], req[sp+1:]
	if last := bytes.LastIndexByte(path, ' '); last >= 0 && bytes.HasPrefix(path[last+1:], []byte("HTTP/")) {
		path = path[:last]
	}
	return method, path
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

var months = map[string]time.Month{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

// clfTime parses "28/Sep/2024:18:10:03 +0530"; without an offset the time is read
// in the configured location.
func (p *combined) clfTime(s []byte) (time.Time, bool) {
	t, rest, ok := clfTimeOf(s, p.opts.location())
	return t, ok && len(bytes.TrimSpace(rest)) == 0
}

func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

// token returns the bytes up to the next space or tab.
func token(b []byte) (tok, rest []byte) {
	for i, c := range b {
		if c == ' ' || c == '\t' {
			return b[:i], b[i:]
		}
	}
	return b, nil
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

// dash maps "-" (and absence) to nil, which stores NULL.
func dash(b []byte) []byte {
	if len(b) == 0 || isDash(b) {
		return nil
	}
	return b
}

// atoi reads a non-negative decimal integer.
func atoi(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}
