package logs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"outagelens/ingest/batch"
)

// IncidentsJSON reads incident histories exported as one JSON array of objects
// (a document, not JSON lines): the Google Cloud, AWS Health Dashboard and GitHub
// status histories in shared/realdata have this shape. Each element becomes one
// status_incidents row; its "line" is its index in the array, from 1. Fields are
// taken from the first key present (incidentKeys): start from begin, started_at,
// start, created_at or date (epoch seconds); end from end, resolved_at or, for
// histories scraped while incidents were open, scrape_last_seen (an upper bound);
// the component from service_name, component, service or the first of
// components[].name. An AWS element has no end key: its end is the time of the
// last update in its description ("7:40 PM PDT"), on the start's day or the next.
var IncidentsJSON = Format{
	Name:        "incidents-json",
	Description: "incident histories as one JSON array (GCP, AWS, GitHub status exports)",
	Table:       "status_incidents",
	Split:       JSONArray,
	New:         func(o Options) Parser { return &incidents{opts: o} },
}

// incidentKeys lists the keys that hold each incident field, best first.
var incidentKeys = struct {
	start, end, subject, severity, title []string
}{
	start:    []string{"begin", "started_at", "start", "start_time", "created_at", "created", "date"},
	end:      []string{"end", "resolved_at", "end_time", "ended_at", "scrape_last_seen"},
	subject:  []string{"service_name", "component", "service", "components", "affected_products"},
	severity: []string{"severity", "impact", "status_impact", "status"},
	title:    []string{"external_desc", "summary", "title", "name"},
}

type incidents struct {
	opts Options
}

var _ Parser = (*incidents)(nil)

func (p *incidents) Parse(rec []byte, n int64, b *batch.Set) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(rec, &obj); err != nil {
		return lineErr(n, ErrSyntax, "element %d: %v", n, err)
	}
	loc := p.opts.location()
	start, ok, err := timeKey(obj, incidentKeys.start, loc)
	if err != nil || !ok {
		return lineErr(n, ErrBadTimestamp, "element %d: no start (%s): %v", n, strings.Join(incidentKeys.start, ", "), err)
	}
	end, _, err := timeKey(obj, incidentKeys.end, loc)
	if err != nil {
		return lineErr(n, ErrBadTimestamp, "element %d: end: %v", n, err)
	}
	if end.IsZero() {
		end = awsEnd(obj, start)
	}
	if !end.IsZero() && end.Before(start) {
		end = time.Time{} // an end before the start says nothing
	}
	subject := textKey(obj, incidentKeys.subject)
	b.StatusIncidents.Append(&batch.StatusIncident{Line: n, Service: statusService(p.opts, subject), Component: subject,
		Start: start, End: end, Severity: strings.ToLower(textKey(obj, incidentKeys.severity)), Title: textKey(obj, incidentKeys.title)})
	return nil
}

// timeKey reads the first present, non-null key as a time: a string layout
// ParseTime knows, or epoch seconds as a number or a string of digits.
func timeKey(obj map[string]json.RawMessage, keys []string, loc *time.Location) (time.Time, bool, error) {
	for _, k := range keys {
		raw, ok := obj[k]
		if !ok || string(raw) == "null" {
			continue
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return time.Time{}, false, err
		}
		switch t := v.(type) {
		case string:
			if t == "" || t == "None" {
				continue
			}
			ts, err := ParseTime(t, loc)
			return ts, err == nil, err
		case float64:
			ts, err := epoch(t)
			return ts, err == nil, err
		}
		return time.Time{}, false, fmt.Errorf("%s is not a time", k)
	}
	return time.Time{}, false, nil
}

// textKey reads the first present key as text; for an array of objects, the
// first element's name or title.
func textKey(obj map[string]json.RawMessage, keys []string) string {
	for _, k := range keys {
		raw, ok := obj[k]
		if !ok || string(raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			if s != "" {
				return s
			}
			continue
		}
		var list []struct{ Name, Title string }
		if json.Unmarshal(raw, &list) == nil && len(list) > 0 {
			if list[0].Name != "" {
				return list[0].Name
			}
			if list[0].Title != "" {
				return list[0].Title
			}
		}
		var num json.Number
		if json.Unmarshal(raw, &num) == nil {
			return num.String()
		}
	}
	return ""
}

// awsUpdate finds the times of the updates in an AWS Health Dashboard
// description: <span class="yellowfg"> 7:40 PM PDT</span>.
var awsUpdate = regexp.MustCompile(`yellowfg">\s*(\d{1,2}):(\d{2}) (AM|PM) (P[DS]T|UTC)`)

// awsEnd returns the time of the last update in obj's description, placed on the
// start's day in that zone (or the next day when it would come before the start),
// or the zero time.
func awsEnd(obj map[string]json.RawMessage, start time.Time) time.Time {
	raw, ok := obj["description"]
	if !ok {
		return time.Time{}
	}
	var desc string
	if json.Unmarshal(raw, &desc) != nil {
		return time.Time{}
	}
	all := awsUpdate.FindAllStringSubmatch(desc, -1)
	if len(all) == 0 {
		return time.Time{}
	}
	m := all[len(all)-1]
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	if h == 12 {
		h = 0
	}
	if m[3] == "PM" {
		h += 12
	}
	loc := fixedZone(zoneAbbrevs[m[4]])
	s := start.In(loc)
	end := time.Date(s.Year(), s.Month(), s.Day(), h, mi, 0, 0, loc)
	for end.Before(start) && end.Sub(start) > -72*time.Hour {
		end = end.Add(24 * time.Hour)
	}
	return end
}

// JSONArray is the Splitter of documents that are one JSON array: each element
// is a record. An element longer than maxRecord is passed on cut short (and then
// fails to parse); a document that is not an array, or breaks off, ends in a
// *LineError numbered like the element that would have come next.
func JSONArray(r io.Reader, maxRecord int, yield func(rec []byte, n int64) error) error {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return &LineError{Line: 1, Reason: ErrSyntax, Detail: fmt.Sprintf("not a JSON array: %v", err)}
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return &LineError{Line: 1, Reason: ErrSyntax, Detail: fmt.Sprintf("not a JSON array: starts with %v", tok)}
	}
	n := int64(0)
	for dec.More() {
		n++
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return &LineError{Line: n, Reason: ErrSyntax, Detail: fmt.Sprintf("element %d: %v", n, err)}
		}
		if len(raw) > maxRecord {
			raw = raw[:maxRecord]
		}
		if err := yield(raw, n); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return &LineError{Line: n + 1, Reason: ErrSyntax, Detail: fmt.Sprintf("after element %d: %v", n, err)}
	}
	// Only white space may follow the array.
	rest, _ := io.ReadAll(io.LimitReader(io.MultiReader(dec.Buffered(), r), 64<<10))
	if len(bytes.TrimSpace(rest)) > 0 {
		return &LineError{Line: n + 1, Reason: ErrSyntax, Detail: "data after the array"}
	}
	return nil
}
