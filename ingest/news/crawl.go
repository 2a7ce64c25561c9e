package news

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/temoto/robotstxt"
	"golang.org/x/net/html/charset"
	"golang.org/x/time/rate"
)

// A crawler a site operator would not block: robots.txt (with Crawl-delay), one
// request at a time per host at most every Delay, a global bound on concurrent
// requests, timeouts, a body size cap, a redirect limit, retries with
// exponential backoff and jitter on 429/5xx honouring Retry-After, http and https
// only, and conditional GET against a fetch log so a re-run fetches only what
// changed.

// CrawlOptions configure Crawl. The zero value is a polite default.
type CrawlOptions struct {
	// UserAgent is sent with every request and matched against robots.txt groups;
	// "" means DefaultUserAgent.
	UserAgent string
	// Delay is the least time between two requests to one host; 0 means 2 s. A
	// larger robots.txt Crawl-delay wins.
	Delay time.Duration
	// Concurrency bounds requests in flight across all hosts; 0 means 4.
	Concurrency int
	// MaxDepth is how many links away from a seed (or a feed or sitemap entry)
	// pages are followed on the same site; 0 means no links are followed.
	MaxDepth int
	// MaxPages stops the crawl after this many requests for pages; 0 means 1000.
	MaxPages int
	// MaxBodyBytes is the largest response body read; 0 means 5 MiB.
	MaxBodyBytes int64
	// MaxRedirects is how many redirects one request may follow; 0 means 5.
	MaxRedirects int
	// Timeout bounds one request, headers and body; 0 means 30 s.
	Timeout time.Duration
	// Retries is how often a 429, 5xx or network error is retried; 0 means 3,
	// negative means none.
	Retries int
	// BackoffBase is the first retry's wait, doubled each time, plus up to as much
	// again of jitter; 0 means 1 s.
	BackoffBase time.Duration
	// MaxWait caps one backoff or Retry-After wait; a longer Retry-After gives up
	// on the URL. 0 means 5 min.
	MaxWait time.Duration
	// Transport makes the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Now and Sleep are the clock; nil means the real one. Tests pass a fake
	// clock so that delays and backoffs do not really wait.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0, 1); nil means math/rand.
	Jitter func() float64
	// Log is the fetch log for conditional GET; nil fetches everything.
	Log FetchLog
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
}

// DefaultUserAgent names the crawler and where to read about it.
const DefaultUserAgent = "outagelens-news/1.0 (+https://github.com/outagelens; outage research, polite crawler)"

// FetchRecord is one fetch attempt, as kept in the fetch_log table.
type FetchRecord struct {
	URL          string
	FetchedAt    time.Time
	Status       int // 0 when no response came
	ETag         string
	LastModified string
	Bytes        int64
	SHA256       string
	Error        string
}

// A FetchLog remembers fetches for conditional GET. Its methods are called from
// several goroutines at once.
type FetchLog interface {
	// Last returns the latest successful (2xx) fetch of url, if any.
	Last(ctx context.Context, url string) (FetchRecord, bool, error)
	// Record adds a fetch attempt.
	Record(ctx context.Context, r FetchRecord) error
}

// Fetched is an article page the crawler fetched, decoded to UTF-8.
type Fetched struct {
	URL  *url.URL // after redirects
	HTML []byte
}

// CrawlSummary counts what a crawl did.
type CrawlSummary struct {
	Requests     int `json:"requests"`      // HTTP requests sent, retries and robots.txt included
	Pages        int `json:"pages"`         // article pages handed on
	NotModified  int `json:"not_modified"`  // 304 answers to conditional GET
	Feeds        int `json:"feeds"`         // RSS/Atom feeds and sitemaps read
	RobotsDenied int `json:"robots_denied"` // URLs robots.txt forbids
	Failed       int `json:"failed"`        // URLs given up on
	Retries      int `json:"retries"`
}

