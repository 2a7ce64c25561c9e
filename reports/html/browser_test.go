package html_test

import (
	"context"
	"flag"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

var screenshots = flag.String("screenshots", "", "write the review screenshots here (default: a folder under the system temp dir, logged)")

// chromium finds Debian's Chromium, or "" when it is not installed.
func chromium() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium with the flags that work in CI's
// sandbox, and records console errors, uncaught exceptions, failed loads and
// JavaScript dialogs (the injected alert(1) would open one) as problems.
func newBrowser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	bin := chromium()
	if bin == "" {
		t.Skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium; .ci/run installs it): not found, skipping")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.WindowSize(1280, 900),
	}
	// A fresh profile, removed once the browser has exited (t.TempDir's
	// cleanup could race the browser still writing to it).
	profile, err := os.MkdirTemp("", "outagelens-chromium-*")
	require.NoError(t, err)
	opts = append(opts, chromedp.UserDataDir(profile))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		_ = os.RemoveAll(profile)
	})
	var mu sync.Mutex
	var problems []string
	add := func(s string) { mu.Lock(); problems = append(problems, s); mu.Unlock() }
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				add("console error: " + strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			add("exception: " + e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError {
				add("log error: " + e.Entry.Text + " " + e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			add("JavaScript dialog opened: " + e.Message)
			go func() { _ = chromedp.Run(ctx, page.HandleJavaScriptDialog(false)) }()
		}
	})
	require.NoError(t, chromedp.Run(ctx, log.Enable(), runtime.Enable()))
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := problems
		problems = nil
		return out
	}
}

// pageFacts is what the browser reports about a loaded page.
type pageFacts struct {
	Title       string   `json:"title"`
	Charts      int      `json:"charts"`
	EmptyCharts []string `json:"emptyCharts"`
	Links       []string `json:"links"`
	Text        string   `json:"text"`
	ScrollWidth int      `json:"scrollWidth"`
	// Unexplained lists chart figures with neither a drawing nor a sentence
	// saying why there is none.
	Unexplained []string `json:"unexplained"`
}

const factsJS = `(() => {
	const svgs = [...document.querySelectorAll('figure.chart svg, svg.chart-svg')];
	const empty = svgs.filter(s => { const r = s.getBoundingClientRect(); return s.childElementCount < 3 || r.width < 50 || r.height < 20; })
		.map(s => (s.closest('figure') || s).id || s.getAttribute('aria-labelledby'));
	return {
		title: document.title,
		charts: new Set(svgs).size,
		emptyCharts: empty,
		links: [...document.querySelectorAll('a[href]')].map(a => new URL(a.getAttribute('href'), document.baseURI).href),
		text: document.body.innerText,
		scrollWidth: document.documentElement.scrollWidth,
		unexplained: [...document.querySelectorAll('figure.chart')].filter(f => !f.querySelector('svg') && !f.querySelector('p.muted')).map(f => f.id),
	};
})()`

