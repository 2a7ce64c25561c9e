package html_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/data/catalog"
	"outagelens/reports"
	"outagelens/reports/html"
)

var (
	update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")
	outDir = flag.String("out", "", "also write the fixture site here, to look at")
)

// generated is the fixed clock of the test sites.
var generated = ts("2025-10-01 06:00")

// buildSite writes the fixture site in lang to a temporary folder (or -out)
// and returns the folder and the files written.
func buildSite(t testing.TB, lang string, extraNews ...fxNews) (string, []string) {
	t.Helper()
	db := newFixtureStore(t, extraNews...)
	site, err := html.Build(context.Background(), db, catalog.Default(), html.Options{
		Filter: reports.Filter{Location: ist}, Lang: lang, Now: generated,
	})
	require.NoError(t, err)
	dir := t.TempDir()
	if *outDir != "" {
		dir = filepath.Join(*outDir, lang)
		require.NoError(t, os.RemoveAll(dir))
	}
	files, err := html.Write(dir, site)
	require.NoError(t, err)
	return dir, files
}

func TestWriteSite(t *testing.T) {
	dir, files := buildSite(t, "en", hostileNews)
	require.FileExists(t, filepath.Join(dir, "index.html"))
	t.Logf("%d files in %s", len(files), dir)
	_ = time.Now
}