// Errors a fetch can end with; they are recorded in the fetch log and the crawl
// goes on.
var (
	ErrScheme       = errors.New("only http and https URLs are fetched")
	ErrTooLarge     = errors.New("body larger than the limit")
	ErrRedirects    = errors.New("too many redirects")
	ErrRobots       = errors.New("disallowed by robots.txt")
	ErrRetryTooLong = errors.New("Retry-After longer than the longest wait")
)

// StatusError is a final HTTP status that is not a success.
type StatusError struct{ Code int }

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d", e.Code) }

type crawler struct {
	opts   CrawlOptions
	client *http.Client
	log    *slog.Logger
	onPage func(ctx context.Context, f Fetched) error

	mu    sync.Mutex
	seen  map[string]bool
	hosts map[string]*hostState
	sum   CrawlSummary
	pages int
	errs  []error
	sem   chan struct{}
	wg    sync.WaitGroup
	seeds map[string]bool // hosts of the seeds: links are followed only there
}

type hostState struct {
	once    sync.Once
	robots  *robotstxt.Group
	limiter *rate.Limiter
	mu      sync.Mutex // one request at a time per host
}

// Crawl fetches seeds (article pages, RSS/Atom feeds, sitemaps and sitemap
// indexes, told apart by content) and follows links on the seeds' sites up to
// MaxDepth, calling onPage for each HTML page fetched (never concurrently). A
// URL that fails is recorded and skipped; the returned error joins onPage's
// errors and the context's.
func Crawl(ctx context.Context, seeds []string, opts CrawlOptions, onPage func(ctx context.Context, f Fetched) error) (CrawlSummary, error) {
	c := &crawler{opts: withCrawlDefaults(opts), seen: map[string]bool{}, hosts: map[string]*hostState{}, seeds: map[string]bool{}}
	c.log = c.opts.Logger
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	var pageMu sync.Mutex
	c.onPage = func(ctx context.Context, f Fetched) error {
		pageMu.Lock()
		defer pageMu.Unlock()
		return onPage(ctx, f)
	}
	c.sem = make(chan struct{}, c.opts.Concurrency)
	c.client = &http.Client{
		Transport: c.opts.Transport,
		Timeout:   c.opts.Timeout,
		// Redirects are followed by visit, one hop at a time, so that every hop
		// is checked against its host's robots.txt and waits its host's turn.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	var bad []error
	var start []*url.URL
	for _, s := range seeds {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad = append(bad, fmt.Errorf("seed %q: %w", s, ErrScheme))
			continue
		}
		c.seeds[siteOf(u.Host)] = true
		start = append(start, u)
	}
	// Every seed's site is known before the first visit follows a link.
	for _, u := range start {
		c.enqueue(ctx, u, 0)
	}
	c.wg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	errs := append(bad, c.errs...)
	if ctx.Err() != nil {
		errs = append(errs, ctx.Err())
	}
	return c.sum, errors.Join(errs...)
}

func withCrawlDefaults(o CrawlOptions) CrawlOptions {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Delay <= 0 {
		o.Delay = 2 * time.Second
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 1000
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 5 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 3
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = time.Second
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 5 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = func(ctx context.Context, d time.Duration) error {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
				return nil
			}
		}
	}
	if o.Jitter == nil {
		o.Jitter = rand.Float64
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	return o
}

// siteOf is a host without "www." and port: links are followed within it.
func siteOf(host string) string {
	h := strings.ToLower(host)
	if i := strings.LastIndex(h, ":"); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return strings.TrimPrefix(h, "www.")
}

func canonicalKey(u *url.URL) string {
	v := *u
	v.Fragment = ""
	v.Host = strings.ToLower(v.Host)
	if v.Path == "" {
		v.Path = "/"
	}
	return v.String()
}

// enqueue schedules u unless seen or over the page budget.
func (c *crawler) enqueue(ctx context.Context, u *url.URL, depth int) {
	key := canonicalKey(u)
	c.mu.Lock()
	if c.seen[key] || c.pages >= c.opts.MaxPages || ctx.Err() != nil {
		c.mu.Unlock()
		return
	}
	c.seen[key] = true
	c.pages++
	c.mu.Unlock()
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.visit(ctx, u, depth)
	}()
}

