package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/BurntSushi/toml"

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
}

type analyzeConfig struct {
	MonthEndDays    int     `toml:"monthend_days"`
	MinRequests     int     `toml:"min_requests"`
	ErrorRatio      float64 `toml:"error_ratio"`
	MergeGapMinutes int     `toml:"merge_gap_minutes"`
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
	md, err := toml.DecodeFile(path, &c)
	if err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		return c, fmt.Errorf("config %s: unknown key %s", path, undec[0])
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
	if len(c.Logs) == 0 && len(c.News.Paths) == 0 {
		errs = append(errs, errors.New("nothing to read: add [[logs]] paths or [news] paths"))
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
	f := analyzeFlags{monthEndDays: c.Analyze.MonthEndDays, minRequests: c.Analyze.MinRequests,
		errorRatio: c.Analyze.ErrorRatio, mergeGapMinutes: c.Analyze.MergeGapMinutes}
	if err := f.validate(); err != nil {
		errs = append(errs, fmt.Errorf("analyze: %v", err))
	}
	if c.Report.Print != "" {
		found := false
		for _, s := range reportSpecs {
			found = found || s.name == c.Report.Print
		}
		if !found {
			errs = append(errs, fmt.Errorf("report.print: unknown report %q", c.Report.Print))
		}
	}
	return errors.Join(errs...)
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
