package html_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/ingest"
	"outagelens/reports"
	"outagelens/reports/html"
)

// Most pages under test come from the real pipeline on the bundled demo set
// (data/demo: 13 months of logs of four services and news pages about their
// outages; data/demo/SCENARIO.md says what is true in them): ingested into a
// DuckDB file and analysed once per test binary, on first use, and removed by
// TestMain. The small fixture in edge_test.go covers what the demo has not.

var ist = mustLoad("Asia/Kolkata")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func ts(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, ist)
	if err != nil {
		panic(err)
	}
	return t
}

// generated is the fixed clock of the test sites.
var generated = ts("2025-10-01 06:00")

var demo struct {
	once sync.Once
	dir  string
	db   *store.DB
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demo.db != nil {
		if err := demo.db.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close the demo store:", err)
			code = 1
		}
	}
	if demo.dir != "" {
		_ = os.RemoveAll(demo.dir)
	}
	os.Exit(code)
}

// demoStore returns the demo set ingested and analysed. Tests only read it.
func demoStore(t testing.TB) *store.DB {
	t.Helper()
	demo.once.Do(func() {
		start := time.Now()
		demo.dir, demo.err = os.MkdirTemp("", "outagelens-html-demo-*")
		if demo.err != nil {
			return
		}
		ctx := context.Background()
		demo.db, demo.err = store.Open(ctx, filepath.Join(demo.dir, "demo.duckdb"), store.Options{})
		if demo.err != nil {
			return
		}
		cat := catalog.Default()
		if _, demo.err = ingest.Logs(ctx, demo.db, []string{"../../data/demo/logs"}, ingest.Options{Location: ist, Catalog: cat}); demo.err != nil {
			return
		}
		if _, demo.err = ingest.News(ctx, demo.db, []string{"../../data/demo/news"}, ingest.NewsOptions{Location: ist, Catalog: cat}); demo.err != nil {
			return
		}
		_, demo.err = analyze.Run(ctx, demo.db, analyze.Options{Location: ist, Catalog: cat, Now: func() time.Time { return generated }})
		fmt.Fprintf(os.Stderr, "reports/html tests: demo set ingested and analysed in %.1f s\n", time.Since(start).Seconds())
	})
	if demo.err != nil {
		t.Fatalf("demo store: %v", demo.err)
	}
	return demo.db
}

// writeSite builds the site of db in lang and writes it to a temporary folder
// (or -out/name), returning the folder and the files written.
func writeSite(t testing.TB, db *store.DB, name, lang string) (string, []string) {
	t.Helper()
	site, err := html.Build(context.Background(), db, catalog.Default(), html.Options{
		Filter: reports.Filter{Location: ist}, Lang: lang, Now: generated,
	})
	require.NoError(t, err)
	dir := t.TempDir()
	if *outDir != "" {
		dir = filepath.Join(*outDir, name+"-"+lang)
		require.NoError(t, os.RemoveAll(dir))
	}
	files, err := html.Write(dir, site)
	require.NoError(t, err)
	return dir, files
}

// demoSite writes the demo's site in lang.
func demoSite(t testing.TB, lang string) (string, []string) {
	t.Helper()
	return writeSite(t, demoStore(t), "demo", lang)
}