func (c *crawler) host(ctx context.Context, u *url.URL) *hostState {
	c.mu.Lock()
	h, ok := c.hosts[u.Host]
	if !ok {
		h = &hostState{}
		c.hosts[u.Host] = h
	}
	c.mu.Unlock()
	h.once.Do(func() {
		delay := c.opts.Delay
		h.limiter = rate.NewLimiter(rate.Every(delay), 1)
		robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		asked := c.opts.Now()
		status, body, _, err := c.fetchOnce(ctx, h, robotsURL, FetchRecord{})
		if status >= 300 && status < 400 {
			status = http.StatusNotFound // a redirected robots.txt is read as none
		}
		var data *robotstxt.RobotsData
		if err == nil || status != 0 {
			data, err = robotstxt.FromStatusAndBytes(status, body)
		}
		if err != nil || data == nil {
			// No answer at all: be careful, fetch nothing from the host.
			data, _ = robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil)
		}
		h.robots = data.FindGroup(c.opts.UserAgent)
		if h.robots.CrawlDelay > delay {
			// A fresh limiter at the slower rate, its one token spent on the
			// robots.txt request: the next request waits the Crawl-delay from
			// then. (SetLimit would first refill at the old, faster rate for
			// the time robots.txt took.)
			h.limiter = rate.NewLimiter(rate.Every(h.robots.CrawlDelay), 1)
			h.limiter.ReserveN(asked, 1)
			c.log.Info("crawl-delay", "host", u.Host, "seconds", h.robots.CrawlDelay.Seconds())
		}
	})
	return h
}

// visit fetches one URL, following redirects hop by hop, and hands on what it
// holds.
func (c *crawler) visit(ctx context.Context, u *url.URL, depth int) {
	cur := u
	var status int
	var body []byte
	for hops := 0; ; hops++ {
		h := c.host(ctx, cur)
		p := cur.EscapedPath()
		if cur.RawQuery != "" {
			p += "?" + cur.RawQuery
		}
		if !h.robots.Test(p) {
			c.count(func(s *CrawlSummary) { s.RobotsDenied++ })
			c.record(ctx, FetchRecord{URL: cur.String(), FetchedAt: c.opts.Now().UTC(), Error: ErrRobots.Error()})
			c.log.Info("robots.txt disallows", "url", cur.String())
			return
		}
		var prev FetchRecord
		if c.opts.Log != nil {
			if r, ok, err := c.opts.Log.Last(ctx, cur.String()); err == nil && ok {
				prev = r
			}
		}
		var location string
		var err error
		status, body, location, err = c.fetchRetrying(ctx, h, cur, prev)
		if err == nil && location != "" {
			next, perr := cur.Parse(location)
			switch {
			case hops >= c.opts.MaxRedirects:
				err = fmt.Errorf("%w: stopped after %d", ErrRedirects, c.opts.MaxRedirects)
			case perr != nil:
				err = fmt.Errorf("redirect to %q: %w", location, perr)
			case next.Scheme != "http" && next.Scheme != "https":
				err = fmt.Errorf("redirect to %s: %w", next.Scheme, ErrScheme)
			default:
				cur = next
				continue
			}
			c.record(ctx, FetchRecord{URL: u.String(), FetchedAt: c.opts.Now().UTC(), Error: err.Error()})
		}
		if err != nil {
			c.count(func(s *CrawlSummary) { s.Failed++ })
			c.log.Warn("fetch failed", "url", u.String(), "error", err)
			return
		}
		break
	}
	final := cur
	if status == http.StatusNotModified {
		c.count(func(s *CrawlSummary) { s.NotModified++ })
		return
	}
	if links, ok := feedLinks(body); ok {
		c.count(func(s *CrawlSummary) { s.Feeds++ })
		for _, l := range links {
			if lu, err := final.Parse(strings.TrimSpace(l)); err == nil && c.follow(lu) {
				c.enqueue(ctx, lu, depth)
			}
		}
		return
	}
	c.count(func(s *CrawlSummary) { s.Pages++ })
	if err := c.onPage(ctx, Fetched{URL: final, HTML: body}); err != nil {
		c.mu.Lock()
		c.errs = append(c.errs, fmt.Errorf("store %s: %w", final, err))
		c.mu.Unlock()
	}
	if depth >= c.opts.MaxDepth {
		return
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return
	}
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		if rel, _ := s.Attr("rel"); strings.Contains(rel, "nofollow") {
			return
		}
		if lu, err := final.Parse(strings.TrimSpace(href)); err == nil && c.follow(lu) {
			c.enqueue(ctx, lu, depth+1)
		}
	})
}

