package news_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"outagelens/ingest/news"
)

// fakeClock lets delays and backoffs pass without waiting.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	f.slept = append(f.slept, d)
	return nil
}

func (f *fakeClock) total() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var t time.Duration
	for _, d := range f.slept {
		t += d
	}
	return t
}

// memLog is a FetchLog in memory.
type memLog struct {
	mu   sync.Mutex
	recs []news.FetchRecord
}

func (m *memLog) Last(_ context.Context, url string) (news.FetchRecord, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.recs) - 1; i >= 0; i-- {
		if r := m.recs[i]; r.URL == url && (r.Status >= 200 && r.Status < 300 || r.Status == 304) {
			return r, true, nil
		}
	}
	return news.FetchRecord{}, false, nil
}

func (m *memLog) Record(_ context.Context, r news.FetchRecord) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recs = append(m.recs, r)
	return nil
}

func (m *memLog) errorsFor(url string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, r := range m.recs {
		if r.URL == url && r.Error != "" {
			out = append(out, r.Error)
		}
	}
	return out
}

// site is a test web site: robots.txt, feeds, sitemaps and article pages, with
// a count of requests per path and the User-Agents seen.
type site struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	agents map[string]bool
	pages  map[string]func(w http.ResponseWriter, r *http.Request)
}

func newSite(t *testing.T) *site {
	s := &site{hits: map[string]int{}, agents: map[string]bool{}, pages: map[string]func(http.ResponseWriter, *http.Request){}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.agents[r.UserAgent()] = true
		h, ok := s.pages[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) handle(path string, h func(w http.ResponseWriter, r *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = h
}

func (s *site) static(path, contentType, body string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	})
}

func (s *site) article(path, title string, links ...string) {
	var b strings.Builder
	for _, l := range links {
		fmt.Fprintf(&b, `<a href="%s">link</a> `, l)
	}
	s.static(path, "text/html; charset=utf-8", fmt.Sprintf(`<!DOCTYPE html><html lang="hi"><head><title>%s</title>
<meta property="article:published_time" content="2025-03-01T10:00:00+05:30"></head>
<body><article><h1>%s</h1><p>रायपुर। लोक सेवा केंद्रों में सोमवार सुबह से चिप्स का सर्वर ठप है।</p>%s</article></body></html>`, title, title, b.String()))
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func crawl(t *testing.T, seeds []string, opts news.CrawlOptions) (news.CrawlSummary, []string, error) {
	t.Helper()
	var mu sync.Mutex
	var got []string
	sum, err := news.Crawl(context.Background(), seeds, opts, func(_ context.Context, f news.Fetched) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, f.URL.Path)
		return nil
	})
	sort.Strings(got)
	return sum, got, err
}

func TestCrawlFeedsSitemapsLinksRobotsAndDepth(t *testing.T) {
	s := newSite(t)
	s.static("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n")
	s.static("/feed.xml", "application/rss+xml", `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>`+s.URL+`/news/a</link></item><item><title>b</title><link>/news/b</link></item></channel></rss>`)
	s.static("/atom.xml", "application/atom+xml", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>c</title><link rel="alternate" href="`+s.URL+`/news/c"/><link rel="edit" href="/edit/c"/></entry></feed>`)
	s.static("/sitemap.xml", "application/xml", `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>`+s.URL+`/news-sitemap.xml</loc></sitemap></sitemapindex>`)
	s.static("/news-sitemap.xml", "application/xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>`+s.URL+`/news/d</loc><news:news><news:publication_date>2025-03-01</news:publication_date><news:title>d</news:title></news:news></url></urlset>`)
	s.article("/news/a", "a", "/news/e", "/private/x", "http://elsewhere.invalid/news/z", "mailto:desk@example.com", "/img/photo.jpg")
	s.article("/news/b", "b")
	s.article("/news/c", "c")
	s.article("/news/d", "d")
	s.article("/news/e", "e", "/news/f")
	s.article("/news/f", "f")
	s.article("/private/x", "x")

	clock := newFakeClock()
	sum, got, err := crawl(t, []string{s.URL + "/feed.xml", s.URL + "/atom.xml", s.URL + "/sitemap.xml"},
		news.CrawlOptions{UserAgent: "outagelens-test/1", Delay: time.Second, MaxDepth: 1, Now: clock.Now, Sleep: clock.Sleep})
	require.NoError(t, err)
	require.Equal(t, []string{"/news/a", "/news/b", "/news/c", "/news/d", "/news/e"}, got, "depth 1 stops before /news/f")
	require.Equal(t, 0, s.count("/private/x"), "robots.txt disallows /private/")
	require.Equal(t, 0, s.count("/news/f"))
	require.Equal(t, 0, s.count("/img/photo.jpg"))
	require.Equal(t, 1, s.count("/robots.txt"))
	require.Equal(t, 1, sum.RobotsDenied)
	require.Equal(t, 4, sum.Feeds)
	require.Equal(t, 5, sum.Pages)
	require.Equal(t, map[string]bool{"outagelens-test/1": true}, s.agents)
	// One host, Crawl-delay 3 s beats the configured 1 s: every request after
	// the first waits its turn.
	require.Equal(t, 10, sum.Requests) // robots + 4 feeds + 5 pages
	require.GreaterOrEqual(t, clock.total(), 9*3*time.Second)
	for _, d := range clock.slept {
		require.LessOrEqual(t, d, 3*time.Second)
	}
}

