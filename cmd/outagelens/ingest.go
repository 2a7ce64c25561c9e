package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"outagelens/ingest"
	"outagelens/ingest/logs"
	"outagelens/ingest/news"
	"outagelens/ingest/source"
	"outagelens/reports/text"
)

func newIngestCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "Read logs or news pages into the database",
	}
	cmd.AddCommand(newIngestLogsCmd(a), newIngestNewsCmd(a))
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = unknownSubcommand([]string{"logs", "news"})
	return cmd
}

type ingestLogsOptions struct {
	format        string
	service       string
	force         bool
	jsonMap       string
	maxRejectRate float64
	json          bool
}

func newIngestLogsCmd(a *app) *cobra.Command {
	var o ingestLogsOptions
	cmd := &cobra.Command{
		Use:   "logs PATH...",
		Short: "Ingest log files, folders, globs, .gz files or - (stdin)",
		Long: heredoc.Docf(`
			Ingest operator logs. Each file's format is detected from its first lines
			(--format overrides): %s.

			Files are known by content, not name: a file already ingested is skipped
			("unchanged"), one that has grown, or a rotated copy that has, is read
			only from where the last run stopped ("appended"), and --force replaces a
			file's rows. An unfinished last line is left for the next run. Each file
			is one transaction: a crash leaves no half file.

			Lines that do not parse are kept in the rejects table with their reason;
			--max-reject-rate makes a file with too many of them fail the run (exit 3).

			Lines go to services by the catalog's rules (file name, host, URL path);
			--service assigns every line to one service; lines no rule claims go to
			"unknown". Naive timestamps are read in --tz.
		`, strings.Join(logs.Names(), ", ")),
		Example: examples(`
			$ outagelens ingest logs data/demo/logs
			$ outagelens ingest logs --service wb-ration 'logs/epos-*.log.gz'
			$ zcat meter.jsonl.gz | outagelens ingest logs --format jsonl --json-map 'key=meter_id' -
		`),
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.maxRejectRate < 0 || o.maxRejectRate > 1 {
				return usagef("--max-reject-rate must be between 0 and 1")
			}
			if o.format != "" {
				if _, err := logs.Lookup(o.format); err != nil {
					return &usageError{fmt.Errorf("--format: %w", err)}
				}
			}
			m, err := logs.ParseJSONMapping(o.jsonMap)
			if err != nil {
				return &usageError{fmt.Errorf("--json-map: %w", err)}
			}
			return a.ingestLogs(cmd, args, o, m)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "", "log format (default: detect per file): "+strings.Join(logs.Names(), ", "))
	f.StringVar(&o.service, "service", "", "assign every line to this catalog service id")
	f.BoolVar(&o.force, "force", false, "re-read files already ingested, replacing their rows")
	f.StringVar(&o.jsonMap, "json-map", "", "JSON keys for jsonl fields, e.g. 'time=ts,key=meter_id|consumer'")
	f.Float64Var(&o.maxRejectRate, "max-reject-rate", 1, "fail (exit 3) when a file's share of rejected lines is above this")
	f.BoolVar(&o.json, "json", false, "print the run summary as JSON on stdout")
	return cmd
}

func (a *app) ingestLogs(cmd *cobra.Command, args []string, o ingestLogsOptions, m logs.JSONMapping) error {
	ctx := cmd.Context()
	cat, err := a.catalog()
	if err != nil {
		return err
	}
	db, err := a.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	opts := ingest.Options{Format: o.format, Service: o.service, Force: o.force, Location: a.loc, Catalog: cat, JSON: m, Logger: a.log}
	bar := a.progressSized("ingesting", contentSize(args))
	if bar != nil {
		opts.Progress = func(n int64) { _ = bar.Add64(n) }
	}
	sum, err := ingest.Logs(ctx, db, args, opts)
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(a.io.Err)
	}
	if o.json {
		if jerr := a.printJSON(sum); jerr != nil {
			return jerr
		}
	} else {
		a.printSummary(sum)
	}
	if err != nil {
		return err
	}
	return checkRejects(sum, o.maxRejectRate)
}

func checkRejects(sum ingest.Summary, max float64) error {
	var bad []string
	for _, f := range sum.Files {
		if f.RejectRate() > max {
			bad = append(bad, fmt.Sprintf("%s (%.1f%% of %d lines)", f.Path, 100*f.RejectRate(), f.Lines))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%w: above %.1f%% in %s", errRejects, 100*max, strings.Join(bad, ", "))
	}
	return nil
}

// contentSize returns the bytes an ingest of args will read, when that is known
// before reading: plain files only (gzip content and standard input are -1).
func contentSize(args []string) int64 {
	paths, err := source.Expand(args)
	if err != nil {
		return -1
	}
	var total int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if p == source.Stdin || err != nil || strings.HasSuffix(p, ".gz") {
			return -1
		}
		total += fi.Size()
	}
	return total
}

