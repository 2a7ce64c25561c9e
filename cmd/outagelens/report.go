package main

import (
	"context"
	"slices"
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
	// whole marks reports whose rows are an outlook over the whole analysed
	// period (a trend at the last sample): --from, --to and --month cannot cut them.
	whole bool
	rows  func(ctx context.Context, db *store.DB, f reports.Filter, all bool) (any, error)
}

// rowsOf adapts a report function that takes no --all flag.
func rowsOf[T any](get func(context.Context, *store.DB, reports.Filter) ([]T, error)) func(context.Context, *store.DB, reports.Filter, bool) (any, error) {
	return func(ctx context.Context, db *store.DB, f reports.Filter, _ bool) (any, error) { return get(ctx, db, f) }
}

var reportSpecs = []reportSpec{
	{"services", "One row per service over the whole period: availability, SLO, incidents, MTTR/MTBF",
		"The reliability report summed over each service's whole analysed period (month shows the period): availability by minutes and by requests against the SLO with the error budget used, incidents with MTTR (mean and median), MTBF and the longest outage, and month-end availability. It is what `outagelens demo` prints.",
		true, rowsOf(reports.ReliabilityTotal)},
	{"reliability", "Per service and month: availability, SLO and error budget, incidents, MTTR/MTBF",
		"Availability by minutes (up / (up + down); minutes with no data are unknown, maintenance windows left out) and by requests (non-5xx share), against the catalog's SLO with the error budget used, incidents starting in the month with MTTR (mean and median), MTBF and the longest outage, and month-end availability beside the rest.",
		false, rowsOf(reports.Reliability)},
	{"incidents", "Every outage with start, end, duration, cause and source (logs, probes, status, news)",
		"Monitored incidents are runs of down minutes (access logs, probes, status-page histories) merged across gaps shorter than --merge-gap; cause is storage_full, load_surge or unknown from what co-occurs. News incidents (source news) group the articles about one event; their end is empty when no article gives it. Ids (I1, N1) are the ones the links report uses.",
		false, rowsOf(func(ctx context.Context, db *store.DB, f reports.Filter) ([]reports.IncidentRow, error) {
			f.WithNews = true
			return reports.Incidents(ctx, db, f)
		})},
	{"monthend", "Do outages concentrate in the last K days of the month?",
		"Incident starts and outage minutes per exposure minute in the last K days of each month against the other days, as rate ratios, with an exact 95% interval and p-value for the incident ratio (conditional binomial test), for monitored and for news-reported incidents, and demand per day in each window. With --from/--to the ratios cover the days in that period.",
		false, rowsOf(reports.MonthEnd)},
	{"monthend-days", "Outages and demand by day of the month, per day observed",
		"For each day of the month: how many such days were observed (day 31 exists in 7 months of 12), outage minutes per known day, incident starts per 100 known days and requests per day, for monitored and news-reported incidents.",
		false, rowsOf(reports.MonthEndDays)},
	{"saturation", "Capacity trends: growth per day and when 90% and 100% will be reached",
		"A Theil-Sen trend of used_pct since the last cleanup or resize (with Sen's 95% interval), and a forecast of 90% and 100% full with a low/high range; flat, shrinking or too-short trends get no forecast. Storage-full log events of the service are shown beside it. It is the outlook at the last sample, so --from, --to and --month do not apply.",
		true, rowsOf(reports.Saturation)},
	{"storage-full", "Storage-full log events per week and per month",
		"Counts of storage_full events (\"No space left on device\", ORA-01653, ...) per service and local calendar week (from Monday) and month, with the first and last of each.",
		false, rowsOf(reports.StorageFull)},
	{"load", "Demand peaks by month, the load knee and this month's headroom",
		"Each month's busiest 15-minute slot (requests a minute), the request rate above which the service's error ratio climbs (the knee) and how far the month's peak is below it.",
		false, rowsOf(reports.Load)},
	{"promises", "Promises such as \"reconnect within 20 minutes of payment\": share kept and delays",
		"Each start event (payment_received) matched to the first end event (reconnect) of the same key before that key's next start: the share kept within the limit, median, p95 and worst delay, and starts never completed. With --from/--to only cases that started in the period count.",
		false, rowsOf(reports.Promises)},
	{"promise-cases", "The worst cases of each promise: never completed, then the longest delays",
		"Up to 10 cases per promise that were not kept, never completed first, then by delay.",
		false, rowsOf(reports.PromiseCases)},
	{"links", "News incidents matched with monitored incidents: linked, news-only, logs-only",
		"A news incident's window runs from its start to its reported end or, when no article gives one, to the latest publication of its articles. It and a monitored incident of the same service are linked when they overlap once the news window is widened by --link-tolerance on both sides. news_only rows say whether the service had logs then (logs_cover: monitoring missed it) or not; logs_only rows are outages nobody reported.",
		false, rowsOf(reports.Links)},
	{"components", "Per status-page component and month: availability and outage minutes",
		"For services with a status-page history: each component's availability (partial and major outage count as down), minutes in each status and incidents.",
		false, rowsOf(reports.Components)},
	{"news", "Outages reported in the news, with the fields read from each article",
		"One row per article that reports an outage (all articles with --all): service, state, start, cause, figures and the supporting sentences (evidence, in JSON and CSV).",
		false, func(ctx context.Context, db *store.DB, f reports.Filter, all bool) (any, error) {
			return reports.News(ctx, db, f, all)
		}},
}

// reportByName returns the report called name.
func reportByName(name string) (reportSpec, bool) {
	i := slices.IndexFunc(reportSpecs, func(s reportSpec) bool { return s.name == name })
	if i < 0 {
		return reportSpec{}, false
	}
	return reportSpecs[i], true
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
