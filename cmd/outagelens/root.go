package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"outagelens/data/catalog"
	"outagelens/data/store"
)

// streams are where a command reads and writes: results to Out, people's messages
// (progress, summaries, warnings, errors) to Err.
type streams struct {
	In       io.Reader
	Out, Err io.Writer
	OutTTY   bool // stdout is a terminal: tables for people
	ErrTTY   bool // stderr is a terminal: progress bars
}

// forceTTYEnv, set to a non-empty value, renders stdout as for a terminal even
// when it is not (gh's GH_FORCE_TTY): for scripts and tests that want the
// people's table.
const forceTTYEnv = "OUTAGELENS_FORCE_TTY"

func systemStreams() *streams {
	return &streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())) || os.Getenv(forceTTYEnv) != "",
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// app holds what every command shares; the store and catalog open lazily, so
// --help and flag errors never touch the database.
type app struct {
	io *streams

	dbPath      string
	catalogPath string
	tzName      string
	verbose     bool
	debug       bool
	quiet       bool

	cat *catalog.Catalog
	loc *time.Location
	log *slog.Logger
}

func newRoot(s *streams) *cobra.Command {
	a := &app{io: s}
	root := &cobra.Command{
		Use:   "outagelens",
		Short: "Outage numbers for public e-services, from server logs and news reports",
		Long: heredoc.Doc(`
			outagelens turns operator logs (web access logs, JSON application events,
			health probes, disk usage, status-page histories) and news reports (Hindi,
			Bengali, English, Marathi) into numbers planners can quote: how much more
			often services fail at month end, when storage will be full, and per
			service availability, incidents, MTTR/MTBF and promises kept.

			Everything lives in one DuckDB file (--db). The stages:
			  ingest logs|news  read sources into the database (incremental: content
			                    already stored is skipped)
			  scrape URL...     fetch news pages politely from the web, then as ingest news
			  analyze           compute the result tables
			  report NAME       print a report (table, csv, json, markdown)
			  html -o DIR       write the planners' HTML summary
			  run --config F    all of the above, for cron
			  demo              all of the above on the bundled demo data

			Exit codes: 0 ok, 1 error, 2 usage, 3 reject rate exceeded (--max-reject-rate),
			4 database in use by another outagelens run.
		`),
		Example: examples(`
			$ outagelens demo
			$ outagelens ingest logs --tz Asia/Kolkata /var/log/epos/access.log*
			$ outagelens analyze
			$ outagelens report reliability --service wb-ration --format csv
			$ outagelens sql "SELECT service_id, count(*) FROM result_incidents GROUP BY ALL"
		`),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return a.setup()
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbPath, "db", store.DefaultPath, "database file")
	pf.StringVar(&a.catalogPath, "catalog", "", "service catalog TOML (default: the embedded catalog)")
	pf.StringVar(&a.tzName, "tz", "Asia/Kolkata", "time zone of naive log timestamps and of report calendars")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log what is happening to stderr")
	pf.BoolVar(&a.debug, "debug", false, "log debugging detail to stderr")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "print no summaries or progress on stderr")

	root.AddCommand(
		newIngestCmd(a),
		newScrapeCmd(a),
		newNewsEvalCmd(a),
		newAnalyzeCmd(a),
		newReportCmd(a),
		newSQLCmd(a),
		newHTMLCmd(a),
		newExportCmd(a),
		newRunCmd(a),
		newDemoCmd(a),
		newGenCmd(a),
	)
	return root
}

// setup validates global flags before any command runs.
func (a *app) setup() error {
	loc, err := parseTZ(a.tzName)
	if err != nil {
		return &usageError{fmt.Errorf("--tz: %w", err)}
	}
	a.loc = loc
	level := slog.LevelWarn
	switch {
	case a.debug:
		level = slog.LevelDebug
	case a.verbose:
		level = slog.LevelInfo
	}
	a.log = slog.New(slog.NewTextHandler(a.io.Err, &slog.HandlerOptions{Level: level}))
	return nil
}

// parseTZ accepts an IANA name (Asia/Kolkata), UTC, or a fixed offset (+05:30).
func parseTZ(s string) (*time.Location, error) {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		t, err := time.Parse("-07:00", s)
		if err != nil {
			return nil, fmt.Errorf("offset %q: want like +05:30", s)
		}
		_, off := t.Zone()
		return time.FixedZone(s, off), nil
	}
	return time.LoadLocation(s)
}

func (a *app) catalog() (*catalog.Catalog, error) {
	if a.cat == nil {
		c, err := catalog.Load(a.catalogPath)
		if err != nil {
			return nil, err
		}
		a.cat = c
	}
	return a.cat, nil
}

// openStore opens the database; read-only for commands that only read.
func (a *app) openStore(ctx context.Context, readOnly bool) (*store.DB, error) {
	db, err := store.Open(ctx, a.dbPath, store.Options{ReadOnly: readOnly, Logger: a.log})
	if err != nil {
		return nil, err
	}
	return db, nil
}

// printJSON writes v to stdout as indented JSON: the document of a command's
// --json flag.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.io.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// say prints a message for people on stderr, unless --quiet.
func (a *app) say(format string, args ...any) {
	if !a.quiet {
		fmt.Fprintf(a.io.Err, format+"\n", args...)
	}
}

// unknownSubcommand is the RunE of a command that only groups others: called
// with no arguments it shows help; with an unknown one it is a usage error.
func unknownSubcommand(names []string) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return cmd.Help()
		}
		return usagef("unknown %s %q: want one of %s", cmd.Name(), args[0], strings.Join(names, ", "))
	}
}

// examples indents a heredoc block of example commands the way --help shows them.
func examples(s string) string {
	lines := strings.Split(strings.TrimRight(heredoc.Doc(s), "\n"), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n")
}
