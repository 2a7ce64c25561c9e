package catalog

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed gazetteer.toml
var defaultGazetteerTOML []byte

// Gazetteer lists Indian states, districts and dateline cities with the names
// reporters use for them in English, Hindi, Bengali and Marathi. A Gazetteer is
// read-only after load and safe for concurrent use.
type Gazetteer struct {
	States    []State    `toml:"state"`
	Districts []District `toml:"district"`
	Cities    []City     `toml:"city"`
}

// State is a state or union territory.
type State struct {
	Name string   `toml:"name"` // canonical English name, used in reports
	Kind string   `toml:"kind"` // "state" or "ut"
	Code string   `toml:"code"` // ISO 3166-2:IN suffix
	EN   []string `toml:"en"`
	HI   []string `toml:"hi"`
	BN   []string `toml:"bn"`
	MR   []string `toml:"mr"` // empty means the Hindi names
}

// District is a district of a state.
type District struct {
	Name  string   `toml:"name"`
	State string   `toml:"state"`
	City  bool     `toml:"city"` // the district's name is also a dateline city
	EN    []string `toml:"en"`
	HI    []string `toml:"hi"`
	BN    []string `toml:"bn"`
	MR    []string `toml:"mr"`
}

// City is a dateline town whose name differs from its district's.
type City struct {
	Name     string   `toml:"name"`
	District string   `toml:"district"`
	State    string   `toml:"state"`
	EN       []string `toml:"en"`
	HI       []string `toml:"hi"`
	BN       []string `toml:"bn"`
	MR       []string `toml:"mr"`
}

// Place is what one gazetteer name stands for.
type Place struct {
	Kind     string // "state", "district" or "city"
	Name     string // canonical English name of the place itself
	District string // for districts and cities
	State    string
}

// PlaceName is one spelling of a place.
type PlaceName struct {
	Name  string // as written (any script)
	Place Place
}

// DefaultGazetteer returns the embedded gazetteer.
func DefaultGazetteer() *Gazetteer {
	g, err := ParseGazetteer(defaultGazetteerTOML, "gazetteer.toml (embedded)")
	if err != nil {
		panic(err)
	}
	return g
}

// ParseGazetteer decodes and validates a gazetteer, reporting every problem at
// once; name is used in messages.
func ParseGazetteer(b []byte, name string) (*Gazetteer, error) {
	var g Gazetteer
	if err := DecodeStrict(b, &g); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	var errs []error
	states := map[string]bool{}
	for i, s := range g.States {
		if s.Name == "" {
			errs = append(errs, fmt.Errorf("state %d: name is required", i+1))
		}
		if states[s.Name] {
			errs = append(errs, fmt.Errorf("state %q: duplicate", s.Name))
		}
		if s.Kind != "state" && s.Kind != "ut" {
			errs = append(errs, fmt.Errorf("state %q: kind must be \"state\" or \"ut\", got %q", s.Name, s.Kind))
		}
		states[s.Name] = true
	}
	districts := map[string]bool{}
	for i, d := range g.Districts {
		if d.Name == "" {
			errs = append(errs, fmt.Errorf("district %d: name is required", i+1))
		}
		if !states[d.State] {
			errs = append(errs, fmt.Errorf("district %q: state %q is not a [[state]]", d.Name, d.State))
		}
		key := d.State + "/" + d.Name
		if districts[key] {
			errs = append(errs, fmt.Errorf("district %q of %s: duplicate", d.Name, d.State))
		}
		districts[key] = true
	}
	for i, c := range g.Cities {
		if c.Name == "" {
			errs = append(errs, fmt.Errorf("city %d: name is required", i+1))
		}
		if !districts[c.State+"/"+c.District] {
			errs = append(errs, fmt.Errorf("city %q: district %q of %q is not a [[district]]", c.Name, c.District, c.State))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	return &g, nil
}

func spellings(name string, en, hi, bn, mr []string) []string {
	all := append([]string{name}, en...)
	all = append(all, hi...)
	all = append(all, bn...)
	all = append(all, mr...)
	seen := map[string]bool{}
	var out []string
	for _, n := range all {
		if n = strings.TrimSpace(n); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// Names returns every spelling of every place, longest first (so that
// "उत्तर प्रदेश" is tried before "प्रदेश"-like shorter names).
func (g *Gazetteer) Names() []PlaceName {
	var out []PlaceName
	for _, s := range g.States {
		for _, n := range spellings(s.Name, s.EN, s.HI, s.BN, s.MR) {
			out = append(out, PlaceName{n, Place{Kind: "state", Name: s.Name, State: s.Name}})
		}
	}
	for _, d := range g.Districts {
		for _, n := range spellings(d.Name, d.EN, d.HI, d.BN, d.MR) {
			out = append(out, PlaceName{n, Place{Kind: "district", Name: d.Name, District: d.Name, State: d.State}})
		}
	}
	for _, c := range g.Cities {
		for _, n := range spellings(c.Name, c.EN, c.HI, c.BN, c.MR) {
			out = append(out, PlaceName{n, Place{Kind: "city", Name: c.Name, District: c.District, State: c.State}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Name) > len(out[j].Name) })
	return out
}

// DecodeStrict decodes TOML into v and fails on keys v has no field for, naming
// them all: a misspelt key in a config file is an error, not a silent default.
func DecodeStrict(data []byte, v any) error {
	md, err := toml.Decode(string(data), v)
	if err != nil {
		return err
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		keys := make([]string, len(undec))
		for i, k := range undec {
			keys[i] = k.String()
		}
		return fmt.Errorf("unknown keys: %s", strings.Join(keys, ", "))
	}
	return nil
}