func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// TestBrowser opens every page of the demo's site and of the edge fixture's in
// Chromium, as a planner would from the folder: no console errors, charts drawn
// and non-empty, every link to a page of the site lands on a file that exists,
// the injected title shows as text without running, and the site reads on a
// phone and prints. It writes screenshots of the overview, a service page and a
// notice for review.
func TestBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	edge, edgeFiles := writeSite(t, edgeStore(t), "edge", "en")
	checkPages(t, ctx, problems, edge, edgeFiles)
	dir, files := demoSite(t, "en")
	checkPages(t, ctx, problems, dir, files)
	// The demo has data for every service: whole-period service pages draw
	// the calendar, day of month, timeline and load; the overview its trends.
	for _, p := range []string{"service-wb-ration.html", "service-cg-chips-lsk.html", "service-cg-csmcl-booking.html", "service-mp-rewa-smartmeter.html", "index.html"} {
		var facts pageFacts
		require.NoError(t, chromedp.Run(ctx, chromedp.Navigate(fileURL(filepath.Join(dir, p))), chromedp.WaitReady("body"), chromedp.Evaluate(factsJS, &facts)))
		require.GreaterOrEqual(t, facts.Charts, 4, "%s: charts", p)
	}
	var text string
	require.NoError(t, chromedp.Run(ctx, chromedp.Navigate(fileURL(filepath.Join(edge, "news.html"))), chromedp.WaitReady("body"),
		chromedp.Evaluate(`document.body.innerText`, &text)))
	require.Contains(t, text, "<script>alert(1)</script> Ration server down", "the injected title shows as text")
	require.Empty(t, problems())

	// On a phone (390 px wide) the pages do not scroll sideways: wide tables
	// scroll inside their box or turn into cards.
	shots := *screenshots
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "outagelens-screenshots")
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))
	for _, p := range []string{"index.html", "service-cg-chips-lsk.html", "news.html", "notice-wb-ration.html"} {
		var facts pageFacts
		var png []byte
		err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(fileURL(filepath.Join(dir, p))), chromedp.WaitReady("body"), chromedp.Evaluate(factsJS, &facts))
		require.NoError(t, err, p)
		require.LessOrEqual(t, facts.ScrollWidth, 391, "%s scrolls sideways on a phone", p)
		if p == "index.html" {
			require.NoError(t, chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)))
			require.NoError(t, os.WriteFile(filepath.Join(shots, "phone-overview.png"), png, 0o644))
		}
	}
	// Printed (print media, A4 width at 96 dpi): navigation hidden, nothing wider
	// than the paper, and Chromium makes a PDF of it.
	for _, p := range []string{"index.html", "service-cg-chips-lsk.html", "notice-wb-ration.html"} {
		var navShown bool
		var width int
		var pdf []byte
		err := chromedp.Run(ctx, chromedp.EmulateViewport(794, 1123), emulation.SetEmulatedMedia().WithMedia("print"),
			chromedp.Navigate(fileURL(filepath.Join(dir, p))), chromedp.WaitReady("body"),
			chromedp.Evaluate(`[...document.querySelectorAll('header.site, nav.periods')].some(e => getComputedStyle(e).display !== 'none')`, &navShown),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &width),
			chromedp.ActionFunc(func(ctx context.Context) (err error) {
				pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).Do(ctx)
				return err
			}),
			emulation.SetEmulatedMedia().WithMedia(""))
		require.NoError(t, err, p)
		require.False(t, navShown, "%s: navigation printed", p)
		require.LessOrEqual(t, width, 795, "%s is wider than the paper when printed", p)
		require.True(t, strings.HasPrefix(string(pdf), "%PDF"), p)
	}
	clean := dir
	for name, p := range map[string]string{"overview.png": "index.html", "service.png": "service-cg-chips-lsk.html", "notice.png": "notice-wb-ration.html"} {
		var png []byte
		err := chromedp.Run(ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(fileURL(filepath.Join(clean, p))),
			chromedp.WaitReady("body"), chromedp.FullScreenshot(&png, 100))
		require.NoError(t, err, p)
		require.Greater(t, len(png), 10_000, "%s screenshot looks empty", p)
		require.NoError(t, os.WriteFile(filepath.Join(shots, name), png, 0o644))
	}
	require.Empty(t, problems())
	t.Logf("screenshots for review in %s", shots)
}

// checkPages loads every page in Chromium: no console errors, exceptions,
// failed loads or dialogs; charts drawn and non-empty; links to the site land on
// files that exist and nothing else is linked but http(s) articles.
func checkPages(t *testing.T, ctx context.Context, problems func() []string, dir string, files []string) {
	t.Helper()
	require.NotEmpty(t, files)
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		var facts pageFacts
		err := chromedp.Run(ctx, chromedp.Navigate(fileURL(f)), chromedp.WaitReady("body"), chromedp.Evaluate(factsJS, &facts))
		require.NoError(t, err, rel)
		require.Empty(t, problems(), rel)
		require.Contains(t, facts.Title, "outagelens", rel)
		require.Empty(t, facts.EmptyCharts, "%s: charts with nothing drawn", rel)
		require.Empty(t, facts.Unexplained, "%s: charts with neither a drawing nor a reason", rel)
		for _, l := range facts.Links {
			u, err := url.Parse(l)
			require.NoError(t, err)
			switch u.Scheme {
			case "file":
				_, err := os.Stat(u.Path)
				require.NoError(t, err, "%s: link to %s", rel, l)
			case "https", "http":
				// article links: checked against the news in TestLinks
			default:
				t.Errorf("%s: link with scheme %q: %s", rel, u.Scheme, l)
			}
		}
	}
}