var skipExt = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true, ".css": true,
	".js": true, ".pdf": true, ".zip": true, ".mp4": true, ".mp3": true, ".ico": true, ".woff": true, ".woff2": true}

// follow: http(s), on a seed's site, not an obvious file.
func (c *crawler) follow(u *url.URL) bool {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	if !c.seeds[siteOf(u.Host)] {
		return false
	}
	return !skipExt[strings.ToLower(path.Ext(u.Path))]
}

func (c *crawler) count(f func(*CrawlSummary)) {
	c.mu.Lock()
	f(&c.sum)
	c.mu.Unlock()
}

func (c *crawler) record(ctx context.Context, r FetchRecord) {
	if c.opts.Log == nil {
		return
	}
	if err := c.opts.Log.Record(ctx, r); err != nil {
		c.log.Warn("fetch log", "url", r.URL, "error", err)
	}
}

// fetchRetrying retries 429, 5xx and network errors with exponential backoff
// and jitter, waiting at least as long as Retry-After says.
func (c *crawler) fetchRetrying(ctx context.Context, h *hostState, u *url.URL, prev FetchRecord) (int, []byte, string, error) {
	for attempt := 0; ; attempt++ {
		status, body, location, err := c.fetchOnce(ctx, h, u, prev)
		retryable := err != nil && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrRedirects) && !errors.Is(err, ErrScheme) && ctx.Err() == nil
		var se *StatusError
		if errors.As(err, &se) {
			retryable = se.Code == http.StatusTooManyRequests || se.Code >= 500
		}
		if err == nil || !retryable || attempt >= c.opts.Retries {
			return status, body, location, err
		}
		wait := c.opts.BackoffBase * time.Duration(math.Pow(2, float64(attempt)))
		wait += time.Duration(c.opts.Jitter() * float64(c.opts.BackoffBase))
		var ra retryAfterError
		if errors.As(err, &ra) {
			if ra.wait > c.opts.MaxWait {
				return status, nil, "", fmt.Errorf("%w: %s", ErrRetryTooLong, ra.wait)
			}
			wait = max(wait, ra.wait)
		}
		wait = min(wait, c.opts.MaxWait)
		c.count(func(s *CrawlSummary) { s.Retries++ })
		c.log.Info("retry", "url", u.String(), "attempt", attempt+1, "wait", wait.String(), "error", err)
		if err := c.opts.Sleep(ctx, wait); err != nil {
			return 0, nil, "", err
		}
	}
}

type retryAfterError struct {
	*StatusError
	wait time.Duration
}

func (e retryAfterError) Unwrap() error { return e.StatusError }

