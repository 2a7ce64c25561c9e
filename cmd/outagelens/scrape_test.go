package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// cli runs the command line args in-process, without a terminal, and returns
// its stdout, its stderr and the exit code.
func cli(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	root := newRoot(&streams{In: &bytes.Buffer{}, Out: &out, Err: &errb})
	root.SetArgs(args)
	code = exitCode(root.ExecuteContext(context.Background()), &errb)
	return out.String(), errb.String(), code
}

// TestScrapeCommand runs `outagelens scrape` against a local site: a feed with
// one article, fetched, stored and reported; the second run is conditional.
func TestScrapeCommand(t *testing.T) {
	page, err := os.ReadFile("../../data/demo/news/hi-smartmeter-2025-06-20.html")
	require.NoError(t, err)
	var agents []string
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /admin/\n")
	})
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><item><link>/news/1</link></item><item><link>/admin/x</link></item></channel></rss>`)
	})
	mux.HandleFunc("/news/1", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"a"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"a"`)
		_, _ = w.Write(page)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	db := filepath.Join(dir, "o.duckdb")
	seeds := filepath.Join(dir, "seeds.txt")
	require.NoError(t, os.WriteFile(seeds, []byte("# feeds\n"+srv.URL+"/rss.xml\n"), 0o644))
	_, stderr, code := cli("--db", db, "scrape", "--seeds", seeds, "--delay", "1ms", "--depth", "0", "--user-agent", "outagelens-cli-test")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "3 requests: 1 pages, 1 feeds or sitemaps, 0 not modified, 1 forbidden by robots.txt, 0 failed, 0 retries")
	require.Contains(t, stderr, "1 pages: 1 new")
	require.Equal(t, []string{"outagelens-cli-test"}, agents)

	_, stderr, code = cli("--db", db, "scrape", "--seeds", seeds, "--delay", "1ms", "--depth", "0")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "1 not modified")
	require.Contains(t, stderr, "0 pages: 0 new")

	stdout, stderr, code := cli("--db", db, "report", "news", "--format", "json")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, `"id": "mp-rewa-smartmeter"`)
	require.Contains(t, stdout, `"started": "2025-06-19T11:00+05:30"`)
	require.Contains(t, stdout, srv.URL+"/news/1")

	_, stderr, code = cli("--db", db, "scrape", "ftp://example.org/feed")
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, `seed "ftp://example.org/feed": only http and https URLs are fetched`)
}

// TestRunConfigScrapes: `run --config` fetches [news] urls and url_lists the way
// the scrape command does, tuned by [scrape], then analyzes; config mistakes are
// usage errors naming the key.
func TestRunConfigScrapes(t *testing.T) {
	page, err := os.ReadFile("../../data/demo/news/hi-smartmeter-2025-03-14.html")
	require.NoError(t, err)
	var agents []string
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nAllow: /\n") })
	mux.HandleFunc("/news/2", func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		_, _ = w.Write(page)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "seeds.txt"), []byte(srv.URL+"/news/2 # one article\n"), 0o644))
	cfg := filepath.Join(dir, "run.toml")
	require.NoError(t, os.WriteFile(cfg, []byte(`
db = "run.duckdb"
[news]
url_lists = ["seeds.txt"]
[scrape]
delay = "1ms"
depth = 0
user_agent = "outagelens-run-test"
[html]
out = ""
[report]
print = ""
`), 0o644))
	_, stderr, code := cli("run", "--config", cfg)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "1 pages: 1 new")
	require.Equal(t, []string{"outagelens-run-test"}, agents)
	require.FileExists(t, filepath.Join(dir, "run.duckdb"), "db is relative to the config file")

	require.NoError(t, os.WriteFile(cfg, []byte("[news]\nurls = [\"ftp://x/feed\"]\n[scrape]\ndelay = \"soon\"\n"), 0o644))
	_, stderr, code = cli("run", "--config", cfg)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, `news.urls[0]: "ftp://x/feed": only http and https URLs are fetched`)
	require.Contains(t, stderr, `scrape.delay: "soon" is not a duration like "5s"`)

	require.NoError(t, os.WriteFile(cfg, []byte("[scrape]\ndelay = \"5s\"\nburst = 2\n[report]\nprint = \"\"\nformat = \"csv\"\n"), 0o644))
	_, stderr, code = cli("run", "--config", cfg)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "unknown keys: scrape.burst, report.format")
}
