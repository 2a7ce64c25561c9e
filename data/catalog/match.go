package catalog

import (
	"path"
	"strings"
)

// Matcher assigns log lines to services by the catalog's match rules.
// A Matcher is safe for concurrent use.
type Matcher struct {
	rules []rule
	// The rules ForLine tries: those without a file pattern, and of those the
	// ones without a host, all that can claim a line that has none (it runs for
	// every access-log line).
	line, noHost []rule
}

type rule struct {
	service string
	Match
}

// Matcher returns the catalog's rules in catalog order.
func (c *Catalog) Matcher() *Matcher {
	m := &Matcher{}
	for _, s := range c.Services {
		for _, r := range s.Match {
			m.rules = append(m.rules, rule{service: s.ID, Match: r})
		}
	}
	for _, r := range m.rules {
		if r.File == "" {
			m.line = append(m.line, r)
			if r.Host == "" {
				m.noHost = append(m.noHost, r)
			}
		}
	}
	return m
}

// ForFile returns the service whose rule matches the file name alone (a rule with
// only a file pattern), or "" if none does: then lines are matched one by one.
func (m *Matcher) ForFile(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	for _, r := range m.rules {
		if r.File != "" && r.Host == "" && r.PathPrefix == "" {
			if ok, _ := path.Match(r.File, base); ok {
				return r.service
			}
		}
	}
	return ""
}

// ForLine returns the service of a line from its host and URL path, or Unknown.
// Rules naming a file are skipped: ForFile decides those once per file.
func (m *Matcher) ForLine(host, urlPath string) string {
	rules := m.line
	if host == "" {
		rules = m.noHost
	}
	for _, r := range rules {
		if r.Host != "" && !strings.EqualFold(r.Host, host) {
			continue
		}
		if r.PathPrefix != "" && !strings.HasPrefix(urlPath, r.PathPrefix) {
			continue
		}
		return r.service
	}
	return Unknown
}
