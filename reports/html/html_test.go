package html_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"outagelens/data/catalog"
	"outagelens/reports"
	"outagelens/reports/html"
	"outagelens/reports/internal/golden"
)

var outDir = flag.String("out", "", "also write the fixture site here, to look at")

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
}

// goldenPages are the pages compared byte for byte with testdata/<lang>/...
var goldenPages = []string{
	"index.html", "service-wb-ration.html", "service-cg-chips-lsk.html", "news.html",
	"notice-wb-ration.html", "notice-mp-rewa-smartmeter.html", "2025-03/index.html", "2025-04/service-cg-csmcl-booking.html",
}

// TestGolden renders the fixture site and compares pages with
// testdata/<lang>/*.golden; regenerate with go test ./reports/html -update.
func TestGolden(t *testing.T) {
	for _, lang := range html.Langs {
		t.Run(lang, func(t *testing.T) {
			dir, _ := buildSite(t, lang, hostileNews)
			pages := goldenPages
			if lang != "en" {
				pages = pages[:2]
			}
			for _, p := range pages {
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				require.NoError(t, err)
				golden.Check(t, filepath.Join("testdata", lang, strings.ReplaceAll(p, "/", "_")+".golden"), got)
			}
		})
	}
}

// TestEscaped checks what bytes cannot show by equality: text from a scraped
// page (title, outlet, evidence, a javascript: link) comes out as text, and no
// page has a script, an event handler or an external resource.
func TestEscaped(t *testing.T) {
	dir, files := buildSite(t, "en", hostileNews)
	news, err := os.ReadFile(filepath.Join(dir, "news.html"))
	require.NoError(t, err)
	require.Contains(t, string(news), "&lt;script&gt;alert(1)&lt;/script&gt; Ration server down")
	require.Contains(t, string(news), "&lt;img src=x onerror=alert(3)&gt;")
	require.Contains(t, string(news), "&lt;script&gt;alert(4)&lt;/script&gt;")
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		low := strings.ToLower(string(b))
		require.NotContains(t, low, "<script", f)
		require.NotContains(t, low, "<img", f)
		require.NotRegexp(t, `(href|src)\s*=\s*"?\s*javascript:`, low, f)
		require.NotRegexp(t, `<[^>]+\son[a-z]+=`, low, "event handler attribute in %s", f)
	}
}

// TestLinks parses every page: each href and src is either a page or anchor
// of this site that exists, or an article link (http/https) from the news;
// nothing else points off the page.
func TestLinks(t *testing.T) {
	dir, files := buildSite(t, "en", hostileNews)
	articles := map[string]bool{}
	for _, n := range fxNewsItems {
		articles[n.url] = true
	}
	ids := map[string]map[string]bool{} // file -> ids
	docs := map[string]*goquery.Document{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
		require.NoError(t, err)
		docs[f] = doc
		ids[f] = map[string]bool{}
		doc.Find("[id]").Each(func(_ int, s *goquery.Selection) { ids[f][s.AttrOr("id", "")] = true })
	}
	var checked int
	for f, doc := range docs {
		doc.Find("[src], link[href]").Each(func(_ int, s *goquery.Selection) {
			t.Errorf("%s: external resource %s", f, goquery.NodeName(s))
		})
		doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
			href := s.AttrOr("href", "")
			checked++
			if strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") {
				if !articles[href] {
					t.Errorf("%s: link off the site that is no article: %s", f, href)
				}
				return
			}
			require.NotContains(t, href, ":", "%s: link with a scheme: %s", f, href)
			target, frag, _ := strings.Cut(href, "#")
			path := f
			if target != "" {
				path = filepath.Join(filepath.Dir(f), filepath.FromSlash(target))
			}
			if _, ok := docs[path]; !ok {
				t.Errorf("%s: link to a page not written: %s", f, href)
				return
			}
			if frag != "" && !ids[path][frag] {
				t.Errorf("%s: link to a missing anchor: %s", f, href)
			}
		})
	}
	require.Greater(t, checked, 1000)
	_ = dir
}

