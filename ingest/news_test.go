package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/data/store/storetest"
	"outagelens/ingest"
	"outagelens/ingest/news"
)

// TestScrapeStoresLikeSavedPagesAndRefetchesOnlyChanges crawls a local site
// twice: the second run sends conditional GETs from fetch_log and stores nothing
// new; a changed page replaces its old version.
func TestScrapeStoresLikeSavedPagesAndRefetchesOnlyChanges(t *testing.T) {
	page, err := os.ReadFile("../data/demo/news/hi-smartmeter-2025-03-14.html")
	require.NoError(t, err)
	var version atomic.Int32
	version.Store(1)
	var conditional atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nAllow: /\n") })
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><item><link>/news/rewa</link></item><item><link>/section/city</link></item></channel></rss>`)
	})
	mux.HandleFunc("/news/rewa", func(w http.ResponseWriter, r *http.Request) {
		etag := fmt.Sprintf(`"v%d"`, version.Load())
		if r.Header.Get("If-None-Match") != "" {
			conditional.Add(1)
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		body := page
		if version.Load() > 1 {
			body = append(append([]byte{}, page...), []byte("<!-- corrected -->")...)
		}
		_, _ = w.Write(body)
	})
	mux.HandleFunc("/section/city", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>City</title></head><body><ul><li><a href="/news/rewa">Rewa</a></li></ul></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	db := storetest.New(t)
	ctx := context.Background()
	run := func() ingest.ScrapeSummary {
		clock := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
		opts := ingest.ScrapeOptions{Crawl: news.CrawlOptions{Delay: time.Millisecond,
			Now: func() time.Time { return clock }, Sleep: func(context.Context, time.Duration) error { return nil }}}
		sum, err := ingest.Scrape(ctx, db, []string{srv.URL + "/feed.xml"}, opts)
		require.NoError(t, err)
		return sum
	}

	first := run()
	require.Equal(t, 2, first.Crawl.Pages)
	require.Equal(t, 1, first.NotArticle, "the section front is not stored")
	require.Len(t, first.Stored.Files, 1)
	require.Equal(t, ingest.StatusIngested, first.Stored.Files[0].Status)
	var source, service string
	var outage bool
	require.NoError(t, db.QueryRow(ctx, `SELECT a.url, r.service_id, r.is_outage FROM articles a JOIN news_reports r USING (source_id)`).
		Scan(&source, &service, &outage))
	require.Equal(t, srv.URL+"/news/rewa", source)
	require.Equal(t, "mp-rewa-smartmeter", service)
	require.True(t, outage)
	require.Equal(t, int64(4), count(t, db, "SELECT count(*) FROM fetch_log"), "robots, feed, article, section")

	second := run()
	require.Equal(t, 1, second.Crawl.NotModified)
	require.Empty(t, second.Stored.Files, "nothing changed, nothing stored")
	require.Equal(t, int32(1), conditional.Load())

	version.Store(2)
	third := run()
	require.Len(t, third.Stored.Files, 1)
	require.Equal(t, ingest.StatusReplaced, third.Stored.Files[0].Status)
	require.Equal(t, int64(1), count(t, db, "SELECT count(*) FROM articles"))
	require.Equal(t, int64(1), count(t, db, "SELECT count(*) FROM sources WHERE kind = 'news'"))
}