func TestCrawlConfiguredDelayBeatsSmallerCrawlDelay(t *testing.T) {
	s := newSite(t)
	s.static("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 1\n")
	s.article("/a", "a", "/b")
	s.article("/b", "b")
	clock := newFakeClock()
	_, got, err := crawl(t, []string{s.URL + "/a"}, news.CrawlOptions{Delay: 5 * time.Second, MaxDepth: 1, Now: clock.Now, Sleep: clock.Sleep})
	require.NoError(t, err)
	require.Equal(t, []string{"/a", "/b"}, got)
	require.Equal(t, 10*time.Second, clock.total(), "robots, /a, /b: two waits of 5 s")
}

func TestCrawlRetriesHonourRetryAfter(t *testing.T) {
	s := newSite(t)
	var n atomic.Int32
	s.handle("/busy", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, `<html><head><title>ok</title></head><body><p>सर्वर ठप</p></body></html>`)
	})
	var m atomic.Int32
	s.handle("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if m.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		fmt.Fprint(w, `<html><body><p>ok</p></body></html>`)
	})
	clock := newFakeClock()
	sum, got, err := crawl(t, []string{s.URL + "/busy", s.URL + "/flaky"}, news.CrawlOptions{
		Delay: time.Millisecond, BackoffBase: time.Second, Jitter: func() float64 { return 0.5 }, Now: clock.Now, Sleep: clock.Sleep})
	require.NoError(t, err)
	require.Equal(t, []string{"/busy", "/flaky"}, got, "%+v %v", sum, s.hits)
	require.Equal(t, 3, s.count("/busy"))
	require.Equal(t, 2, s.count("/flaky"))
	require.Equal(t, 3, sum.Retries)
	var waits []time.Duration
	for _, d := range clock.slept {
		if d >= time.Second {
			waits = append(waits, d)
		}
	}
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	// 502: backoff 1 s + jitter 0.5 s; 429: Retry-After 7 s beats 1.5 s and 2.5 s.
	require.Equal(t, []time.Duration{1500 * time.Millisecond, 7 * time.Second, 7 * time.Second}, waits)
}

func TestCrawlGivesUpAfterRetries(t *testing.T) {
	s := newSite(t)
	s.handle("/down", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	s.handle("/gone", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "86400")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	clock := newFakeClock()
	log := &memLog{}
	sum, got, err := crawl(t, []string{s.URL + "/down", s.URL + "/gone"}, news.CrawlOptions{Retries: 2, Delay: time.Millisecond,
		Now: clock.Now, Sleep: clock.Sleep, Log: log})
	require.NoError(t, err, "a failed URL is recorded, not a crawl error")
	require.Empty(t, got)
	require.Equal(t, 3, s.count("/down"))
	require.Equal(t, 1, s.count("/gone"), "a Retry-After of a day is not waited for")
	require.Equal(t, 2, sum.Failed)
	require.Equal(t, []string{"HTTP 500", "HTTP 500", "HTTP 500"}, log.errorsFor(s.URL+"/down"))
}

func TestCrawlRedirectLoopAndSchemes(t *testing.T) {
	s := newSite(t)
	s.handle("/loop1", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	s.handle("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop1", http.StatusFound) })
	s.handle("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://files.invalid/x", http.StatusMovedPermanently)
	})
	s.handle("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/here", http.StatusMovedPermanently)
	})
	s.article("/news/here", "here")
	clock := newFakeClock()
	log := &memLog{}
	sum, got, err := crawl(t, []string{s.URL + "/loop1", s.URL + "/to-ftp", s.URL + "/moved", "ftp://files.invalid/seed"},
		news.CrawlOptions{MaxRedirects: 3, Delay: time.Millisecond, Now: clock.Now, Sleep: clock.Sleep, Log: log})
	require.ErrorIs(t, err, news.ErrScheme, "the ftp seed")
	require.Equal(t, []string{"/news/here"}, got, "a redirect within the limit is followed")
	require.Equal(t, 2, sum.Failed)
	require.Equal(t, []string{"too many redirects: stopped after 3"}, log.errorsFor(s.URL+"/loop1"))
	require.Equal(t, []string{"redirect to ftp: only http and https URLs are fetched"}, log.errorsFor(s.URL+"/to-ftp"))
	require.Equal(t, 4, s.count("/loop1")+s.count("/loop2"), "the first request and three redirects")
}

