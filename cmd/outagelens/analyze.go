package main

import (
	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/analyze"
)

// analyzeFlags are the rules analyze takes from the command line (or a run
// config). Zero values mean the analysis defaults (analyze.Options).
type analyzeFlags struct {
	monthEndDays    int
	minRequests     int
	errorRatio      float64
	mergeGapMinutes int
	force           bool

	collapseRatio        float64
	collapseMinExpected  float64
	noCollapse           bool
	surgeFactor          float64
	newsGroupDays        int
	linkToleranceMinutes int
	breakDropPct         float64
	breakJumpPct         float64
	windowDays           int
	minSpanDays          float64
	orphanAfterMinutes   float64
}

func (f *analyzeFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&f.monthEndDays, "monthend-days", 3, "K: the last K days of each month are compared with the rest")
	fl.IntVar(&f.minRequests, "min-requests", 3, "fewest requests in a minute for the 5xx-ratio rule")
	fl.Float64Var(&f.errorRatio, "error-ratio", 0.5, "5xx share at which a minute counts as down")
	fl.IntVar(&f.mergeGapMinutes, "merge-gap", 5, "down runs separated by fewer minutes than this are one incident")
	fl.Float64Var(&f.collapseRatio, "collapse-ratio", 0.1, "a minute no probe covers is down when its requests are at most this share of the time-of-day baseline")
	fl.Float64Var(&f.collapseMinExpected, "collapse-min", 20, "least baseline (requests a minute) for the collapse rule")
	fl.BoolVar(&f.noCollapse, "no-collapse", false, "turn the traffic-collapse rule off (for access logs with gaps)")
	fl.Float64Var(&f.surgeFactor, "surge-factor", 3, "demand before an incident, as a multiple of the usual daily peak, that makes its cause load_surge")
	fl.IntVar(&f.newsGroupDays, "news-group-days", 2, "news reports of a service starting at most this many days apart are one incident")
	fl.IntVar(&f.linkToleranceMinutes, "link-tolerance", 1440, "minutes by which news windows are widened when linking them to monitored incidents")
	fl.Float64Var(&f.breakDropPct, "break-drop", 5, "fall of the median used_pct (points) that marks a cleanup")
	fl.Float64Var(&f.breakJumpPct, "break-jump", 0, "rise of the median used_pct (points) that also restarts the trend; 0: rises are growth")
	fl.IntVar(&f.windowDays, "window-days", 30, "how many days back the capacity trend looks")
	fl.Float64Var(&f.minSpanDays, "min-span-days", 7, "least days since the last break for a capacity forecast")
	fl.Float64Var(&f.orphanAfterMinutes, "orphan-after", 1440, "minutes a promise's start may wait for its end, when the catalog gives none")
}

func (f *analyzeFlags) validate() error {
	switch {
	case f.monthEndDays < 1 || f.monthEndDays > 14:
		return usagef("--monthend-days must be between 1 and 14")
	case f.minRequests < 1:
		return usagef("--min-requests must be at least 1")
	case f.errorRatio <= 0 || f.errorRatio > 1:
		return usagef("--error-ratio must be in (0, 1]")
	case f.mergeGapMinutes < 0:
		return usagef("--merge-gap must not be negative")
	case f.collapseRatio < 0 || f.collapseRatio >= 1:
		return usagef("--collapse-ratio must be in (0, 1); --no-collapse turns the rule off")
	case f.collapseMinExpected < 0 || f.surgeFactor < 0 || f.newsGroupDays < 0 || f.linkToleranceMinutes < 0:
		return usagef("--collapse-min, --surge-factor, --news-group-days and --link-tolerance must not be negative")
	case f.breakDropPct < 0 || f.breakJumpPct < 0 || f.windowDays < 0 || f.minSpanDays < 0 || f.orphanAfterMinutes < 0:
		return usagef("--break-drop, --break-jump, --window-days, --min-span-days and --orphan-after must not be negative")
	}
	return nil
}

func (a *app) analyzeOptions(f analyzeFlags) (analyze.Options, error) {
	cat, err := a.catalog()
	if err != nil {
		return analyze.Options{}, err
	}
	o := analyze.Options{
		Location: a.loc, Catalog: cat, Logger: a.log, Force: f.force,
		MonthEndDays: f.monthEndDays, MinRequests: f.minRequests, ErrorRatio: f.errorRatio, MergeGapMinutes: f.mergeGapMinutes,
		CollapseRatio: f.collapseRatio, CollapseMinExpected: f.collapseMinExpected, SurgeFactor: f.surgeFactor,
		NewsGroupDays: f.newsGroupDays, LinkToleranceMinutes: f.linkToleranceMinutes,
		BreakDropPct: f.breakDropPct, BreakJumpPct: f.breakJumpPct, WindowDays: f.windowDays, MinSpanDays: f.minSpanDays,
		OrphanAfterMinutes: f.orphanAfterMinutes,
	}
	// In analyze.Options zero means "the default"; on the command line a 0 means 0.
	if f.mergeGapMinutes == 0 {
		o.MergeGapMinutes = -1
	}
	if f.noCollapse {
		o.CollapseRatio = -1
	}
	return o, nil
}

func newAnalyzeCmd(a *app) *cobra.Command {
	var f analyzeFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "analyze",
		Short: "Compute incidents, month-end concentration, saturation, reliability, promises and news links",
		Long: heredoc.Doc(`
			Recompute every result table from the stored rows, in one transaction.
			A minute is down when at least --min-requests requests had a 5xx share of
			at least --error-ratio, when most health probes covering it failed, or,
			with no probe, when its traffic collapsed to --collapse-ratio of the
			time-of-day baseline; minutes with no data are unknown. Down runs closer
			than --merge-gap minutes are one incident. The README ("What the numbers
			mean") defines every number.

			Running it again over unchanged data does nothing and says so (--force reruns).
		`),
		Example: examples(`
			$ outagelens analyze --monthend-days 5
			$ outagelens analyze --tz UTC --no-collapse
		`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.validate(); err != nil {
				return err
			}
			opts, err := a.analyzeOptions(f)
			if err != nil {
				return err
			}
			db, err := a.openStore(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer db.Close()
			sum, err := analyze.Run(cmd.Context(), db, opts)
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(sum)
			}
			a.printAnalyzeSummary(sum)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&f.force, "force", false, "rerun even when nothing changed")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the run summary as JSON on stdout")
	return cmd
}

func (a *app) printAnalyzeSummary(sum analyze.Summary) {
	if sum.UpToDate {
		a.say("analysis is up to date (nothing changed since the last run)")
		return
	}
	for _, s := range sum.Steps {
		a.log.Info("analysis", "step", s.Name, "rows", s.Rows, "seconds", s.Seconds)
	}
	a.say("analysed in %.1f s", sum.Seconds)
}
