package news_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/data/catalog"
	"outagelens/ingest/news"
)

// TestDemoPages checks the demo news pages against the table at the end of
// data/demo/SCENARIO.md.
func TestDemoPages(t *testing.T) {
	type want struct {
		outage  bool
		service string
		state   string // "" when the table does not say
		started string // "2006-01-02 15:04", or "2006-01-02" when no time of day is read
		ended   string // "2006-01-02 15:04"; "" when the page gives no end
		ongoing bool   // no end, and still going on when written
		minutes float64
		cause   string
		money   bool
	}
	cases := map[string]want{
		"bn-ration-2024-09-29.html":     {true, "wb-ration", "West Bengal", "2024-09-28 18:00", "", true, 0, "", false},
		"bn-ration-2025-01-31.html":     {true, "wb-ration", "", "2025-01-30 09:30", "2025-01-31 13:00", false, 1650, "", false},
		"en-ration-2025-03-30.html":     {true, "wb-ration", "", "2025-03-29 17:00", "2025-03-30 12:00", false, 1140, "", false},
		"hi-chips-2025-07-02.html":      {true, "cg-chips-lsk", "Chhattisgarh", "2025-06-27 13:00", "", true, 0, "storage_full", false},
		"en-chips-2025-06-30.html":      {true, "cg-chips-lsk", "", "2025-06-27 14:00", "", true, 0, "storage_full", false},
		"hi-csmcl-2025-04-15.html":      {true, "cg-csmcl-booking", "", "2025-04-14 09:00", "2025-04-14 13:45", false, 285, "load_surge", true},
		"en-csmcl-2025-04-15.html":      {true, "cg-csmcl-booking", "", "2025-04-14 09:00", "2025-04-14 13:40", false, 280, "load_surge", false},
		"hi-smartmeter-2025-03-14.html": {true, "mp-rewa-smartmeter", "", "2025-03-13 12:00", "2025-03-13 21:00", false, 540, "", false},
		"hi-smartmeter-2025-06-20.html": {true, "mp-rewa-smartmeter", "", "2025-06-19 11:00", "2025-06-19 16:00", false, 300, "", false},
		"en-negative-sensex.html":       {false, "", "", "", "", false, 0, "", false},
		"hi-negative-datacentre.html":   {false, "", "", "", "", false, 0, "", false},
	}
	dir := "../../data/demo/news"
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	require.NoError(t, err)
	require.Len(t, files, len(cases), "demo pages and SCENARIO.md's table differ")
	cat := catalog.Default()
	events := map[string]string{}
	for _, f := range files {
		name := filepath.Base(f)
		w, ok := cases[name]
		require.True(t, ok, "%s is not in SCENARIO.md's table", name)
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		a, err := news.Read(b, nil, news.ReadOptions{Location: ist})
		require.NoError(t, err)
		r := news.Extract(a, cat, news.ExtractOptions{Location: ist})
		require.Equal(t, w.outage, r.IsOutage, "%s: is_outage (%v)", name, r.Evidence)
		if !w.outage {
			continue
		}
		require.Equal(t, w.service, r.ServiceID, "%s: service", name)
		if w.state != "" {
			require.Equal(t, w.state, r.State, "%s: state", name)
		}
		started := r.Started.In(ist).Format("2006-01-02")
		if r.StartedTimeKnown {
			started = r.Started.In(ist).Format("2006-01-02 15:04")
		}
		require.Equal(t, w.started, started, "%s: started (%q)", name, r.Evidence["started"])
		ended := ""
		if !r.Ended.IsZero() {
			ended = r.Ended.In(ist).Format("2006-01-02 15:04")
		}
		require.Equal(t, w.ended, ended, "%s: ended (%q)", name, r.Evidence["ended"])
		require.Equal(t, w.ongoing, r.Ongoing, "%s: ongoing (%q)", name, r.Evidence["ended"])
		if w.ongoing {
			require.Contains(t, r.Evidence["ended"], "still going on when published", name)
		}
		require.Equal(t, w.minutes, r.DurationMinutes, "%s: duration_minutes (%q)", name, r.Evidence["duration_minutes"])
		if w.cause != "" {
			require.Equal(t, w.cause, r.Cause, "%s: cause", name)
		}
		if w.money {
			require.Positive(t, r.MoneyINR, "%s: money_inr", name)
		}
		events[name] = r.Event
	}
	// "bn-ration-2024-09-29": since Saturday evening.
	require.Equal(t, "wb-ration/2024-09-28", events["bn-ration-2024-09-29.html"])
	// The two CSMCL launch-day pages are one event.
	require.Equal(t, events["hi-csmcl-2025-04-15.html"], events["en-csmcl-2025-04-15.html"])
}