// progress returns a byte progress bar of unknown total (see progressSized).
func (a *app) progress(what string) *progressbar.ProgressBar { return a.progressSized(what, -1) }

// progressSized returns a byte progress bar on stderr (bytes read, MB/s and, when
// total is known, the ETA), or nil when stderr is not a terminal or --quiet is set.
func (a *app) progressSized(what string, total int64) *progressbar.ProgressBar {
	if !a.io.ErrTTY || a.quiet {
		return nil
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWriter(a.io.Err),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetItsString("B"),
		progressbar.OptionThrottle(200_000_000),
		progressbar.OptionClearOnFinish(),
	)
}

// printSummary tells people on stderr what an ingest did.
func (a *app) printSummary(sum ingest.Summary) {
	for _, f := range sum.Files {
		switch {
		case f.Error != "":
			// The error itself is printed once, at exit.
		case f.Status == ingest.StatusUnchanged:
			a.say("%s: %s", f.Path, f.Note)
		default:
			line := fmt.Sprintf("%s: %s, %s, %s lines, %s rows", f.Path, f.Status, f.Format,
				text.Count(float64(f.Lines)), text.Count(float64(f.Rows)))
			if f.Rejects > 0 {
				line += fmt.Sprintf(", %s rejected (%s)", text.Count(float64(f.Rejects)), reasons(f.RejectsByReason))
			}
			if f.PartialBytes > 0 {
				line += fmt.Sprintf(", %d bytes of an unfinished last line left for the next run", f.PartialBytes)
			}
			a.say("%s", line)
		}
	}
	a.say("%d files, %s lines, %s rows, %s rejected, %.1f MB in %.1f s (%.1f MB/s)", len(sum.Files),
		text.Count(float64(sum.Lines)), text.Count(float64(sum.Rows)), text.Count(float64(sum.Rejects)),
		float64(sum.Bytes)/1e6, sum.ElapsedSeconds, sum.MBPerSecond())
}

func reasons(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || (m[keys[i]] == m[keys[j]] && keys[i] < keys[j]) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func newIngestNewsCmd(a *app) *cobra.Command {
	var force, asJSON bool
	var sites string
	cmd := &cobra.Command{
		Use:   "news PATH...",
		Short: "Ingest saved news pages (HTML files or folders of them)",
		Long: heredoc.Doc(`
			Read saved news pages, extract the article (title, date, author, language,
			text) and what it reports (is it an outage, of which service, where, since
			when, until when, why, how many affected, how much money), with the
			sentence each field came from, and store both. A page stored already is
			skipped; a page at the same path with new content replaces the old version.

			The article text of known sites is found by their site profiles (CSS
			selectors per domain, --sites), elsewhere by a generic fallback. Services
			are matched by the catalog's aliases in English, Hindi, Bengali and
			Marathi, places by the gazetteer. Pages on the web are fetched with
			'outagelens scrape'; 'outagelens report news' shows the incidents.
		`),
		Example: "  $ outagelens ingest news data/demo/news",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			cat, err := a.catalog()
			if err != nil {
				return err
			}
			profiles, err := news.LoadProfiles(sites)
			if err != nil {
				return &usageError{fmt.Errorf("--sites: %w", err)}
			}
			db, err := a.openStore(ctx, false)
			if err != nil {
				return err
			}
			defer db.Close()
			sum, err := ingest.News(ctx, db, args, ingest.NewsOptions{Catalog: cat, Location: a.loc, Force: force, Logger: a.log, Profiles: profiles})
			if asJSON {
				if jerr := a.printJSON(sum); jerr != nil {
					return jerr
				}
			} else {
				a.printNewsSummary(sum)
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "re-extract pages already stored")
	cmd.Flags().StringVar(&sites, "sites", "", "site profiles TOML (default: the embedded ingest/news/sites.toml)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the run summary as JSON on stdout")
	return cmd
}

func (a *app) printNewsSummary(sum ingest.Summary) {
	counts := map[string]int{}
	for _, f := range sum.Files {
		counts[f.Status]++
	}
	a.say("%d pages: %d new, %d replaced, %d already ingested, %d failed", len(sum.Files),
		counts[ingest.StatusIngested], counts[ingest.StatusReplaced], counts[ingest.StatusUnchanged], counts[ingest.StatusFailed])
}
