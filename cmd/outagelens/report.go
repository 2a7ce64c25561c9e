package main

import (
	"context"
	"strings"
	"time"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/data/store"
	"outagelens/reports"
	"outagelens/reports/text"
)

// reportFlags are the filters and output options every report takes.
type reportFlags struct {
	format   text.Format
	services []string
	from, to string
	month    string
	wide     bool
}

func (f *reportFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	f.format = text.Table
	fl.Var(&f.format, "format", "output format: table, csv, json or markdown")
	fl.StringSliceVar(&f.services, "service", nil, "only these service ids (repeat or separate with commas)")
	fl.StringVar(&f.from, "from", "", "only from this date (YYYY-MM-DD, in --tz)")
	fl.StringVar(&f.to, "to", "", "only before this date (YYYY-MM-DD, in --tz)")
	fl.StringVar(&f.month, "month", "", "only this calendar month (YYYY-MM); not with --from/--to")
	fl.BoolVar(&f.wide, "wide", false, "show every column in tables")
}

// filter validates the flags into a reports.Filter.
func (f *reportFlags) filter(loc *time.Location) (reports.Filter, error) {
	rf := reports.Filter{Services: f.services, Location: loc}
	if f.month != "" && (f.from != "" || f.to != "") {
		return rf, usagef("--month cannot be combined with --from or --to")
	}
	var err error
	if f.month != "" {
		if rf.From, rf.To, err = reports.ParseMonth(f.month, loc); err != nil {
			return rf, usagef("--month: %v", err)
		}
		return rf, nil
	}
	if f.from != "" {
		if rf.From, err = time.ParseInLocation("2006-01-02", f.from, loc); err != nil {
			return rf, usagef("--from %q: want YYYY-MM-DD", f.from)
		}
	}
	if f.to != "" {
		if rf.To, err = time.ParseInLocation("2006-01-02", f.to, loc); err != nil {
			return rf, usagef("--to %q: want YYYY-MM-DD", f.to)
		}
	}
	if !rf.From.IsZero() && !rf.To.IsZero() && !rf.From.Before(rf.To) {
		return rf, usagef("--from is not before --to")
	}
	return rf, nil
}

// reportSpec is one report the CLI can print.
type reportSpec struct {
	name, short, long string
	// whole marks reports whose rows are statistics over the whole analysed
	// period (a rate ratio, a trend): --from, --to and --month cannot cut them.
	whole bool
	rows  func(ctx context.Context, db *store.DB, f reports.Filter, all bool) (any, error)
}

var reportSpecs = []reportSpec{
	{"reliability", "Per service and month: availability, SLO and error budget, incidents, MTTR/MTBF",
		"Availability by minutes (up / (up + down); minutes with no data are unknown) and by requests (non-5xx share), against the catalog's SLO with the error budget used, incidents starting in the month with MTTR (mean and median), MTBF and the longest outage, and month-end availability.",
		false, func(ctx context.Context, db *store.DB, f reports.Filter, _ bool) (any, error) {
			return reports.Reliability(ctx, db, f)
		}},
	{"incidents", "Every detected outage with start, end, duration, cause and source",
		"Incidents are runs of down minutes (access logs, probes) or outage intervals of status-page histories, merged across short gaps; cause is storage_full, load_surge or unknown from what co-occurs.",
		false, func(ctx context.Context, db *store.DB, f reports.Filter, _ bool) (any, error) {
			return reports.Incidents(ctx, db, f)
		}},
	{"monthend", "Do outages concentrate in the last K days of the month?",
		"Incident starts and outage minutes per known minute in the last K days of each month against the other days, as rate ratios, with an exact 95% interval and p-value for the incident ratio (conditional binomial test), and demand per day in each window. The ratio is over the whole analysed period, so --from, --to and --month do not apply (month-end availability per month is in the reliability report).",
		true, func(ctx context.Context, db *store.DB, f reports.Filter, _ bool) (any, error) {
			return reports.MonthEnd(ctx, db, f)
		}},
	{"saturation", "Capacity trends: growth per day and when 90% and 100% will be reached",
		"A Theil-Sen trend of used_pct since the last cleanup or resize, with a forecast of 90% and 100% full; flat or shrinking usage gets no forecast. It is the outlook at the last sample, so --from, --to and --month do not apply.",
		true, func(ctx context.Context, db *store.DB, f reports.Filter, _ bool) (any, error) {
			return reports.Saturation(ctx, db, f)
		}},
	{"promises", "Promises such as \"reconnect within 20 minutes of payment\": share kept and delays",
		"Each start event (payment_received) paired with the first end event (reconnect) of the same key: the share kept within the limit, median, p95 and worst delay, and starts never completed.",
		false, func(ctx context.Context, db *store.DB, f reports.Filter, _ bool) (any, error) {
			return reports.Promises(ctx, db, f)
		}},
	{"news", "Outages reported in the news, with the fields read from each article",
		"One row per article that reports an outage (all articles with --all): service, state, start, cause, figures and the supporting sentences (evidence, in JSON and CSV).",
		false, func(ctx context.Context, db *store.DB, f reports.Filter, all bool) (any, error) {
			return reports.News(ctx, db, f, all)
		}},
}

func newReportCmd(a *app) *cobra.Command {
	names := make([]string, len(reportSpecs))
	for i, s := range reportSpecs {
		names[i] = s.name
	}
	cmd := &cobra.Command{
		Use:   "report NAME",
		Short: "Print a report: " + strings.Join(names, ", "),
		Long: heredoc.Doc(`
			Print one report from the analysis results. On a terminal the table is
			aligned with human units; piped, it is tab-separated exact values. --format
			csv|json|markdown give stable field names with units (documented in the
			README); JSON is an array of flat objects, each naming its service.
		`),
		Example: examples(`
			$ outagelens report reliability
			$ outagelens report incidents --service wb-ration --month 2024-09
			$ outagelens report monthend --format json | jq '.[] | select(.p_value < 0.05)'
		`),
	}
	for _, spec := range reportSpecs {
		cmd.AddCommand(newReportSubCmd(a, spec))
	}
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = unknownSubcommand(names)
	return cmd
}

func newReportSubCmd(a *app, spec reportSpec) *cobra.Command {
	var f reportFlags
	var all bool
	cmd := &cobra.Command{
		Use:   spec.name,
		Short: spec.short,
		Long:  spec.short + ".\n\n" + spec.long,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := f.filter(a.loc)
			if err != nil {
				return err
			}
			if spec.whole && filter.HasTime() {
				return usagef("report %s covers the whole analysed period: --from, --to and --month do not apply", spec.name)
			}
			db, err := a.openStore(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer db.Close()
			rows, err := spec.rows(cmd.Context(), db, filter, all)
			if err != nil {
				return err
			}
			return text.Write(a.io.Out, rows, text.Options{Format: f.format, TTY: a.io.OutTTY, Wide: f.wide, Location: a.loc})
		},
	}
	f.register(cmd)
	if spec.name == "news" {
		cmd.Flags().BoolVar(&all, "all", false, "include articles that do not report an outage")
	}
	return cmd
}
