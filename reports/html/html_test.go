package html_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
	"outagelens/reports"
	"outagelens/reports/html"
	"outagelens/reports/internal/golden"
	"outagelens/reports/text"
)

var outDir = flag.String("out", "", "also write the test sites here, to look at")

// goldenPages are the demo's pages compared byte for byte with testdata/<lang>/...
var goldenPages = []string{
	"index.html", "service-wb-ration.html", "service-cg-chips-lsk.html", "news.html",
	"notice-wb-ration.html", "notice-mp-rewa-smartmeter.html", "2025-03/index.html", "2025-04/service-cg-csmcl-booking.html",
}

// TestGolden renders the demo's site and compares pages with
// testdata/<lang>/*.golden; regenerate with go test ./reports/html -update and
// review the diff.
func TestGolden(t *testing.T) {
	for _, lang := range html.Langs {
		t.Run(lang, func(t *testing.T) {
			dir, _ := demoSite(t, lang)
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

func readDoc(t testing.TB, path string) *goquery.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	require.NoError(t, err)
	return doc
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// contains fails unless hay holds needle, without printing hay (a page).
func contains(t testing.TB, hay, needle, what string) {
	t.Helper()
	if !strings.Contains(hay, needle) {
		t.Fatalf("%s: %q not found", what, needle)
	}
}

// cells is a table row's cells, each squashed, joined by spaces.
func cells(row *goquery.Selection) string {
	var out []string
	row.Find("td, th").Each(func(_ int, c *goquery.Selection) { out = append(out, squash(c.Text())) })
	return strings.Join(out, " ")
}

// TestPagesShowTheDemoResults checks the demo's pages against the report
// models they are built from (the analyses' result tables), so the site
// cannot drift into numbers of its own: each incident lists the news that
// result_links links to it, month-end is the monitored row, the day-of-month
// table is result_monthend_dom, the knee and headroom are result_load's, the
// storage-full weeks result_storage_full's, the worst cases
// result_promise_worst's, and the attention list names what SCENARIO.md says
// needs it.
func TestPagesShowTheDemoResults(t *testing.T) {
	ctx := context.Background()
	db := demoStore(t)
	dir, _ := demoSite(t, "en")
	f := reports.Filter{Location: ist}

	news, err := reports.News(ctx, db, f, false)
	require.NoError(t, err)
	title := map[string]string{}
	for _, n := range news {
		title[n.NewsIncident] = n.Title
	}
	links, err := reports.Links(ctx, db, f)
	require.NoError(t, err)
	pages := map[string]*goquery.Document{}
	page := func(p string) *goquery.Document {
		if pages[p] == nil {
			pages[p] = readDoc(t, filepath.Join(dir, p))
		}
		return pages[p]
	}
	var linked, logsOnly int
	for _, lk := range links {
		doc := page("service-" + lk.Service + ".html")
		switch lk.Kind {
		case "linked":
			row := squash(doc.Find("tr#" + lk.Incident).Text())
			require.NotEmpty(t, title[lk.NewsIncident], lk.NewsIncident)
			contains(t, row, squash(title[lk.NewsIncident]), lk.Incident+" names "+lk.NewsIncident+"'s news")
			contains(t, squash(doc.Find("tr#"+lk.NewsIncident).Text()), "Matches", lk.NewsIncident)
			linked++
		case "logs_only":
			contains(t, squash(doc.Find("tr#"+lk.Incident).Text()), "no news linked", lk.Incident)
			logsOnly++
		case "news_only":
			require.True(t, lk.LogsCover, "the demo's news-only outage has logs around it")
			contains(t, squash(doc.Find("tr#"+lk.NewsIncident).Text()), "the monitoring missed it", lk.NewsIncident)
		}
	}
	require.Positive(t, linked)
	require.Positive(t, logsOnly)
	// CHIPS' two storage-full articles are one news incident linked to the first
	// bursts, with the article link, outlet, date and an evidence sentence.
	chips := page("service-cg-chips-lsk.html")
	first := chips.Find("tr#I1")
	require.Equal(t, 1, first.Find(`a[href^="https://"]`).Length(), "I1 links the article")
	require.Equal(t, 1, first.Find("blockquote").Length(), "I1 quotes the evidence")
	require.Contains(t, first.Text(), "2025-06-30")

	// Month-end: the monitored row, not the news row.
	me, err := reports.MonthEnd(ctx, db, f)
	require.NoError(t, err)
	overview := page("index.html")
	var wbMonthEnd *reports.MonthEndRow
	for i := range me {
		if me[i].Service == "wb-ration" && me[i].Source == "monitoring" {
			wbMonthEnd = &me[i]
		}
	}
	require.NotNil(t, wbMonthEnd, "no monitored month-end row for wb-ration")
	require.NotNil(t, wbMonthEnd.IncidentRateRatio)
	require.Contains(t, overview.Find("table.cards tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), "wb-ration")
	}).Text(), fmt.Sprintf("%.1f×", *wbMonthEnd.IncidentRateRatio))

	// Day of month: the table behind the chart is result_monthend_dom.
	dom, err := reports.MonthEndDays(ctx, db, reports.Filter{Location: ist, Services: []string{"wb-ration"}})
	require.NoError(t, err)
	var rows []string
	page("service-wb-ration.html").Find("#dom tbody tr").Each(func(_ int, s *goquery.Selection) { rows = append(rows, cells(s)) })
	var want []string
	for _, d := range dom {
		if d.Service == "wb-ration" && d.Source == "monitoring" {
			want = append(want, squash(fmt.Sprintf("%d %d %d %.1f %d %s", d.DayOfMonth, d.ExposureDays, d.MonthEndDays, *d.OutageMinutesPerDay, d.Incidents, text.Count(*d.RequestsPerDay))))
		}
	}
	require.NotEmpty(t, want, "no monitored day-of-month rows for wb-ration")
	require.Equal(t, want, rows)

	// Load: the knee and the busiest slot of result_load.
	load, err := reports.Load(ctx, db, reports.Filter{Location: ist, Services: []string{"cg-csmcl-booking"}})
	require.NoError(t, err)
	require.NotEmpty(t, load)
	require.NotNil(t, load[0].KneeRequestsPerMinute)
	csmcl := page("service-cg-csmcl-booking.html")
	require.Contains(t, csmcl.Find("#load desc").Text(), fmt.Sprintf("from about %g requests a minute", *load[0].KneeRequestsPerMinute))
	require.Contains(t, squash(csmcl.Find(".kpis").Text()), "Load headroom, Sep 2025")

	// Storage-full weeks and the worst promise cases.
	full, err := reports.StorageFull(ctx, db, f)
	require.NoError(t, err)
	var weeks []string
	for _, r := range full {
		if r.Period == "week" {
			weeks = append(weeks, fmt.Sprintf("%s %d %s %s", r.Start.Format("2006-01-02"), r.Events, r.FirstEvent.Format("2006-01-02 15:04"), r.LastEvent.Format("2006-01-02 15:04")))
		}
	}
	require.NotEmpty(t, weeks)
	var shown []string
	chips.Find("#storage-full tbody tr").Each(func(_ int, s *goquery.Selection) { shown = append(shown, cells(s)) })
	require.Equal(t, weeks, shown)
	cases, err := reports.PromiseCases(ctx, db, reports.Filter{Location: ist, Services: []string{"mp-rewa-smartmeter"}})
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	var worst []string
	page("service-mp-rewa-smartmeter.html").Find("#worst-cases tbody tr").Each(func(_ int, s *goquery.Selection) { worst = append(worst, cells(s)) })
	require.Len(t, worst, len(cases))
	for i, c := range cases {
		contains(t, worst[i], c.Key+" "+c.Started.Format("2006-01-02 15:04"), "worst case")
	}

	// What needs attention first: the four things SCENARIO.md plants, storage
	// first; CHIPS' storage-full week at a month end is no month-end pattern.
	var attention []string
	overview.Find("ol.attention li").Each(func(_ int, s *goquery.Selection) { attention = append(attention, squash(s.Text())) })
	require.NotEmpty(t, attention)
	require.Contains(t, attention[0], "CHIPS Lok Seva Kendra certificates, Chhattisgarh: storage /data on lsk-db-1 will be full")
	all := strings.Join(attention, "\n")
	for _, want := range []string{
		"West Bengal ration distribution (PDS) and e-KYC: outages start 30.4 times as often in the last 3 days of the month",
		`Smart-meter reconnection, Rewa (MPPKVVCL): "reconnect within 20 minutes of payment" was broken in 51 of 2,608 cases`,
		`CSMCL online booking and home delivery, Chhattisgarh: 40 cases of "money back in the wallet within 4 hours when an order is not confirmed" were never completed`,
		"Smart-meter reconnection, Rewa (MPPKVVCL): an outage reported in the news on 2025-06-19 has no matching outage in the logs",
	} {
		require.Contains(t, all, want)
	}
	require.NotContains(t, all, "CHIPS Lok Seva Kendra certificates, Chhattisgarh: outages start")
}

// TestPagesReadResultTables changes result tables after the analysis and
// checks the pages follow: they show what the tables hold, whatever the rows
// behind them say.
func TestPagesReadResultTables(t *testing.T) {
	ctx := context.Background()
	db := edgeStore(t)
	for _, q := range []string{
		`UPDATE result_reliability_total SET availability_minutes_pct = 12.345 WHERE service_id = 'wb-ration'`,
		`UPDATE result_load SET knee_requests_per_minute = 4.2, headroom_pct = -61.5 WHERE service_id = 'wb-ration'`,
		`UPDATE result_monthend_dom SET down_minutes = 3 * known_minutes WHERE service_id = 'wb-ration' AND source = 'monitoring' AND day_of_month = 7`,
		`UPDATE result_links SET kind = 'news_only', incident_id = NULL, logs_cover = true WHERE service_id = 'wb-ration'`,
		`UPDATE result_storage_full SET events = 777 WHERE period = 'week'`,
		`UPDATE result_capacity_days SET median_pct = 33.25 WHERE day = DATE '2025-09-05'`,
	} {
		_, err := db.Exec(ctx, q)
		require.NoError(t, err, q)
	}
	dir, _ := writeSite(t, db, "tampered", "en")
	wb := readDoc(t, filepath.Join(dir, "service-wb-ration.html"))
	require.Contains(t, wb.Find(".kpis").Text(), "12.35%")
	require.Contains(t, wb.Find("#load desc").Text(), "from about 4.2 requests a minute")
	require.Contains(t, squash(wb.Find(".kpis").Text()), "-61.5%")
	require.Equal(t, "7 1 0 4320.0 0 600", cells(wb.Find("#dom tbody tr").Eq(6)), "day 7: 3 x 1440 down minutes per day")
	require.Contains(t, squash(wb.Find("tbody tr[id^=I]").Text()), "no news linked", "no incident is linked any more")
	require.Contains(t, wb.Find("#news").Next().Text(), "the monitoring missed it")
	chips := readDoc(t, filepath.Join(dir, "service-cg-chips-lsk.html"))
	contains(t, squash(chips.Find("#storage-full").Text()), "777", "storage-full weeks")
	contains(t, chips.Find("#capacity-1 tbody").Text(), "2025-09-0533.2%", "capacity table")
}

// TestEscaped checks what bytes cannot show by equality: text from a scraped
// page (title, outlet, evidence, a javascript: link) comes out as text, and no
// page has a script, an event handler or an external resource.
func TestEscaped(t *testing.T) {
	dir, files := writeSite(t, edgeStore(t), "edge", "en")
	for _, p := range []string{"news.html", "service-wb-ration.html"} {
		b, err := os.ReadFile(filepath.Join(dir, p))
		require.NoError(t, err)
		require.Contains(t, string(b), "&lt;script&gt;alert(1)&lt;/script&gt; Ration server down", p)
		require.Contains(t, string(b), "&lt;script&gt;alert(4)&lt;/script&gt;", p)
	}
	news, err := os.ReadFile(filepath.Join(dir, "news.html"))
	require.NoError(t, err)
	require.Contains(t, string(news), "&lt;img src=x onerror=alert(3)&gt;")
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

// TestLinks parses every page of the demo's and the edge fixture's sites: each
// href and src is either a page or anchor of the site that exists, or an
// article link (http/https) from the store; nothing else points off the page.
func TestLinks(t *testing.T) {
	for name, db := range map[string]*store.DB{"demo": demoStore(t), "edge": edgeStore(t)} {
		t.Run(name, func(t *testing.T) {
			dir, files := writeSite(t, db, name, "en")
			articles := map[string]bool{}
			rows, err := db.Query(context.Background(), `SELECT url FROM articles WHERE url IS NOT NULL`)
			require.NoError(t, err)
			for rows.Next() {
				var u string
				require.NoError(t, rows.Scan(&u))
				articles[u] = true
			}
			require.NoError(t, rows.Close())
			ids := map[string]map[string]bool{} // file -> ids
			docs := map[string]*goquery.Document{}
			for _, f := range files {
				doc := readDoc(t, f)
				docs[f] = doc
				ids[f] = map[string]bool{}
				doc.Find("[id]").Each(func(_ int, s *goquery.Selection) { ids[f][s.AttrOr("id", "")] = true })
			}
			var checked, offsite int
			for f, doc := range docs {
				doc.Find("[src], link[href]").Each(func(_ int, s *goquery.Selection) {
					t.Errorf("%s: external resource %s", f, goquery.NodeName(s))
				})
				doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
					href := s.AttrOr("href", "")
					checked++
					if strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") {
						offsite++
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
			require.Greater(t, checked, 100)
			require.Positive(t, offsite, "article links")
			_ = dir
		})
	}
}

// TestMonthSelector: every page exists for the whole period and each month,
// and each page's selector links to all of them.
func TestMonthSelector(t *testing.T) {
	dir, files := demoSite(t, "en")
	require.Len(t, files, 14*(1+1+4*2)) // 13 months and the whole period; overview, news, 4 services and notices
	for _, m := range []string{"", "2024-09/", "2025-09/"} {
		for _, p := range []string{"index.html", "news.html", "service-wb-ration.html", "notice-cg-chips-lsk.html"} {
			doc := readDoc(t, filepath.Join(dir, m+p))
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

// TestOneMonthSite: a site built for one month (--month) shows that month's
// results at its root; other time ranges are refused.
func TestOneMonthSite(t *testing.T) {
	ctx := context.Background()
	db := demoStore(t)
	from, to, err := reports.ParseMonth("2025-03", ist)
	require.NoError(t, err)
	site, err := html.Build(ctx, db, catalog.Default(), html.Options{Filter: reports.Filter{Location: ist, From: from, To: to}, Now: generated})
	require.NoError(t, err)
	require.Equal(t, "2025-03", site.Span)
	require.Equal(t, []string{"2025-03"}, site.Months)
	dir := t.TempDir()
	_, err = html.Write(dir, site)
	require.NoError(t, err)
	root, err := os.ReadFile(filepath.Join(dir, "index.html"))
	require.NoError(t, err)
	month, err := os.ReadFile(filepath.Join(dir, "2025-03", "index.html"))
	require.NoError(t, err)
	strip := func(b []byte) string { // the pages differ only in their links to each other
		s := strings.ReplaceAll(string(b), `href="../`, `href="`)
		return strings.ReplaceAll(strings.ReplaceAll(s, `href="2025-03/`, `href="`), ` aria-current="page"`, "")
	}
	require.Equal(t, strip(month), strip(root))
	require.Contains(t, string(root), "Mar 2025")

	_, err = html.Build(ctx, db, catalog.Default(), html.Options{Filter: reports.Filter{Location: ist, From: from, To: to.AddDate(0, 0, 1)}})
	require.True(t, errors.Is(err, html.ErrPeriod), "%v", err)
}

// TestNotices checks the notice texts: each service's language, the ongoing
// and restored forms, and the SMS counts.
func TestNotices(t *testing.T) {
	dir, _ := demoSite(t, "en")
	read := func(dir, p string) string {
		b, err := os.ReadFile(filepath.Join(dir, p))
		require.NoError(t, err)
		return string(b)
	}
	// The demo's last wb-ration outage (SCENARIO.md: 28 Sep 2025 09:00-13:30), restored.
	wb := read(dir, "notice-wb-ration.html")
	require.Contains(t, wb, `<article class="notice" lang="bn">`)
	require.Contains(t, wb, "বিজ্ঞপ্তি: রেশন (ই-পস) ও ই-কেওয়াইসি পরিষেবা আবার চালু")
	require.Contains(t, wb, "২৮ সেপ্টেম্বর ২০২৫, সকাল ৯টা থেকে ২৮ সেপ্টেম্বর ২০২৫, দুপুর ১টা ৩০ মিনিট পর্যন্ত")
	// A month with no outage of a service says so.
	require.Contains(t, read(dir, "2024-09/notice-cg-csmcl-booking.html"), "No outage in this period: nothing to announce.")

	// The edge fixture's smart-meter outage lasts to the end of the data.
	edge, _ := writeSite(t, edgeStore(t), "edge", "en")
	sm := read(edge, "notice-mp-rewa-smartmeter.html")
	require.Contains(t, sm, `lang="hi"`)
	require.Contains(t, sm, "सूचना: स्मार्ट मीटर री-कनेक्शन सेवा बंद है")
	require.Contains(t, sm, "30 सितंबर 2025, रात 8:15 बजे से स्मार्ट मीटर री-कनेक्शन सेवा काम नहीं कर रही है।")
	require.Contains(t, sm, "दोबारा भुगतान न करें")
	require.Contains(t, sm, "UCS-2")
	first := readDoc(t, filepath.Join(edge, "index.html")).Find("ol.attention li").First()
	require.Equal(t, "notice-mp-rewa-smartmeter.html", first.Find("a").AttrOr("href", ""))
	require.Contains(t, first.Text(), "has been down since 2025-09-30 20:15 and was still down when the data ends")
}

// TestSizeBounded: pages come from aggregates, so 20,000 incidents (and as many
// log lines behind them as you like) leave every page within a bound: the
// timeline merges marks that would overlap and the table lists the latest 200.
func TestSizeBounded(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	// Probes every minute for 20,000 cycles of 8 minutes: 2 failing, 6 fine (more
	// than the 5-minute merge gap), so each cycle is one incident.
	_, err := db.Exec(ctx, `INSERT INTO probes (source_id, line, service_id, ts, target, ok)
		SELECT 1, m, 'wb-ration', to_timestamp(epoch_us(TIMESTAMPTZ '2024-09-01 00:00:00+05:30') // 1000000 + m * 60), 'epos', m % 8 >= 2
		FROM range(20000 * 8) r(m)`)
	require.NoError(t, err)
	_, err = analyze.Run(ctx, db, analyze.Options{Location: ist, Catalog: catalog.Default()})
	require.NoError(t, err)
	incidents, err := reports.Incidents(ctx, db, reports.Filter{Location: ist})
	require.NoError(t, err)
	require.Len(t, incidents, 20000)
	dir, files := writeSite(t, db, "size", "en")
	var total, largest int64
	for _, f := range files {
		fi, err := os.Stat(f)
		require.NoError(t, err)
		total += fi.Size()
		largest = max(largest, fi.Size())
		require.Less(t, fi.Size(), int64(400<<10), "%s is %d bytes", f, fi.Size())
	}
	b, err := os.ReadFile(filepath.Join(dir, "service-wb-ration.html"))
	require.NoError(t, err)
	require.Contains(t, string(b), "Showing the latest 200 of 20000 incidents")
	require.Less(t, strings.Count(string(b), `class="inc"`), 800, "timeline marks")
	t.Logf("%d pages, %d bytes in all, the largest %d bytes", len(files), total, largest)
}
