package logs

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"

	"outagelens/ingest/batch"
)

// ProbeCSV reads health-probe results: a CSV file whose header names its columns.
// Recognised names (any case): time|timestamp|ts|datetime, host|hostname|server,
// target|url|endpoint|check, ok|up|success|status, latency_ms|latency|response_time_ms,
// service|service_id.
var ProbeCSV = Format{
	Name:        "probe-csv",
	Description: "health-probe results as CSV with a header (time, host, target, ok/status, latency_ms)",
	Table:       "probes",
	New:         func(o Options) Parser { return &csvParser{opts: o, kind: probeKind} },
}

// CapacityCSV reads capacity samples (disk, tablespace, queue): a CSV file whose
// header names its columns. Recognised names (any case): time|timestamp|ts|datetime,
// host|hostname|server|node, resource|mount|mountpoint|filesystem|tablespace|queue|disk,
// used|used_bytes, size|size_bytes|capacity|total|total_bytes,
// used_pct|used_percent|pct|percent|use%, service|service_id. used_pct is computed
// from used and size when absent.
var CapacityCSV = Format{
	Name:        "capacity-csv",
	Description: "capacity samples as CSV with a header (time, host, resource, used_bytes, size_bytes, used_pct)",
	Table:       "capacity",
	New:         func(o Options) Parser { return &csvParser{opts: o, kind: capacityKind} },
}

type csvKind int

const (
	probeKind csvKind = iota
	capacityKind
)

var csvNames = map[string][]string{
	"time":     {"time", "timestamp", "ts", "datetime", "date", "@timestamp"},
	"host":     {"host", "hostname", "server", "node", "instance"},
	"target":   {"target", "url", "endpoint", "check", "probe"},
	"ok":       {"ok", "up", "success", "status", "result"},
	"latency":  {"latency_ms", "latency", "response_time_ms", "rtt_ms", "duration_ms"},
	"service":  {"service", "service_id"},
	"resource": {"resource", "mount", "mountpoint", "filesystem", "tablespace", "queue", "disk", "volume"},
	"used":     {"used", "used_bytes"},
	"size":     {"size", "size_bytes", "capacity", "total", "total_bytes"},
	"pct":      {"used_pct", "used_percent", "pct", "percent", "use%", "usage_pct"},
}

type csvParser struct {
	opts Options
	kind csvKind
	col  map[string]int // field -> column index
	n    int            // columns in the header
}

var _ Parser = (*csvParser)(nil)

func splitCSV(line []byte) ([]string, error) {
	r := csv.NewReader(bytes.NewReader(line))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r.Read()
}

// header reads the first line and checks that the columns the kind needs are named.
func (p *csvParser) header(line []byte, n int64) error {
	fields, err := splitCSV(line)
	if err != nil {
		return lineErr(n, ErrHeader, "%v", err)
	}
	p.col = map[string]int{}
	for i, f := range fields {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff")))
		for field, names := range csvNames {
			for _, cand := range names {
				if name == cand {
					if _, dup := p.col[field]; !dup {
						p.col[field] = i
					}
				}
			}
		}
	}
	p.n = len(fields)
	need := []string{"time", "ok"}
	if p.kind == capacityKind {
		need = []string{"time", "resource"}
		if _, ok := p.col["pct"]; !ok {
			need = append(need, "used", "size")
		}
	}
	var missing []string
	for _, f := range need {
		if _, ok := p.col[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		p.col = nil
		return lineErr(n, ErrHeader, "no column for %s in %q", strings.Join(missing, ", "), line)
	}
	return nil
}

func (p *csvParser) Parse(line []byte, n int64, b *batch.Set) error {
	if p.col == nil {
		return p.header(line, n)
	}
	fields, err := splitCSV(line)
	if err != nil {
		return lineErr(n, ErrSyntax, "%v", err)
	}
	if len(fields) != p.n {
		return lineErr(n, ErrFieldCount, "%d fields, header has %d", len(fields), p.n)
	}
	get := func(f string) string {
		if i, ok := p.col[f]; ok {
			return strings.TrimSpace(fields[i])
		}
		return ""
	}
	ts, err := ParseTime(get("time"), p.opts.location())
	if err != nil {
		return lineErr(n, ErrBadTimestamp, "%v", err)
	}
	host := get("host")
	svc := p.opts.service([]byte(host), nil, get("service"))
	if p.kind == probeKind {
		ok, valid := probeOK(get("ok"))
		if !valid {
			return lineErr(n, ErrBadValue, "ok/status %q", get("ok"))
		}
		lat, err := optFloat(get("latency"))
		if err != nil {
			return lineErr(n, ErrBadValue, "latency: %v", err)
		}
		b.Probes.Append(&batch.Probe{Line: n, Service: svc, Time: ts, Host: host, Target: get("target"), OK: ok, LatencyMS: lat})
		return nil
	}
	used, err1 := optFloat(get("used"))
	size, err2 := optFloat(get("size"))
	pct, err3 := optFloat(strings.TrimSuffix(get("pct"), "%"))
	if err1 != nil || err2 != nil || err3 != nil {
		return lineErr(n, ErrBadValue, "used/size/pct: %v", firstErr(err1, err2, err3))
	}
	if math.IsNaN(pct) {
		if math.IsNaN(used) || math.IsNaN(size) || size <= 0 {
			return lineErr(n, ErrBadValue, "no used_pct and no used/size to compute it")
		}
		pct = 100 * used / size
	}
	if pct < 0 || pct > 1000 {
		return lineErr(n, ErrBadValue, "used_pct %v", pct)
	}
	if host == "" {
		host = "-"
	}
	b.Capacity.Append(&batch.CapacitySample{Line: n, Service: svc, Time: ts, Host: host, Resource: get("resource"),
		UsedBytes: used, SizeBytes: size, UsedPct: pct})
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func optFloat(s string) (float64, error) {
	if s == "" || s == "-" {
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

// probeOK reads true/false, 1/0, up/down, ok/fail(ed)/error, pass, or an HTTP status.
func probeOK(s string) (ok, valid bool) {
	switch strings.ToLower(s) {
	case "true", "1", "up", "ok", "pass", "passed", "success", "healthy":
		return true, true
	case "false", "0", "down", "fail", "failed", "error", "timeout", "unhealthy", "critical":
		return false, true
	}
	if code, err := strconv.Atoi(s); err == nil && code >= 100 && code <= 599 {
		return code < 400, true
	}
	return false, false
}