// retryAfter reads Retry-After as seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// fetchOnce waits for the host's turn, sends one request (conditional when prev
// has validators) and reads the body, decoded to UTF-8, up to the size limit. A
// redirect returns its Location instead of a body.
func (c *crawler) fetchOnce(ctx context.Context, h *hostState, u *url.URL, prev FetchRecord) (status int, body []byte, location string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.limiter != nil {
		now := c.opts.Now()
		r := h.limiter.ReserveN(now, 1)
		if d := r.DelayFrom(now); d > 0 {
			if err := c.opts.Sleep(ctx, d); err != nil {
				return 0, nil, "", err
			}
		}
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return 0, nil, "", ctx.Err()
	}
	defer func() { <-c.sem }()
	rec := FetchRecord{URL: u.String(), FetchedAt: c.opts.Now().UTC()}
	defer func() {
		if err != nil {
			rec.Error = err.Error()
		}
		c.record(ctx, rec)
	}()
	c.count(func(s *CrawlSummary) { s.Requests++ })
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, nil, "", err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	rec.Status = status
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if loc := resp.Header.Get("Location"); loc != "" {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			return status, nil, loc, nil
		}
	}
	rec.ETag, rec.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if status == http.StatusNotModified {
		rec.ETag, rec.LastModified = firstNonEmpty(rec.ETag, prev.ETag), firstNonEmpty(rec.LastModified, prev.LastModified)
		rec.SHA256 = prev.SHA256
		return status, nil, "", nil
	}
	if status < 200 || status > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		se := &StatusError{Code: status}
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), c.opts.Now()); ok && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
			return status, nil, "", retryAfterError{se, d}
		}
		return status, nil, "", se // robots.txt answers are read by status: 4xx allows all, 5xx none
	}
	if resp.ContentLength > c.opts.MaxBodyBytes {
		return status, nil, "", fmt.Errorf("%w: %d bytes declared, limit %d", ErrTooLarge, resp.ContentLength, c.opts.MaxBodyBytes)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBodyBytes+1))
	if err != nil {
		return status, nil, "", err
	}
	if int64(len(raw)) > c.opts.MaxBodyBytes {
		return status, nil, "", fmt.Errorf("%w: limit %d", ErrTooLarge, c.opts.MaxBodyBytes)
	}
	sum := sha256.Sum256(raw)
	rec.Bytes, rec.SHA256 = int64(len(raw)), hex.EncodeToString(sum[:])
	body, err = toUTF8(raw, resp.Header.Get("Content-Type"))
	return status, body, "", err
}

// toUTF8 decodes a page by its declared charset (Content-Type header, BOM,
// <meta charset>) or, failing that, the sniffed one (x/net/html/charset).
func toUTF8(raw []byte, contentType string) ([]byte, error) {
	if feedLike(raw) && !strings.Contains(strings.ToLower(contentType), "charset") {
		return raw, nil // XML declares its own encoding; encoding/xml reads it
	}
	r, err := charset.NewReader(bytes.NewReader(raw), contentType)
	if err != nil {
		return raw, nil // unknown label: keep the bytes, Normalize copes with UTF-8
	}
	return io.ReadAll(r)
}

func feedLike(b []byte) bool {
	t := bytes.TrimSpace(b)
	t = bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(t, []byte("<?xml")) && !bytes.HasPrefix(t, []byte("<rss")) && !bytes.HasPrefix(t, []byte("<feed")) &&
		!bytes.HasPrefix(t, []byte("<urlset")) && !bytes.HasPrefix(t, []byte("<sitemapindex")) {
		return false
	}
	return true
}

// feedLinks returns the article links of an RSS or Atom feed, or the locations
// of a sitemap (news sitemaps included) or sitemap index; ok is false for
// anything else.
func feedLinks(b []byte) (links []string, ok bool) {
	if !feedLike(b) {
		return nil, false
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false
	var root string
	var inItem bool
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if root == "" {
				root = name
				switch root {
				case "rss", "RDF", "feed", "urlset", "sitemapindex":
				default:
					return nil, false
				}
				continue
			}
			switch {
			case name == "item" || name == "entry":
				inItem = true
			case name == "loc" && (root == "urlset" || root == "sitemapindex"):
				var s string
				if dec.DecodeElement(&s, &t) == nil && strings.TrimSpace(s) != "" {
					links = append(links, strings.TrimSpace(s))
				}
			case name == "link" && inItem && root == "feed":
				rel, href := "alternate", ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "rel":
						rel = a.Value
					case "href":
						href = a.Value
					}
				}
				if rel == "alternate" && href != "" {
					links = append(links, href)
				}
			case name == "link" && inItem:
				var s string
				if dec.DecodeElement(&s, &t) == nil && strings.TrimSpace(s) != "" {
					links = append(links, strings.TrimSpace(s))
				}
			}
		case xml.EndElement:
			if t.Name.Local == "item" || t.Name.Local == "entry" {
				inItem = false
			}
		}
	}
	return links, root != ""
}