var siteDir = flag.String("site", "", "TestBrowserSite: check the pages of this generated site (e.g. the demo's) in Chromium")

// TestBrowserSite runs the page checks on a site written by outagelens html
// (CI runs it on the demo's) and, with -screenshots, writes its overview and a
// service page.
func TestBrowserSite(t *testing.T) {
	if *siteDir == "" {
		t.Skip("no -site DIR given")
	}
	ctx, problems := newBrowser(t)
	var files []string
	require.NoError(t, filepath.WalkDir(*siteDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	}))
	checkPages(t, ctx, problems, *siteDir, files)
	t.Logf("%d pages checked in %s", len(files), *siteDir)
	if *screenshots != "" {
		require.NoError(t, os.MkdirAll(*screenshots, 0o755))
		for name, p := range map[string]string{"overview.png": "index.html", "service-cg-chips-lsk.png": "service-cg-chips-lsk.html"} {
			var png []byte
			require.NoError(t, chromedp.Run(ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(fileURL(filepath.Join(*siteDir, p))),
				chromedp.WaitReady("body"), chromedp.FullScreenshot(&png, 100)))
			require.NoError(t, os.WriteFile(filepath.Join(*screenshots, name), png, 0o644))
		}
	}
}

// TestBrowserHindi loads the Hindi site's pages and checks the labels render
// in Devanagari (a font with the script is found: text is not blank boxes
// measured as zero width).
func TestBrowserHindi(t *testing.T) {
	ctx, problems := newBrowser(t)
	dir, _ := demoSite(t, "hi")
	var facts pageFacts
	var width float64
	err := chromedp.Run(ctx, chromedp.Navigate(fileURL(filepath.Join(dir, "index.html"))), chromedp.WaitReady("body"),
		chromedp.Evaluate(factsJS, &facts),
		chromedp.Evaluate(`document.querySelector('h1').getBoundingClientRect().width`, &width))
	require.NoError(t, err)
	require.Empty(t, problems())
	require.Contains(t, facts.Text, "सबसे पहले किस पर ध्यान दें")
	require.Greater(t, width, 100.0, "the Hindi heading has no width: no font?")
	if *screenshots != "" {
		require.NoError(t, os.MkdirAll(*screenshots, 0o755))
		var png []byte
		require.NoError(t, chromedp.Run(ctx, chromedp.EmulateViewport(1200, 900), chromedp.FullScreenshot(&png, 100)))
		require.NoError(t, os.WriteFile(filepath.Join(*screenshots, "overview-hi.png"), png, 0o644))
	}
}

// TestBrowserCatchesProblems proves the detector the page checks rely on: a
// page that opens a dialog, logs a console error, throws and fails a load is
// reported on every count.
func TestBrowserCatchesProblems(t *testing.T) {
	ctx, problems := newBrowser(t)
	bad := filepath.Join(t.TempDir(), "bad.html")
	require.NoError(t, os.WriteFile(bad, []byte(`<!DOCTYPE html><title>bad</title><body><img src="missing.png">
<script>alert(1); console.error("boom"); setTimeout(() => { throw new Error("thrown") }, 0);</script>`), 0o644))
	require.NoError(t, chromedp.Run(ctx, chromedp.Navigate(fileURL(bad)), chromedp.WaitReady("body"), chromedp.Sleep(300*time.Millisecond)))
	got := strings.Join(problems(), "\n")
	for _, want := range []string{"JavaScript dialog opened: 1", "console error: \"boom\"", "exception: Uncaught", "missing.png"} {
		require.Contains(t, got, want)
	}
}
