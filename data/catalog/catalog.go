package catalog

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
)

//go:embed catalog.toml
var defaultTOML []byte

// IST is India Standard Time (UTC+05:30, without daylight saving since 1945),
// the zone of the catalog's services and the default calendar wherever no
// --tz is given. A fixed zone, so that no tzdata is needed.
var IST = time.FixedZone("IST", 5*3600+1800)

// Unknown is the service id of log lines no rule claims.
const Unknown = "unknown"

// Catalog is the list of services and the event rules.
type Catalog struct {
	Events   []EventRule `toml:"event"`
	Services []Service   `toml:"service"`

	byID map[string]*Service
}

// Service is one public e-service.
type Service struct {
	ID          string              `toml:"id"`
	Name        string              `toml:"name"`
	Category    string              `toml:"category"`
	Department  string              `toml:"department"`
	State       string              `toml:"state"`
	Language    string              `toml:"language"` // ISO 639-1 language of public notices
	SLOPct      float64             `toml:"slo_pct"`  // availability target per calendar month, percent
	Aliases     map[string][]string `toml:"aliases"`  // language -> names reports use
	Match       []Match             `toml:"match"`
	Promises    []Promise           `toml:"promise"`
	Maintenance []Maintenance       `toml:"maintenance"`
	Events      []EventRule         `toml:"event"` // tried before the catalog-wide rules
}

// Match assigns log lines to a service. Every field that is set must match.
type Match struct {
	File       string `toml:"file"`        // glob on the file's base name
	Host       string `toml:"host"`        // virtual host or host name, exact
	PathPrefix string `toml:"path_prefix"` // URL path prefix
}

// Promise is a service level stated to the public, checked by pairing events.
type Promise struct {
	ID                 string   `toml:"id"`
	Text               string   `toml:"text"`
	StartEvent         string   `toml:"start_event"`
	EndEvents          []string `toml:"end_events"`
	LimitMinutes       float64  `toml:"limit_minutes"`
	OrphanAfterMinutes float64  `toml:"orphan_after_minutes"` // a start with no end after this long is an orphan; 0 means 1440
}

// Maintenance is an announced window in which downtime does not count.
type Maintenance struct {
	Start  time.Time `toml:"start"`  // one-off window
	End    time.Time `toml:"end"`    //
	Weekly string    `toml:"weekly"` // recurring window, e.g. "Sun 01:00-03:00" in the service's local time
}

// EventRule classifies a log message into an event name when Pattern matches.
type EventRule struct {
	Name    string `toml:"name"`
	Pattern string `toml:"pattern"`

	re *regexp.Regexp
}

// Default returns the embedded catalog.
func Default() *Catalog {
	c, err := Parse(defaultTOML, "catalog.toml (embedded)")
	if err != nil {
		panic(err)
	}
	return c
}

// Load reads and validates the catalog at path; an empty path gives Default.
func Load(path string) (*Catalog, error) {
	if path == "" {
		return Default(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load catalog: %w", err)
	}
	return Parse(b, path)
}

// Parse decodes and validates a catalog; name is used in messages.
func Parse(b []byte, name string) (*Catalog, error) {
	var c Catalog
	if err := DecodeStrict(b, &c); err != nil {
		return nil, fmt.Errorf("catalog %s: %w", name, err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("catalog %s: %w", name, err)
	}
	return &c, nil
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (c *Catalog) validate() error {
	var errs []error
	c.byID = make(map[string]*Service, len(c.Services))
	for i := range c.Events {
		errs = append(errs, c.Events[i].compile("event"))
	}
	for i := range c.Services {
		s := &c.Services[i]
		where := fmt.Sprintf("service %d (%q)", i+1, s.ID)
		if !idRE.MatchString(s.ID) || s.ID == Unknown {
			errs = append(errs, fmt.Errorf("%s: id must be lower-case letters, digits and dashes, and not %q", where, Unknown))
		}
		if _, dup := c.byID[s.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: duplicate id", where))
		}
		c.byID[s.ID] = s
		if s.Name == "" {
			errs = append(errs, fmt.Errorf("%s: name is required", where))
		}
		if s.SLOPct <= 0 || s.SLOPct > 100 {
			errs = append(errs, fmt.Errorf("%s: slo_pct must be in (0, 100], got %v", where, s.SLOPct))
		}
		for j, m := range s.Match {
			if m.File == "" && m.Host == "" && m.PathPrefix == "" {
				errs = append(errs, fmt.Errorf("%s: match %d: set at least one of file, host, path_prefix", where, j+1))
			}
			if m.File != "" {
				if _, err := path.Match(m.File, ""); err != nil {
					errs = append(errs, fmt.Errorf("%s: match %d: file %q: %w", where, j+1, m.File, err))
				}
			}
		}
		for j, p := range s.Promises {
			pw := fmt.Sprintf("%s: promise %d (%q)", where, j+1, p.ID)
			if p.ID == "" || p.StartEvent == "" || len(p.EndEvents) == 0 {
				errs = append(errs, fmt.Errorf("%s: id, start_event and end_events are required", pw))
			}
			if p.LimitMinutes <= 0 {
				errs = append(errs, fmt.Errorf("%s: limit_minutes must be positive", pw))
			}
		}
		for j, m := range s.Maintenance {
			mw := fmt.Sprintf("%s: maintenance %d", where, j+1)
			switch {
			case m.Weekly != "":
				if _, err := ParseWeekly(m.Weekly); err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", mw, err))
				}
			case m.Start.IsZero() || !m.End.After(m.Start):
				errs = append(errs, fmt.Errorf("%s: set weekly, or start before end", mw))
			}
		}
		for j := range s.Events {
			errs = append(errs, s.Events[j].compile(where+": event"))
		}
	}
	return errors.Join(errs...)
}

func (r *EventRule) compile(where string) error {
	if r.Name == "" {
		return fmt.Errorf("%s: name is required", where)
	}
	re, err := regexp.Compile(r.Pattern)
	if err != nil {
		return fmt.Errorf("%s %q: pattern: %w", where, r.Name, err)
	}
	r.re = re
	return nil
}

// Service returns the service with the given id.
func (c *Catalog) Service(id string) (*Service, bool) {
	s, ok := c.byID[id]
	return s, ok
}

// IDs returns every service id, sorted.
func (c *Catalog) IDs() []string {
	ids := make([]string, 0, len(c.Services))
	for _, s := range c.Services {
		ids = append(ids, s.ID)
	}
	sort.Strings(ids)
	return ids
}

// Weekly is a parsed recurring maintenance window.
type Weekly struct {
	Day        time.Weekday
	Start, End time.Duration // since midnight; End may be <= Start for a window past midnight
}

// ParseWeekly parses "Sun 01:00-03:00".
func ParseWeekly(s string) (Weekly, error) {
	var w Weekly
	day, span, ok := strings.Cut(strings.TrimSpace(s), " ")
	from, to, ok2 := strings.Cut(span, "-")
	if !ok || !ok2 {
		return w, fmt.Errorf("weekly %q: want like \"Sun 01:00-03:00\"", s)
	}
	found := false
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(day, d.String()[:3]) || strings.EqualFold(day, d.String()) {
			w.Day, found = d, true
		}
	}
	if !found {
		return w, fmt.Errorf("weekly %q: unknown day %q", s, day)
	}
	var err1, err2 error
	w.Start, err1 = clock(from)
	w.End, err2 = clock(to)
	if err := errors.Join(err1, err2); err != nil {
		return w, fmt.Errorf("weekly %q: %w", s, err)
	}
	return w, nil
}

func clock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("time %q: want HH:MM", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}
