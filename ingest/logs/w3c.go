package logs

import (
	"bytes"
	"math"
	"time"

	"outagelens/ingest/batch"
)

// W3C reads W3C extended log files (IIS): "#Fields:" directive lines name the
// space-separated columns of the lines after them. Recognised fields: date, time,
// c-ip, cs-method, cs-uri-stem, cs-uri-query, sc-status, sc-bytes, time-taken
// (milliseconds), cs(User-Agent) and cs(Referer) ('+' stands for a space), cs-host
// or s-sitename. Other directives (#Software, #Date) are skipped; a data line
// before any #Fields is rejected. Times are UTC, as the format defines them.
var W3C = Format{
	Name:        "w3c",
	Description: "W3C extended log (IIS) with a #Fields: header",
	Table:       batch.RequestRows,
	New:         func(o Options) Parser { return &w3c{opts: o} },
}

type w3c struct {
	opts   Options
	col    map[string]int
	fields int
	row    batch.Request
	ua     []byte
	ref    []byte
	path   []byte
}

var _ Parser = (*w3c)(nil)

func (p *w3c) Parse(line []byte, n int64, b *batch.Set) error {
	if len(line) > 0 && line[0] == '#' {
		if f, ok := bytes.CutPrefix(line, []byte("#Fields:")); ok {
			p.col = map[string]int{}
			names := bytes.Fields(f)
			for i, name := range names {
				p.col[string(bytes.ToLower(name))] = i
			}
			p.fields = len(names)
			if _, ok := p.col["date"]; !ok {
				p.col = nil
				return lineErr(n, ErrHeader, "#Fields has no date")
			}
		}
		return nil
	}
	if p.col == nil {
		return lineErr(n, ErrHeader, "data before any #Fields: line")
	}
	var f [64][]byte
	k := 0
	for rest := skipSpace(line); len(rest) > 0 && k < len(f); rest = skipSpace(rest) {
		f[k], rest = token(rest)
		k++
	}
	if k != p.fields {
		return lineErr(n, ErrFieldCount, "%d fields, #Fields names %d", k, p.fields)
	}
	get := func(name string) []byte {
		if i, ok := p.col[name]; ok {
			return dash(f[i])
		}
		return nil
	}
	stamp := append(append(append([]byte{}, get("date")...), ' '), get("time")...)
	t, rest, ok := isoTime(stamp, time.UTC)
	if !ok || len(rest) != 0 {
		return lineErr(n, ErrBadTimestamp, "%q", stamp)
	}
	r := &p.row
	*r = batch.Request{Line: n, Time: t, Bytes: -1, DurationMS: math.NaN(), UpstreamMS: math.NaN()}
	r.Client, r.Method = get("c-ip"), get("cs-method")
	r.Host = get("cs-host")
	if r.Host == nil {
		r.Host = get("s-sitename")
	}
	p.path = append(p.path[:0], get("cs-uri-stem")...)
	if q := get("cs-uri-query"); q != nil {
		p.path = append(append(p.path, '?'), q...)
	}
	r.Path = dash(p.path)
	if s := get("sc-status"); s != nil {
		v, ok := atoi(s)
		if !ok || v < 100 || v > 599 {
			return lineErr(n, ErrBadValue, "sc-status %q", s)
		}
		r.Status = int16(v)
	}
	if s := get("sc-bytes"); s != nil {
		v, ok := atoi(s)
		if !ok {
			return lineErr(n, ErrBadValue, "sc-bytes %q", s)
		}
		r.Bytes = v
	}
	if s := get("time-taken"); s != nil {
		v, ok := atoi(s)
		if !ok {
			return lineErr(n, ErrBadValue, "time-taken %q", s)
		}
		r.DurationMS = float64(v)
	}
	p.ua = plusToSpace(p.ua, get("cs(user-agent)"))
	p.ref = plusToSpace(p.ref, get("cs(referer)"))
	r.UserAgent, r.Referer = dash(p.ua), dash(p.ref)
	r.Service = p.opts.service(r.Host, r.Path, "")
	b.Requests.Append(r)
	return nil
}

func plusToSpace(dst, src []byte) []byte {
	dst = append(dst[:0], src...)
	for i, c := range dst {
		if c == '+' {
			dst[i] = ' '
		}
	}
	return dst
}
