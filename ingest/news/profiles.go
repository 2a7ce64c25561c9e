package news

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/andybalholm/cascadia"

	"outagelens/data/catalog"
)

//go:embed sites.toml
var defaultSitesTOML []byte

// Profiles are the known sites' layouts: where a page of each keeps its article.
// A Profiles is read-only after load and safe for concurrent use.
type Profiles struct {
	Sites []Profile `toml:"site"`
}

// Profile says where the article is on one layout family's pages (see sites.toml).
type Profile struct {
	Name    string   `toml:"name"`
	Domains []string `toml:"domains"`
	Body    []string `toml:"body"`
	Drop    []string `toml:"drop"`
	Date    []string `toml:"date"`
	Author  []string `toml:"author"`
}

// DefaultProfiles returns the embedded site profiles.
func DefaultProfiles() *Profiles {
	p, err := ParseProfiles(defaultSitesTOML, "sites.toml (embedded)")
	if err != nil {
		panic(err)
	}
	return p
}

// LoadProfiles reads site profiles from path; an empty path gives DefaultProfiles.
func LoadProfiles(path string) (*Profiles, error) {
	if path == "" {
		return DefaultProfiles(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load site profiles: %w", err)
	}
	return ParseProfiles(b, path)
}

// ParseProfiles decodes and validates profiles, reporting every problem at once;
// name is used in messages.
func ParseProfiles(b []byte, name string) (*Profiles, error) {
	var p Profiles
	if err := catalog.DecodeStrict(b, &p); err != nil {
		return nil, fmt.Errorf("site profiles %s: %w", name, err)
	}
	var errs []error
	for i, s := range p.Sites {
		where := fmt.Sprintf("site %d (%q)", i+1, s.Name)
		if len(s.Domains) == 0 {
			errs = append(errs, fmt.Errorf("%s: domains is required", where))
		}
		if len(s.Body) == 0 {
			errs = append(errs, fmt.Errorf("%s: body is required", where))
		}
		for key, sels := range map[string][]string{"body": s.Body, "drop": s.Drop, "date": s.Date, "author": s.Author} {
			for _, sel := range sels {
				if _, err := cascadia.ParseGroup(sel); err != nil {
					errs = append(errs, fmt.Errorf("%s: %s selector %q: %w", where, key, sel, err))
				}
			}
		}
		for j, d := range s.Domains {
			p.Sites[i].Domains[j] = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d), "www."))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("site profiles %s: %w", name, err)
	}
	return &p, nil
}

// For returns the profile of host (or of a parent domain of it), or nil.
func (p *Profiles) For(host string) *Profile {
	if p == nil {
		return nil
	}
	host = strings.ToLower(host)
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	for i := range p.Sites {
		for _, d := range p.Sites[i].Domains {
			if host == d || strings.HasSuffix(host, "."+d) {
				return &p.Sites[i]
			}
		}
	}
	return nil
}
