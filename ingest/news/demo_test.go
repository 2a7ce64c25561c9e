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
		started string // YYYY-MM-DD, "" when the table does not say
		cause   string
		money   bool
	}
	cases := map[string]want{
		"bn-ration-2024-09-29.html":     {true, "wb-ration", "West Bengal", "2024-09-28", "", false},
		"bn-ration-2025-01-31.html":     {true, "wb-ration", "", "2025-01-30", "", false},
		"en-ration-2025-03-30.html":     {true, "wb-ration", "", "2025-03-29", "", false},
		"hi-chips-2025-07-02.html":      {true, "cg-chips-lsk", "Chhattisgarh", "", "storage_full", false},
		"en-chips-2025-06-30.html":      {true, "cg-chips-lsk", "", "", "storage_full", false},
		"hi-csmcl-2025-04-15.html":      {true, "cg-csmcl-booking", "", "", "load_surge", true},
		"en-csmcl-2025-04-15.html":      {true, "cg-csmcl-booking", "", "", "load_surge", false},
		"hi-smartmeter-2025-03-14.html": {true, "mp-rewa-smartmeter", "", "2025-03-13", "", false},
		"hi-smartmeter-2025-06-20.html": {true, "mp-rewa-smartmeter", "", "2025-06-19", "", false},
		"en-negative-sensex.html":       {false, "", "", "", "", false},
		"hi-negative-datacentre.html":   {false, "", "", "", "", false},
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
		if w.started != "" {
			require.Equal(t, w.started, r.Started.In(ist).Format("2006-01-02"), "%s: started (%q)", name, r.Evidence["started"])
		}
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