func TestCrawlOversizedBodies(t *testing.T) {
	s := newSite(t)
	big := strings.Repeat("सर्वर ठप ", 400) // about 8 KB
	s.static("/declared", "text/html", "<html><body><p>"+big+"</p></body></html>")
	s.handle("/chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 8 {
			fmt.Fprint(w, big[:1000])
			w.(http.Flusher).Flush()
		}
	})
	s.article("/small", "small")
	clock := newFakeClock()
	log := &memLog{}
	sum, got, err := crawl(t, []string{s.URL + "/declared", s.URL + "/chunked", s.URL + "/small"},
		news.CrawlOptions{MaxBodyBytes: 4096, Delay: time.Millisecond, Now: clock.Now, Sleep: clock.Sleep, Log: log})
	require.NoError(t, err)
	require.Equal(t, []string{"/small"}, got)
	require.Equal(t, 2, sum.Failed)
	require.Equal(t, 1, s.count("/chunked"), "too large is not retried")
	require.Contains(t, log.errorsFor(s.URL + "/declared")[0], "body larger than the limit")
	require.Equal(t, []string{"body larger than the limit: limit 4096"}, log.errorsFor(s.URL+"/chunked"))
}

func TestCrawlSlowResponseTimesOut(t *testing.T) {
	s := newSite(t)
	s.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	s.article("/fast", "fast")
	clock := newFakeClock()
	start := time.Now()
	sum, got, err := crawl(t, []string{s.URL + "/slow", s.URL + "/fast"}, news.CrawlOptions{Timeout: 150 * time.Millisecond,
		Retries: 1, Delay: time.Millisecond, Now: clock.Now, Sleep: clock.Sleep})
	require.NoError(t, err)
	require.Equal(t, []string{"/fast"}, got)
	require.Equal(t, 1, sum.Failed)
	require.Equal(t, 2, s.count("/slow"), "a timeout is retried")
	require.Less(t, time.Since(start), 3*time.Second)
}

func TestCrawlConditionalGET(t *testing.T) {
	s := newSite(t)
	version := "v1"
	var mu sync.Mutex
	s.handle("/story", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		v := version
		mu.Unlock()
		etag := `"` + v + `"`
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Sat, 01 Mar 2025 04:30:00 GMT")
		fmt.Fprintf(w, `<html><body><p>version %s: सर्वर ठप</p></body></html>`, v)
	})
	s.handle("/dated", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == "Sat, 01 Mar 2025 04:30:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", "Sat, 01 Mar 2025 04:30:00 GMT")
		fmt.Fprint(w, `<html><body><p>dated</p></body></html>`)
	})
	log := &memLog{}
	opts := func() news.CrawlOptions {
		c := newFakeClock()
		return news.CrawlOptions{Delay: time.Millisecond, Now: c.Now, Sleep: c.Sleep, Log: log}
	}
	seeds := []string{s.URL + "/story", s.URL + "/dated"}
	sum, got, err := crawl(t, seeds, opts())
	require.NoError(t, err)
	require.Equal(t, []string{"/dated", "/story"}, got)
	require.Equal(t, 0, sum.NotModified)

	sum, got, err = crawl(t, seeds, opts())
	require.NoError(t, err)
	require.Empty(t, got, "nothing changed: nothing to store")
	require.Equal(t, 2, sum.NotModified)

	mu.Lock()
	version = "v2"
	mu.Unlock()
	sum, got, err = crawl(t, seeds, opts())
	require.NoError(t, err)
	require.Equal(t, []string{"/story"}, got, "only the changed page")
	require.Equal(t, 1, sum.NotModified)
}

