package news

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"outagelens/data/catalog"
)

// Label is one page's ground truth in a labels.json file (the format of
// ingest/news/testdata/corpus/README.md).
type Label struct {
	File            string   `json:"file"`
	Layout          string   `json:"layout"`
	Language        string   `json:"language"`
	Published       string   `json:"published"`
	IsOutage        bool     `json:"is_outage"`
	EventID         *string  `json:"event_id"`
	ServiceID       *string  `json:"service_id"`
	ServiceName     *string  `json:"service_name_in_text"`
	State           *string  `json:"state"`
	District        *string  `json:"district"`
	Started         *string  `json:"started"`
	StartedTime     *string  `json:"started_time"`
	Ended           *string  `json:"ended"`
	DurationMinutes *float64 `json:"duration_minutes"`
	Cause           *string  `json:"cause"`
	Affected        *float64 `json:"affected"`
	MoneyINR        *float64 `json:"money_inr"`
	Notes           string   `json:"notes"`
}

// EvalFields are the fields Evaluate scores, in table order; the first four
// carry the 0.85 target.
var EvalFields = []string{"service", "state", "started", "cause", "published", "language", "district",
	"started_time", "ended", "duration_minutes", "affected", "money_inr"}

// Evaluation is how well the extractor reads one labelled folder.
type Evaluation struct {
	Pages, Outages          int
	TP, FP, FN              int            // is_outage over every page
	Hits                    map[string]int // per field: labelled outage pages read exactly right
	Misses                  []string       // "file: field want X got Y", sorted
	Precision, Recall, F1   float64
	Exact                   map[string]float64 // Hits / Outages
	EventsFound, EventsWant int                // distinct incident keys among true outage pages vs distinct event_id labels
	// PairsAgree of PairsTotal pairs of labelled outage pages are grouped as the
	// labels group them (same event_id exactly when the same Event key).
	PairsAgree, PairsTotal int
}

// Evaluate reads every page a labels.json in dir lists and compares what Read
// and Extract make of it with the labels: is_outage by precision, recall and
// F1 over all pages; every other field by exact match on the pages labelled as
// outages.
func Evaluate(dir string, cat *catalog.Catalog, ro ReadOptions, eo ExtractOptions) (Evaluation, error) {
	loc := eo.Location
	if loc == nil {
		loc = catalog.IST
	}
	ro.Location, eo.Location = loc, loc
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		return Evaluation{}, err
	}
	var labels []Label
	if err := json.Unmarshal(b, &labels); err != nil {
		return Evaluation{}, fmt.Errorf("%s: %w", filepath.Join(dir, "labels.json"), err)
	}
	if len(labels) == 0 {
		return Evaluation{}, fmt.Errorf("%s: no labelled pages", dir)
	}
	ev := Evaluation{Pages: len(labels), Hits: map[string]int{}, Exact: map[string]float64{}}
	events, wantEvents := map[string]bool{}, map[string]bool{}
	type pair struct{ want, got string }
	var grouped []pair
	for _, l := range labels {
		html, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			return ev, err
		}
		a, err := Read(html, nil, ro)
		if err != nil {
			return ev, fmt.Errorf("%s: %w", l.File, err)
		}
		r := Extract(a, cat, eo)
		switch {
		case l.IsOutage && r.IsOutage:
			ev.TP++
		case !l.IsOutage && r.IsOutage:
			ev.FP++
			ev.Misses = append(ev.Misses, fmt.Sprintf("%s: is_outage want false got true (%q)", l.File, r.Evidence["is_outage"]))
		case l.IsOutage && !r.IsOutage:
			ev.FN++
			ev.Misses = append(ev.Misses, fmt.Sprintf("%s: is_outage want true got false", l.File))
		}
		if !l.IsOutage {
			continue
		}
		ev.Outages++
		if l.EventID != nil {
			wantEvents[*l.EventID] = true
		}
		if r.IsOutage && r.Event != "" {
			events[r.Event] = true
		}
		if l.EventID != nil {
			got := r.Event
			if !r.IsOutage || got == "" {
				got = "none:" + l.File
			}
			grouped = append(grouped, pair{*l.EventID, got})
		}
		for f, v := range fieldValues(l, a, r, loc) {
			if v[0] == v[1] {
				ev.Hits[f]++
			} else {
				ev.Misses = append(ev.Misses, fmt.Sprintf("%s: %s want %q got %q", l.File, f, v[0], v[1]))
			}
		}
	}
	ev.EventsFound, ev.EventsWant = len(events), len(wantEvents)
	for i := range grouped {
		for j := i + 1; j < len(grouped); j++ {
			ev.PairsTotal++
			if (grouped[i].want == grouped[j].want) == (grouped[i].got == grouped[j].got) {
				ev.PairsAgree++
			}
		}
	}
	ev.Precision = float64(ev.TP) / float64(max(ev.TP+ev.FP, 1))
	ev.Recall = float64(ev.TP) / float64(max(ev.TP+ev.FN, 1))
	if ev.Precision+ev.Recall > 0 {
		ev.F1 = 2 * ev.Precision * ev.Recall / (ev.Precision + ev.Recall)
	}
	for _, f := range EvalFields {
		ev.Exact[f] = float64(ev.Hits[f]) / float64(max(ev.Outages, 1))
	}
	sort.Strings(ev.Misses)
	return ev, nil
}

// Table renders the evaluation as a Markdown table.
func (ev Evaluation) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d pages (%d outages, %d negatives)\n", ev.Pages, ev.Outages, ev.Pages-ev.Outages)
	fmt.Fprintf(&b, "| field | score |\n|---|---|\n")
	fmt.Fprintf(&b, "| is_outage F1 (P %.3f, R %.3f) | %.3f |\n", ev.Precision, ev.Recall, ev.F1)
	for _, f := range EvalFields {
		fmt.Fprintf(&b, "| %s exact | %.3f (%d/%d) |\n", f, ev.Exact[f], ev.Hits[f], ev.Outages)
	}
	fmt.Fprintf(&b, "| incidents: event keys / labelled events | %d / %d |\n", ev.EventsFound, ev.EventsWant)
	fmt.Fprintf(&b, "| incidents: page pairs grouped as labelled | %d / %d |\n", ev.PairsAgree, ev.PairsTotal)
	return b.String()
}

func labelString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func labelNumber(p *float64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

// fieldValues returns, per field, the labelled and the extracted value as strings.
func fieldValues(l Label, a Article, r Report, loc *time.Location) map[string][2]string {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format("2006-01-02")
	}
	clock := ""
	if r.StartedTimeKnown {
		clock = r.Started.In(loc).Format("15:04")
	}
	n := func(f float64) string {
		if f == 0 {
			return ""
		}
		return fmt.Sprint(math.Round(f))
	}
	return map[string][2]string{
		"published":        {l.Published, day(a.Published)},
		"language":         {l.Language, a.Language},
		"service":          {labelString(l.ServiceID), r.ServiceID},
		"state":            {labelString(l.State), r.State},
		"district":         {labelString(l.District), r.District},
		"started":          {labelString(l.Started), day(r.Started)},
		"started_time":     {labelString(l.StartedTime), clock},
		"ended":            {labelString(l.Ended), day(r.Ended)},
		"duration_minutes": {labelNumber(l.DurationMinutes), n(r.DurationMinutes)},
		"cause":            {labelString(l.Cause), r.Cause},
		"affected":         {labelNumber(l.Affected), n(float64(r.Affected))},
		"money_inr":        {labelNumber(l.MoneyINR), n(r.MoneyINR)},
	}
}
