package logs

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

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

// StatusCSV reads status-page component histories: a CSV file with a header
// naming, in any order, the time of the change
// (changed_at|time|timestamp|page_updated_at|updated_at|commit_time, the first
// present wins), the component (component|component_name|name), its new status
// (status|state) and optionally the previous one (prev_status|previous_status).
// The GitHub status history in shared/realdata has this shape; its
// page_updated_at (when the status page changed) is preferred to commit_time
// (when the scraper saw it, minutes later).
//
// A row's service is --service when given, else the catalog's (file rules), else
// a slug of the component ("Git Operations" -> "git-operations"), so status
// histories rank by component.
var StatusCSV = Format{
	Name:        "status-csv",
	Description: "status-page component transitions as CSV (time, component, status, prev_status)",
	Table:       "status_changes",
	New:         func(o Options) Parser { return &csvParser{opts: o, kind: statusKind} },
}

// IncidentsCSV reads incident lists exported from status pages or ticket systems:
// a CSV file whose header names the start (start|started_at|begin|start_time|created_at),
// and optionally the end (end|resolved_at|end_time|ended_at), the component or
// service (component|service|service_name), the severity (severity|impact|priority)
// and a title (title|summary|name|description). Services are assigned as for
// StatusCSV.
var IncidentsCSV = Format{
	Name:        "incidents-csv",
	Description: "incident lists as CSV (start, end, component/service, severity, title)",
	Table:       "status_incidents",
	New:         func(o Options) Parser { return &csvParser{opts: o, kind: incidentKind} },
}

type csvKind int

const (
	probeKind csvKind = iota
	capacityKind
	statusKind
	incidentKind
)

// csvNeeds lists the fields each kind cannot do without.
var csvNeeds = map[csvKind][]string{
	probeKind:    {"time", "ok"},
	capacityKind: {"time", "resource"},
	statusKind:   {"changed", "component", "status"},
	incidentKind: {"start"},
}

// csvNames lists, per field, the header names that hold it, best first.
var csvNames = map[string][]string{
	"changed":   {"changed_at", "time", "timestamp", "ts", "page_updated_at", "updated_at", "commit_time", "date"},
	"component": {"component", "component_name", "name"},
	"status":    {"status", "state"},
	"prev":      {"prev_status", "previous_status", "old_status", "from_status"},
	"start":     {"start", "started_at", "begin", "start_time", "created_at", "opened_at"},
	"end":       {"end", "resolved_at", "end_time", "ended_at", "closed_at"},
	"subject":   {"component", "service", "service_name", "system"},
	"severity":  {"severity", "impact", "priority"},
	"title":     {"title", "summary", "name", "description"},
	"time":      {"time", "timestamp", "ts", "datetime", "date", "@timestamp"},
	"host":      {"host", "hostname", "server", "node", "instance"},
	"target":    {"target", "url", "endpoint", "check", "probe"},
	"ok":        {"ok", "up", "success", "status", "result"},
	"latency":   {"latency_ms", "latency", "response_time_ms", "rtt_ms", "duration_ms"},
	"service":   {"service", "service_id"},
	"resource":  {"resource", "mount", "mountpoint", "filesystem", "tablespace", "queue", "disk", "volume"},
	"used":      {"used", "used_bytes"},
	"size":      {"size", "size_bytes", "capacity", "total", "total_bytes"},
	"pct":       {"used_pct", "used_percent", "pct", "percent", "use%", "usage_pct"},
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
	index := map[string]int{}
	for i, f := range fields {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff")))
		if _, dup := index[name]; !dup {
			index[name] = i
		}
	}
	p.col = map[string]int{}
	for field, names := range csvNames {
		for _, cand := range names {
			if i, ok := index[cand]; ok {
				p.col[field] = i
				break
			}
		}
	}
	p.n = len(fields)
	need := csvNeeds[p.kind]
	if p.kind == capacityKind {
		if _, ok := p.col["pct"]; !ok {
			need = append(need[:len(need):len(need)], "used", "size")
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
	switch p.kind {
	case statusKind:
		return p.status(get, n, b)
	case incidentKind:
		return p.incident(get, n, b)
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

func (p *csvParser) status(get func(string) string, n int64, b *batch.Set) error {
	ts, err := ParseTime(get("changed"), p.opts.location())
	if err != nil {
		return lineErr(n, ErrBadTimestamp, "%v", err)
	}
	comp, status := get("component"), strings.ToLower(get("status"))
	if comp == "" || status == "" {
		return lineErr(n, ErrBadValue, "empty component or status")
	}
	b.StatusChanges.Append(&batch.StatusChange{Line: n, Service: statusService(p.opts, comp), Component: comp,
		Time: ts, Status: status, PrevStatus: strings.ToLower(get("prev"))})
	return nil
}

func (p *csvParser) incident(get func(string) string, n int64, b *batch.Set) error {
	loc := p.opts.location()
	start, err := ParseTime(get("start"), loc)
	if err != nil {
		return lineErr(n, ErrBadTimestamp, "start: %v", err)
	}
	var end time.Time
	if e := get("end"); e != "" && e != "-" && !strings.EqualFold(e, "null") {
		if end, err = ParseTime(e, loc); err != nil {
			return lineErr(n, ErrBadTimestamp, "end: %v", err)
		}
		if end.Before(start) {
			return lineErr(n, ErrBadValue, "end %s before start %s", e, get("start"))
		}
	}
	subject := get("subject")
	b.StatusIncidents.Append(&batch.StatusIncident{Line: n, Service: statusService(p.opts, subject), Component: subject,
		Start: start, End: end, Severity: strings.ToLower(get("severity")), Title: get("title")})
	return nil
}

// statusService assigns a status-page row: --service, else the catalog (a
// declared catalog id or a file rule), else a slug of the component.
func statusService(o Options, component string) string {
	slug := Slug(component)
	if s := o.service(nil, nil, slug); s != "" && s != "unknown" {
		return s
	}
	if slug == "" {
		return "unknown"
	}
	return slug
}

// Slug turns a component name into a service id: lower-case letters and digits,
// runs of anything else as one dash ("Git Operations" -> "git-operations").
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 64 {
		s = strings.TrimRight(s[:64], "-")
	}
	return s
}
