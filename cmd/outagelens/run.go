package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/analyze"
	"outagelens/data/store"
	"outagelens/ingest"
	"outagelens/ingest/logs"
	"outagelens/reports"
	"outagelens/reports/html"
	"outagelens/reports/text"
)

func newRunCmd(a *app) *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "run --config FILE",
		Short: "The batch job: ingest every source a config names, analyze, write HTML",
		Long: heredoc.Doc(`
			Run the whole pipeline from a TOML config: ingest every [[logs]] entry,
			fetch the [news] urls and url_lists politely (as 'outagelens scrape'; tuned
			by [scrape]) and read its saved pages (paths), analyze, write the HTML site
			([html] out) and print a report ([report] print). Incremental and safe from cron every hour: sources
			already ingested are skipped, analysis reruns only when something changed,
			and a second run while one is going fails at once (exit 4).

			A config looks like:

			    tz = "Asia/Kolkata"
			    [[logs]]
			    paths = ["/var/log/epos/access.log*"]
			    service = "wb-ration"
			    max_reject_rate = 0.01
			    [news]
			    paths = ["/srv/news-pages"]
			    urls = ["https://news.example/feeds/state.xml"]
			    url_lists = ["seeds.txt"]
			    [scrape]
			    delay = "5s"
			    user_agent = "outagelens (ops@example.org)"
			    [html]
			    out = "/var/www/outagelens"

			Relative paths are relative to the config file.
		`),
		Example: "  $ outagelens run --config /etc/outagelens.toml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if configPath == "" {
				return usagef("--config is required")
			}
			c, err := loadRunConfig(configPath)
			if err != nil {
				return &usageError{err}
			}
			return a.runConfig(cmd, c)
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "the run's TOML config file")
	return cmd
}

// runConfig runs every stage the config names. Errors of one source do not stop the
// others; they are reported at the end and decide the exit code.
func (a *app) runConfig(cmd *cobra.Command, c runConfig) error {
	ctx := cmd.Context()
	if !cmd.Flags().Changed("db") && c.DB != "" {
		a.dbPath = c.path(c.DB)
	}
	if !cmd.Flags().Changed("catalog") && c.Catalog != "" {
		a.catalogPath = c.path(c.Catalog)
	}
	if !cmd.Flags().Changed("tz") {
		loc, _ := parseTZ(c.TZ) // validated
		a.loc = loc
	}
	cat, err := a.catalog()
	if err != nil {
		return err
	}
	db, err := a.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()

	var errs []error
	for i, l := range c.Logs {
		m, _ := logs.ParseJSONMapping(l.JSONMap) // validated
		opts := ingest.Options{Format: l.Format, Service: l.Service, Location: a.loc, Catalog: cat, JSON: m, Logger: a.log}
		bar := a.progress(fmt.Sprintf("logs[%d]", i))
		if bar != nil {
			opts.Progress = func(n int64) { _ = bar.Add64(n) }
		}
		sum, err := ingest.Logs(ctx, db, c.paths(l.Paths), opts)
		if bar != nil {
			_ = bar.Finish()
		}
		a.printSummary(sum)
		if err != nil {
			if errors.Is(err, ctx.Err()) && ctx.Err() != nil {
				return err
			}
			errs = append(errs, err)
		}
		max := 1.0
		if l.MaxRejectRate != nil {
			max = *l.MaxRejectRate
		}
		if err := checkRejects(sum, max); err != nil {
			errs = append(errs, err)
		}
	}
	if seeds, err := c.newsSeeds(); err != nil {
		errs = append(errs, err)
	} else if len(seeds) > 0 {
		o, _ := c.scrapeOptions() // validated
		sum, err := a.scrapeInto(ctx, db, seeds, o)
		a.printScrapeSummary(sum)
		if err != nil {
			errs = append(errs, fmt.Errorf("scrape: %w", err))
		}
	}
	if len(c.News.Paths) > 0 {
		sum, err := ingest.News(ctx, db, c.paths(c.News.Paths), ingest.NewsOptions{Catalog: cat, Location: a.loc, Logger: a.log})
		a.printNewsSummary(sum)
		if err != nil {
			errs = append(errs, err)
		}
	}
	opts, err := a.analyzeOptions(c.Analyze.flags())
	if err != nil {
		return err
	}
	sum, err := analyze.Run(ctx, db, opts)
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	a.printAnalyzeSummary(sum)
	if out := c.HTML.Out; out != "" {
		if err := a.writeHTML(cmd, db, c.path(out), html.Options{Filter: reports.Filter{Location: a.loc}}); err != nil {
			errs = append(errs, err)
		}
	}
	if name := c.Report.Print; name != "" {
		if err := a.printReport(cmd, db, name, a.io.Out); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// printReport prints one report as a table to w.
func (a *app) printReport(cmd *cobra.Command, db *store.DB, name string, w io.Writer) error {
	s, ok := reportByName(name)
	if !ok {
		return fmt.Errorf("unknown report %q", name)
	}
	rows, err := s.rows(cmd.Context(), db, reports.Filter{Location: a.loc}, false)
	if err != nil {
		return err
	}
	return text.Write(w, rows, text.Options{Format: text.Table, TTY: a.io.OutTTY, Location: a.loc})
}
