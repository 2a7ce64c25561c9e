package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"outagelens/data/catalog"
	"outagelens/ingest/logs"
)

// runConfig is the file `outagelens run --config` reads. Relative paths are
// relative to the config file's folder.
type runConfig struct {
	// DB is the database file; the --db flag wins when given.
	DB string `toml:"db"`
	// Catalog is a catalog file replacing the embedded one.
	Catalog string `toml:"catalog"`
	// TZ is where naive timestamps were written and the report calendar.
	TZ      string        `toml:"tz"`
	Logs    []logsConfig  `toml:"logs"`
	News    newsConfig    `toml:"news"`
	Scrape  scrapeConfig  `toml:"scrape"`
	Analyze analyzeConfig `toml:"analyze"`
	HTML    htmlConfig    `toml:"html"`
	Report  reportConfig  `toml:"report"`

	dir string // the config file's folder
}

type logsConfig struct {
	Paths         []string `toml:"paths"`
	Format        string   `toml:"format"`
	Service       string   `toml:"service"`
	JSONMap       string   `toml:"json_map"`
	MaxRejectRate *float64 `toml:"max_reject_rate"`
}

type newsConfig struct {
	// Paths are saved pages: files, folders, globs.
	Paths []string `toml:"paths"`
	// URLs are pages to fetch: article URLs, RSS/Atom feeds, sitemaps.
	URLs []string `toml:"urls"`
	// URLLists are files of such URLs, one per line (# starts a comment).
	URLLists []string `toml:"url_lists"`
}

// scrapeConfig tunes the crawler for [news] urls and url_lists; zero values take
// the scrape command's defaults.
type scrapeConfig struct {
	UserAgent   string `toml:"user_agent"`
	Delay       string `toml:"delay"` // a Go duration, e.g. "5s"
	Depth       *int   `toml:"depth"`
	MaxPages    int    `toml:"max_pages"`
	Concurrency int    `toml:"concurrency"`
}

type analyzeConfig struct {
	MonthEndDays    int     `toml:"monthend_days"`
	MinRequests     int     `toml:"min_requests"`
	ErrorRatio      float64 `toml:"error_ratio"`
	MergeGapMinutes int     `toml:"merge_gap_minutes"`
}

// flags returns [analyze] as the analyze command's flags; the rules it does not
// name keep the analysis defaults.
func (c analyzeConfig) flags() analyzeFlags {
	return analyzeFlags{monthEndDays: c.MonthEndDays, minRequests: c.MinRequests,
		errorRatio: c.ErrorRatio, mergeGapMinutes: c.MergeGapMinutes}
}

type htmlConfig struct {
	// Out is the folder the site is written to; "" writes none.
	Out string `toml:"out"`
}

type reportConfig struct {
	// Print names the report printed to stdout at the end; "" prints none.
	Print string `toml:"print"`
}

func defaultRunConfig() runConfig {
	return runConfig{
		TZ:      "Asia/Kolkata",
		Analyze: analyzeConfig{MonthEndDays: 3, MinRequests: 3, ErrorRatio: 0.5, MergeGapMinutes: 5},
		HTML:    htmlConfig{Out: defaultHTMLDir},
		Report:  reportConfig{Print: "reliability"},
	}
}

// loadRunConfig reads and validates a config file.
func loadRunConfig(path string) (runConfig, error) {
	c := defaultRunConfig()
	data, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	if err := catalog.DecodeStrict(data, &c); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	c.dir = filepath.Dir(path)
	if err := c.validate(); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// validate reports every problem at once, each naming its key.
func (c runConfig) validate() error {
	var errs []error
	if _, err := parseTZ(c.TZ); err != nil {
		errs = append(errs, fmt.Errorf("tz: %w", err))
	}
	if len(c.Logs) == 0 && len(c.News.Paths) == 0 && len(c.News.URLs) == 0 && len(c.News.URLLists) == 0 {
		errs = append(errs, errors.New("nothing to read: add [[logs]] paths, or [news] paths, urls or url_lists"))
	}
	for i, u := range c.News.URLs {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			errs = append(errs, fmt.Errorf("news.urls[%d]: %q: only http and https URLs are fetched", i, u))
		}
	}
	if _, err := c.scrapeOptions(); err != nil {
		errs = append(errs, err)
	}
	for i, l := range c.Logs {
		if len(l.Paths) == 0 {
			errs = append(errs, fmt.Errorf("logs[%d].paths: at least one path is required", i))
		}
		if l.Format != "" {
			if _, err := logs.Lookup(l.Format); err != nil {
				errs = append(errs, fmt.Errorf("logs[%d].format: %w", i, err))
			}
		}
		if _, err := logs.ParseJSONMapping(l.JSONMap); err != nil {
			errs = append(errs, fmt.Errorf("logs[%d].json_map: %w", i, err))
		}
		if r := l.MaxRejectRate; r != nil && (*r < 0 || *r > 1) {
			errs = append(errs, fmt.Errorf("logs[%d].max_reject_rate: must be between 0 and 1", i))
		}
	}
	f := c.Analyze.flags()
	if err := f.validate(); err != nil {
		errs = append(errs, fmt.Errorf("analyze: %v", err))
	}
	if _, ok := reportByName(c.Report.Print); c.Report.Print != "" && !ok {
		errs = append(errs, fmt.Errorf("report.print: unknown report %q", c.Report.Print))
	}
	return errors.Join(errs...)
}

// scrapeOptions turns [scrape] into the scrape command's options.
func (c runConfig) scrapeOptions() (scrapeOptions, error) {
	o := defaultScrapeOptions()
	sc := c.Scrape
	var errs []error
	if sc.UserAgent != "" {
		o.userAgent = sc.UserAgent
	}
	if sc.Delay != "" {
		d, err := time.ParseDuration(sc.Delay)
		if err != nil || d < 0 {
			errs = append(errs, fmt.Errorf("scrape.delay: %q is not a duration like \"5s\"", sc.Delay))
		}
		o.delay = d
	}
	if sc.Depth != nil {
		if *sc.Depth < 0 {
			errs = append(errs, errors.New("scrape.depth: must not be negative"))
		}
		o.depth = *sc.Depth
	}
	if sc.MaxPages < 0 || sc.Concurrency < 0 {
		errs = append(errs, errors.New("scrape.max_pages and scrape.concurrency: must not be negative"))
	}
	if sc.MaxPages > 0 {
		o.maxPages = sc.MaxPages
	}
	if sc.Concurrency > 0 {
		o.concurrency = sc.Concurrency
	}
	return o, errors.Join(errs...)
}

// path resolves a config path against the config file's folder.
func (c runConfig) path(p string) string {
	if p == "" || p == "-" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

func (c runConfig) paths(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = c.path(p)
	}
	return out
}

// newsSeeds returns [news] urls and the URLs listed in url_lists.
func (c runConfig) newsSeeds() ([]string, error) {
	seeds := append([]string{}, c.News.URLs...)
	for i, f := range c.News.URLLists {
		s, err := readSeeds(c.path(f))
		if err != nil {
			return nil, fmt.Errorf("news.url_lists[%d]: %w", i, err)
		}
		seeds = append(seeds, s...)
	}
	return seeds, nil
}
