package catalog

// Classifier names the event a log message reports, by the catalog's event rules.
// A Classifier is safe for concurrent use.
type Classifier struct {
	perService map[string][]EventRule
	global     []EventRule
}

// Classifier returns the catalog's event rules, service rules first.
func (c *Catalog) Classifier() *Classifier {
	cl := &Classifier{global: c.Events, perService: map[string][]EventRule{}}
	for _, s := range c.Services {
		if len(s.Events) > 0 {
			cl.perService[s.ID] = s.Events
		}
	}
	return cl
}

// Classify returns the first rule name whose pattern matches msg, or "".
func (cl *Classifier) Classify(serviceID, msg string) string {
	for _, r := range cl.perService[serviceID] {
		if r.re.MatchString(msg) {
			return r.Name
		}
	}
	for _, r := range cl.global {
		if r.re.MatchString(msg) {
			return r.Name
		}
	}
	return ""
}
