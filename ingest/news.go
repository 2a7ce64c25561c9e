package ingest

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/ingest/news"
	"outagelens/ingest/source"
)

// NewsOptions configure a news ingest. The zero value uses the default catalog
// and resolves dates in India Standard Time.
type NewsOptions struct {
	// Catalog supplies service aliases; nil means catalog.Default().
	Catalog *catalog.Catalog
	// Location is the calendar relative dates ("on Saturday") are resolved in.
	Location *time.Location
	// Profiles are the site profiles pages are read with; nil means the embedded ones.
	Profiles *news.Profiles
	// Gazetteer names places; nil means the embedded one.
	Gazetteer *catalog.Gazetteer
	// Force re-extracts pages already stored.
	Force bool
	// MaxPageBytes is the largest page read; 0 means 10 MiB.
	MaxPageBytes int64
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Page is one news page to store: saved HTML or a fetched response.
type Page struct {
	Path string   // a file path, or the URL it was fetched from
	URL  *url.URL // nil for saved files
	HTML []byte
}

// News ingests saved HTML pages: files, folders (every .html and .htm file) and globs.
func News(ctx context.Context, db *store.DB, paths []string, opts NewsOptions) (Summary, error) {
	start := time.Now()
	files, err := source.Expand(paths)
	if err != nil {
		return Summary{}, fmt.Errorf("ingest news: %w", err)
	}
	max := opts.MaxPageBytes
	if max <= 0 {
		max = 10 << 20
	}
	var pages []Page
	var errs []error
	var sum Summary
	for _, f := range files {
		ext := strings.ToLower(filepath.Ext(f))
		if f != source.Stdin && ext != ".html" && ext != ".htm" && !slices.Contains(paths, f) {
			continue // folders hold other files too (labels, READMEs)
		}
		b, err := readLimited(f, max)
		if err != nil {
			errs = append(errs, fmt.Errorf("ingest news %s: %w", f, err))
			sum.Files = append(sum.Files, FileResult{Path: f, Status: StatusFailed, Error: err.Error()})
			continue
		}
		pages = append(pages, Page{Path: f, HTML: b})
	}
	s, err := StorePages(ctx, db, pages, opts)
	s.Files = append(sum.Files, s.Files...)
	s.ElapsedSeconds = time.Since(start).Seconds()
	return s, errors.Join(append(errs, err)...)
}

func readLimited(path string, max int64) ([]byte, error) {
	in, err := source.Open(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	b, err := io.ReadAll(io.LimitReader(in, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("page larger than %d bytes", max)
	}
	return b, nil
}

// StorePages extracts and stores pages, each in its own transaction. A page whose
// exact content is stored already is skipped (unless Force); a page from the same
// path or URL with new content replaces the old version's article and report.
func StorePages(ctx context.Context, db *store.DB, pages []Page, opts NewsOptions) (Summary, error) {
	cat := opts.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	loc := opts.Location
	if loc == nil {
		loc = catalog.IST
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	var sum Summary
	var errs []error
	for _, p := range pages {
		res, err := storePage(ctx, db, p, cat, loc, now().UTC(), opts)
		res.Path = p.Path
		if err != nil {
			res.Status, res.Error = StatusFailed, err.Error()
			errs = append(errs, fmt.Errorf("ingest news %s: %w", p.Path, err))
		}
		log.Info("news page", "path", p.Path, "status", res.Status)
		sum.Files = append(sum.Files, res)
		sum.Bytes += res.Bytes
		sum.Rows += res.Rows
	}
	return sum, errors.Join(errs...)
}

func storePage(ctx context.Context, db *store.DB, p Page, cat *catalog.Catalog, loc *time.Location, now time.Time, opts NewsOptions) (FileResult, error) {
	force := opts.Force
	res := FileResult{Format: "html", Bytes: int64(len(p.HTML))}
	sha := source.Fingerprint(p.HTML)
	var existing, samePath int64
	if err := db.QueryRow(ctx, `SELECT coalesce(max(source_id) FILTER (WHERE head_sha256 = ?), 0),
		coalesce(max(source_id) FILTER (WHERE path = ?), 0) FROM sources WHERE kind = 'news'`, sha, p.Path).Scan(&existing, &samePath); err != nil {
		return res, err
	}
	if existing != 0 && !force {
		res.SourceID, res.Status, res.Note = existing, StatusUnchanged, "already ingested"
		return res, nil
	}
	a, err := news.Read(p.HTML, p.URL, news.ReadOptions{Location: loc, Profiles: opts.Profiles})
	if err != nil {
		return res, fmt.Errorf("read page: %w", err)
	}
	if a.URL == "" {
		a.URL = a.CanonicalURL
	}
	rep := news.Extract(a, cat, news.ExtractOptions{Location: loc, Gazetteer: opts.Gazetteer})
	evidence, _ := json.Marshal(rep.Evidence)
	replace := existing
	if replace == 0 {
		replace = samePath
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		id := replace
		if id == 0 {
			if err := tx.QueryRow(ctx, "SELECT nextval('source_ids')").Scan(&id); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO sources (source_id, kind, path, format, head_sha256, head_bytes, offset_bytes,
				mark_sha256, lines, rows, rejects, first_ingested, last_ingested) VALUES (?, 'news', ?, 'html', ?, ?, ?, ?, 0, 1, 0, ?, ?)`,
				id, p.Path, sha, len(p.HTML), len(p.HTML), sha, now, now); err != nil {
				return fmt.Errorf("record source: %w", err)
			}
		} else {
			for _, t := range []string{"articles", "news_reports"} {
				if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE source_id = ?", id); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(ctx, `UPDATE sources SET head_sha256 = ?, head_bytes = ?, offset_bytes = ?, mark_sha256 = ?, last_ingested = ? WHERE source_id = ?`,
				sha, len(p.HTML), len(p.HTML), sha, now, id); err != nil {
				return err
			}
		}
		res.SourceID = id
		if _, err := tx.Exec(ctx, `INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, nullString(a.URL), nullString(a.CanonicalURL), nullString(a.Site), a.Title, nullTime(a.Published),
			nullString(a.Author), nullString(a.Language), a.Body, sha, now); err != nil {
			return fmt.Errorf("store article: %w", err)
		}
		var startedDate any
		if !rep.Started.IsZero() {
			startedDate = rep.Started.Format("2006-01-02")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO news_reports (source_id, is_outage, service_id, service_name, state, district,
			started, started_date, started_time_known, ended, duration_minutes, ongoing, cause, affected, money_inr, confidence, evidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?::DATE, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, rep.IsOutage, nullString(rep.ServiceID), nullString(rep.ServiceName), nullString(rep.State), nullString(rep.District),
			nullTime(rep.Started), startedDate, rep.StartedTimeKnown, nullTime(rep.Ended), nullFloat(rep.DurationMinutes), rep.Ongoing,
			rep.Cause, nullInt(rep.Affected), nullFloat(rep.MoneyINR), rep.Confidence, string(evidence)); err != nil {
			return fmt.Errorf("store report: %w", err)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	res.Rows, res.Lines = 1, 1
	res.Status = StatusIngested
	if replace != 0 {
		res.Status = StatusReplaced
	}
	return res, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func nullFloat(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

func nullInt(i int64) any {
	if i == 0 {
		return nil
	}
	return i
}

// ScrapeOptions configure a scrape: how pages are stored and how they are fetched.
type ScrapeOptions struct {
	News  NewsOptions
	Crawl news.CrawlOptions // its Log is set to the database's fetch_log
}

// ScrapeSummary says what a scrape fetched and stored.
type ScrapeSummary struct {
	Crawl      news.CrawlSummary `json:"crawl"`
	Stored     Summary           `json:"stored"`
	NotArticle int               `json:"not_article"` // HTML pages fetched that are not articles (section fronts, tag pages)
}

// Scrape crawls seeds (article URLs, RSS/Atom feeds, sitemaps) politely and
// stores every article page it fetches exactly as saved pages are stored (one
// transaction each, known content skipped, a changed page replacing its old
// version). Every fetch is logged in fetch_log, and the next run sends
// conditional GETs from it, so only changed pages are fetched again.
func Scrape(ctx context.Context, db *store.DB, seeds []string, opts ScrapeOptions) (ScrapeSummary, error) {
	start := time.Now()
	var out ScrapeSummary
	co := opts.Crawl
	co.Log = &fetchLog{db: db}
	if co.Logger == nil {
		co.Logger = opts.News.Logger
	}
	sum, err := news.Crawl(ctx, seeds, co, func(ctx context.Context, f news.Fetched) error {
		if !news.LooksLikeArticle(f.HTML, f.URL, opts.News.Profiles) {
			out.NotArticle++
			return nil
		}
		s, err := StorePages(ctx, db, []Page{{Path: f.URL.String(), URL: f.URL, HTML: f.HTML}}, opts.News)
		out.Stored.Files = append(out.Stored.Files, s.Files...)
		out.Stored.Bytes += s.Bytes
		out.Stored.Rows += s.Rows
		return err
	})
	out.Crawl = sum
	out.Stored.ElapsedSeconds = time.Since(start).Seconds()
	return out, err
}

// fetchLog keeps the crawler's fetches in the fetch_log table. Writes are
// serialised: DuckDB has one writer.
type fetchLog struct {
	db *store.DB
	mu sync.Mutex
}

var _ news.FetchLog = (*fetchLog)(nil)

func (l *fetchLog) Last(ctx context.Context, u string) (news.FetchRecord, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := news.FetchRecord{URL: u}
	var status sql.NullInt64
	var etag, lm, sha sql.NullString
	var n sql.NullInt64
	err := l.db.QueryRow(ctx, `SELECT fetched_at, status, etag, last_modified, bytes, sha256 FROM fetch_log
		WHERE url = ? AND (status BETWEEN 200 AND 299 OR status = 304) ORDER BY fetched_at DESC LIMIT 1`, u).
		Scan(&r.FetchedAt, &status, &etag, &lm, &n, &sha)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("read fetch_log: %w", err)
	}
	r.Status, r.ETag, r.LastModified, r.Bytes, r.SHA256 = int(status.Int64), etag.String, lm.String, n.Int64, sha.String
	return r, true, nil
}

func (l *fetchLog) Record(ctx context.Context, r news.FetchRecord) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var status any
	if r.Status != 0 {
		status = r.Status
	}
	_, err := l.db.Exec(ctx, `INSERT INTO fetch_log (url, fetched_at, status, etag, last_modified, bytes, sha256, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.URL, r.FetchedAt.UTC(), status, nullString(r.ETag), nullString(r.LastModified),
		r.Bytes, nullString(r.SHA256), nullString(r.Error))
	if err != nil {
		return fmt.Errorf("write fetch_log: %w", err)
	}
	return nil
}
