package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/data/store"
	"outagelens/ingest"
	"outagelens/ingest/news"
)

type scrapeOptions struct {
	seedsFile    string
	depth        int
	maxPages     int
	delay        time.Duration
	concurrency  int
	userAgent    string
	timeout      time.Duration
	maxBody      int64
	maxRedirects int
	retries      int
	sites        string
	force        bool
	json         bool

	profiles *news.Profiles // loaded from sites; nil loads them
}

// defaultScrapeOptions are the crawler's defaults, shared by the scrape command's
// flags and run --config's [scrape] table.
func defaultScrapeOptions() scrapeOptions {
	return scrapeOptions{depth: 1, maxPages: 500, delay: 2 * time.Second, concurrency: 4, userAgent: news.DefaultUserAgent,
		timeout: 30 * time.Second, maxBody: 5 << 20, maxRedirects: 5, retries: 3}
}

func newScrapeCmd(a *app) *cobra.Command {
	o := defaultScrapeOptions()
	cmd := &cobra.Command{
		Use:   "scrape [URL...]",
		Short: "Fetch news pages politely from the web and extract outage reports",
		Long: heredoc.Doc(`
			Fetch news pages and store them as 'ingest news' stores saved pages. Seeds
			are article URLs, RSS/Atom feeds and sitemaps (news sitemaps and sitemap
			indexes too), given as arguments or in a file (--seeds, one per line, #
			comments); links are followed on the seeds' sites up to --depth.

			The crawler is polite: it obeys robots.txt, including Crawl-delay (the
			larger of it and --delay wins), fetches one page at a time per host and at
			most --concurrency at once overall, gives up on a request after --timeout,
			reads at most --max-body bytes, follows at most --max-redirects, retries
			429 and 5xx answers with exponential backoff and jitter honouring
			Retry-After, fetches http and https only and says who it is (--user-agent).
			Every fetch is logged in the fetch_log table; a re-run sends conditional
			requests (ETag, Last-Modified) and stores only pages that changed.
			Legacy encodings are decoded by the declared or sniffed charset.
		`),
		Example: examples(`
			$ outagelens scrape https://news.example/feeds/state.xml
			$ outagelens scrape --seeds seeds.txt --depth 1 --delay 5s --user-agent 'outagelens (ops@example.org)'
			$ outagelens scrape --json https://news.example/sitemap-news.xml | jq .crawl
		`),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case o.depth < 0:
				return usagef("--depth must not be negative")
			case o.concurrency < 1:
				return usagef("--concurrency must be at least 1")
			case o.delay < 0:
				return usagef("--delay must not be negative")
			case o.maxBody < 1:
				return usagef("--max-body must be positive")
			case o.timeout <= 0:
				return usagef("--timeout must be positive")
			case strings.TrimSpace(o.userAgent) == "":
				return usagef("--user-agent must not be empty")
			}
			seeds := append([]string{}, args...)
			if o.seedsFile != "" {
				s, err := readSeeds(o.seedsFile)
				if err != nil {
					return &usageError{fmt.Errorf("--seeds: %w", err)}
				}
				seeds = append(seeds, s...)
			}
			if len(seeds) == 0 {
				return usagef("no seeds: give URLs or --seeds FILE")
			}
			for _, s := range seeds {
				if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
					return usagef("seed %q: only http and https URLs are fetched", s)
				}
			}
			return a.scrape(cmd, seeds, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.seedsFile, "seeds", "", "file of seed URLs, one per line (# starts a comment)")
	f.IntVar(&o.depth, "depth", o.depth, "follow links on the seeds' sites this many steps")
	f.IntVar(&o.maxPages, "max-pages", o.maxPages, "stop after this many URLs")
	f.DurationVar(&o.delay, "delay", o.delay, "least time between two requests to one host (robots.txt Crawl-delay wins when larger)")
	f.IntVar(&o.concurrency, "concurrency", o.concurrency, "requests in flight at most, over all hosts")
	f.StringVar(&o.userAgent, "user-agent", o.userAgent, "User-Agent sent and matched against robots.txt")
	f.DurationVar(&o.timeout, "timeout", o.timeout, "give up on one request after this long")
	f.Int64Var(&o.maxBody, "max-body", o.maxBody, "largest response body read, in bytes")
	f.IntVar(&o.maxRedirects, "max-redirects", o.maxRedirects, "redirects one request may follow")
	f.IntVar(&o.retries, "retries", o.retries, "retries of a 429, 5xx or network error (0: none)")
	f.StringVar(&o.sites, "sites", "", "site profiles TOML (default: the embedded ingest/news/sites.toml)")
	f.BoolVar(&o.force, "force", false, "re-extract pages whose content is stored already")
	f.BoolVar(&o.json, "json", false, "print the run summary as JSON on stdout")
	return cmd
}

func readSeeds(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

func (a *app) scrape(cmd *cobra.Command, seeds []string, o scrapeOptions) error {
	ctx := cmd.Context()
	// Load the profiles before anything is opened: a bad --sites is a usage error.
	var err error
	if o.profiles, err = news.LoadProfiles(o.sites); err != nil {
		return &usageError{fmt.Errorf("--sites: %w", err)}
	}
	db, err := a.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := a.scrapeInto(ctx, db, seeds, o)
	if errors.As(err, new(*usageError)) {
		return err
	}
	if o.json {
		if jerr := a.printJSON(sum); jerr != nil {
			return jerr
		}
	} else {
		a.printScrapeSummary(sum)
	}
	return err
}

// scrapeInto crawls seeds into an open store: the scrape command and run --config
// share it.
func (a *app) scrapeInto(ctx context.Context, db *store.DB, seeds []string, o scrapeOptions) (ingest.ScrapeSummary, error) {
	cat, err := a.catalog()
	if err != nil {
		return ingest.ScrapeSummary{}, err
	}
	profiles := o.profiles
	if profiles == nil {
		if profiles, err = news.LoadProfiles(o.sites); err != nil {
			return ingest.ScrapeSummary{}, &usageError{fmt.Errorf("--sites: %w", err)}
		}
	}
	retries := o.retries
	if retries == 0 {
		retries = -1
	}
	return ingest.Scrape(ctx, db, seeds, ingest.ScrapeOptions{
		News: ingest.NewsOptions{Catalog: cat, Location: a.loc, Force: o.force, Logger: a.log, Profiles: profiles},
		Crawl: news.CrawlOptions{UserAgent: o.userAgent, Delay: o.delay, Concurrency: o.concurrency, MaxDepth: o.depth,
			MaxPages: o.maxPages, MaxBodyBytes: o.maxBody, MaxRedirects: o.maxRedirects, Timeout: o.timeout, Retries: retries,
			Logger: a.log},
	})
}

// printScrapeSummary tells people on stderr what a scrape did.
func (a *app) printScrapeSummary(sum ingest.ScrapeSummary) {
	c := sum.Crawl
	a.say("%d requests: %d pages, %d feeds or sitemaps, %d not modified, %d forbidden by robots.txt, %d failed, %d retries",
		c.Requests, c.Pages, c.Feeds, c.NotModified, c.RobotsDenied, c.Failed, c.Retries)
	if sum.NotArticle > 0 {
		a.say("%d pages were not articles (section fronts, tag pages) and were not stored", sum.NotArticle)
	}
	a.printNewsSummary(sum.Stored)
}
