package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReportNewsOngoing: two demo pages of wb-ration, ingested and reported.
// The Bengali page of 2024-09-29 gives no end and says the e-PoS machines
// still do not work ("কাজ করছে না") when it was written: ongoing. The page of
// 2025-01-31 says the server came back on Friday at one: not ongoing. The same
// holds once analyze groups them.
func TestReportNewsOngoing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "o.duckdb")
	_, stderr, code := cli("--db", db, "ingest", "news",
		"../../data/demo/news/bn-ration-2024-09-29.html", "../../data/demo/news/bn-ration-2025-01-31.html")
	require.Equal(t, 0, code, stderr)

	check := func(when string) {
		stdout, stderr, code := cli("--db", db, "report", "news", "--format", "json")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, stdout, `"ongoing": true`, when)
		var rows []struct {
			Source  string `json:"source"`
			Started string `json:"started"`
			Ended   string `json:"ended"`
			Ongoing *bool  `json:"ongoing"`
		}
		require.NoError(t, json.Unmarshal([]byte(stdout), &rows), when)
		require.Len(t, rows, 2, when)
		got := map[string]bool{}
		for _, r := range rows {
			require.NotNil(t, r.Ongoing, "%s: %s has no ongoing field", when, r.Source)
			got[filepath.Base(r.Source)+" ended="+r.Ended] = *r.Ongoing
		}
		require.Equal(t, map[string]bool{
			"bn-ration-2024-09-29 ended=":                          true,
			"bn-ration-2025-01-31 ended=2025-01-31T13:00:00+05:30": false,
		}, got, when)
	}
	check("before analyze")
	_, stderr, code = cli("--db", db, "analyze")
	require.Equal(t, 0, code, stderr)
	check("after analyze")
}