// TestMonthSelector: every page exists for the whole period and each month,
// and each page's selector links to all of them.
func TestMonthSelector(t *testing.T) {
	dir, files := buildSite(t, "en")
	require.Len(t, files, 14*(1+1+4*2)) // 13 months and the whole period; overview, news, 4 services and notices
	for _, m := range []string{"", "2024-09/", "2025-09/"} {
		for _, p := range []string{"index.html", "news.html", "service-wb-ration.html", "notice-cg-chips-lsk.html"} {
			b, err := os.ReadFile(filepath.Join(dir, m+p))
			require.NoError(t, err)
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
			require.NoError(t, err)
			var hrefs []string
			doc.Find("nav.periods a").Each(func(_ int, s *goquery.Selection) { hrefs = append(hrefs, s.AttrOr("href", "")) })
			require.Len(t, hrefs, 14, "%s%s: month links", m, p)
			root := map[bool]string{true: "", false: "../"}[m == ""]
			require.Equal(t, root+p, hrefs[0])
			require.Equal(t, root+"2025-09/"+p, hrefs[13])
			require.Equal(t, 1, doc.Find(`nav.periods a[aria-current="page"]`).Length())
		}
	}
}

// TestNotices checks the notice texts: each service's language, the ongoing
// and restored forms, and the SMS counts.
func TestNotices(t *testing.T) {
	dir, _ := buildSite(t, "en")
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dir, p))
		require.NoError(t, err)
		return string(b)
	}
	wb := read("notice-wb-ration.html")
	require.Contains(t, wb, `<article class="notice" lang="bn">`)
	require.Contains(t, wb, "বিজ্ঞপ্তি: রেশন (ই-পস) ও ই-কেওয়াইসি পরিষেবা আবার চালু")
	require.Contains(t, wb, "২৮ সেপ্টেম্বর ২০২৫, সকাল ৯টা থেকে ২৮ সেপ্টেম্বর ২০২৫, দুপুর ১টা ৩০ মিনিট পর্যন্ত")
	sm := read("notice-mp-rewa-smartmeter.html")
	require.Contains(t, sm, `lang="hi"`)
	require.Contains(t, sm, "सूचना: स्मार्ट मीटर री-कनेक्शन सेवा बंद है")
	require.Contains(t, sm, "30 सितंबर 2025, रात 8:15 बजे से स्मार्ट मीटर री-कनेक्शन सेवा काम नहीं कर रही है।")
	require.Contains(t, sm, "दोबारा भुगतान न करें")
	require.Contains(t, sm, "UCS-2")
	// A month with no outage of a service says so.
	require.Contains(t, read("2024-09/notice-cg-csmcl-booking.html"), "No outage in this period: nothing to announce.")
}

// TestSizeBounded: pages come from aggregates, so 20,000 more incidents (and as
// many log lines behind them as you like) leave every page within a bound: the
// timeline merges marks that would overlap and the table lists the latest 200.
func TestSizeBounded(t *testing.T) {
	ctx := context.Background()
	db := newFixtureStore(t)
	_, err := db.Exec(ctx, `INSERT INTO result_incidents BY NAME
		SELECT 'wb-ration' AS service_id, 1000 + i AS incident_id, ? + i * 27 AS start_minute, ? + i * 27 + 3 AS end_minute,
		       3 AS down_minutes, 3 AS duration_minutes, 1.0 AS peak_error_ratio, 'logs' AS source, 'unknown' AS cause
		FROM range(20000) t(i)`, dataFrom.Unix()/60, dataFrom.Unix()/60)
	require.NoError(t, err)
	site, err := html.Build(ctx, db, catalog.Default(), html.Options{Filter: reports.Filter{Location: ist}, Now: generated})
	require.NoError(t, err)
	dir := t.TempDir()
	files, err := html.Write(dir, site)
	require.NoError(t, err)
	var total int64
	for _, f := range files {
		fi, err := os.Stat(f)
		require.NoError(t, err)
		total += fi.Size()
		require.Less(t, fi.Size(), int64(400<<10), "%s is %d bytes", f, fi.Size())
	}
	b, err := os.ReadFile(filepath.Join(dir, "service-wb-ration.html"))
	require.NoError(t, err)
	require.Contains(t, string(b), "Showing the latest 200 of 20013 incidents")
	require.Less(t, strings.Count(string(b), `class="inc"`), 800, "timeline marks")
	t.Logf("%d pages, %d bytes in all", len(files), total)
}