func TestCrawlDecodesLegacyCharsets(t *testing.T) {
	s := newSite(t)
	latin1, err := charmap.Windows1252.NewEncoder().String(`<html><head><meta charset="windows-1252"><title>Café outage</title></head><body><p>Café – “portal down”</p></body></html>`)
	require.NoError(t, err)
	s.static("/meta", "text/html", latin1)
	header, err := charmap.ISO8859_1.NewEncoder().String(`<html><head><title>Señal</title></head><body><p>Señal perdida</p></body></html>`)
	require.NoError(t, err)
	s.static("/header", "text/html; charset=ISO-8859-1", header)
	sniffed, err := charmap.Windows1252.NewEncoder().String(`<html><head><title>Résumé</title></head><body><p>Déjà vu: portal down</p></body></html>`)
	require.NoError(t, err)
	s.static("/sniffed", "text/html", sniffed) // no charset anywhere: sniffed
	s.static("/utf8", "text/html", `<html><head><title>ठप</title></head><body><p>सर्वर ठप</p></body></html>`)
	var mu sync.Mutex
	bodies := map[string]string{}
	clock := newFakeClock()
	_, err = news.Crawl(context.Background(), []string{s.URL + "/meta", s.URL + "/header", s.URL + "/sniffed", s.URL + "/utf8"},
		news.CrawlOptions{Delay: time.Millisecond, Now: clock.Now, Sleep: clock.Sleep}, func(_ context.Context, f news.Fetched) error {
			mu.Lock()
			defer mu.Unlock()
			bodies[f.URL.Path] = string(f.HTML)
			return nil
		})
	require.NoError(t, err)
	require.Contains(t, bodies["/meta"], "Café – “portal down”")
	require.Contains(t, bodies["/header"], "Señal perdida")
	require.Contains(t, bodies["/sniffed"], "Déjà vu: portal down")
	require.Contains(t, bodies["/utf8"], "सर्वर ठप", "UTF-8 without a declaration stays UTF-8")
	a, err := news.Read([]byte(bodies["/meta"]), nil, news.ReadOptions{})
	require.NoError(t, err)
	require.Equal(t, "Café outage", a.Title)
}

func TestCrawlConcurrencyBound(t *testing.T) {
	var inFlight, most atomic.Int32
	var servers []*site
	for range 4 {
		s := newSite(t)
		for i := range 3 {
			p := fmt.Sprintf("/p%d", i)
			s.handle(p, func(w http.ResponseWriter, r *http.Request) {
				n := inFlight.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(20 * time.Millisecond)
				inFlight.Add(-1)
				fmt.Fprint(w, `<html><body><p>x</p></body></html>`)
			})
		}
		servers = append(servers, s)
	}
	var seeds []string
	for _, s := range servers {
		for i := range 3 {
			seeds = append(seeds, fmt.Sprintf("%s/p%d", s.URL, i))
		}
	}
	clock := newFakeClock()
	sum, got, err := crawl(t, seeds, news.CrawlOptions{Concurrency: 2, Delay: time.Millisecond, Now: clock.Now, Sleep: clock.Sleep})
	require.NoError(t, err)
	require.Len(t, got, 12)
	require.Equal(t, 12, sum.Pages)
	require.LessOrEqual(t, most.Load(), int32(2), "at most --concurrency requests in flight")
	require.Equal(t, int32(2), most.Load(), "hosts are fetched in parallel up to the bound")
}

// TestCrawlRedirectHopsAreRobotsCheckedAndRateLimited: a redirect to another
// host is a request to that host: its robots.txt decides and its turn is waited.
func TestCrawlRedirectHopsAreRobotsCheckedAndRateLimited(t *testing.T) {
	b := newSite(t)
	b.static("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 4\n")
	b.article("/private/page", "private")
	b.article("/public/page", "public")
	a := newSite(t)
	a.handle("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/private/page", http.StatusFound)
	})
	a.handle("/to-public", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/public/page", http.StatusFound)
	})
	clock := newFakeClock()
	sum, got, err := crawl(t, []string{a.URL + "/to-private", a.URL + "/to-public"},
		news.CrawlOptions{Delay: time.Millisecond, Now: clock.Now, Sleep: clock.Sleep})
	require.NoError(t, err)
	require.Equal(t, []string{"/public/page"}, got)
	require.Equal(t, 0, b.count("/private/page"))
	require.Equal(t, 1, sum.RobotsDenied)
	require.Equal(t, 1, b.count("/robots.txt"))
	require.GreaterOrEqual(t, clock.total(), 4*time.Second, "host B's Crawl-delay applies to the redirected request: %v %v", clock.slept, b.hits)
}
