package main

import (
	"encoding/json"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/analyze"
)

type analyzeFlags struct {
	monthEndDays    int
	minRequests     int
	errorRatio      float64
	mergeGapMinutes int
	force           bool
}

func (f *analyzeFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&f.monthEndDays, "monthend-days", 3, "K: the last K days of each month are compared with the rest")
	fl.IntVar(&f.minRequests, "min-requests", 3, "fewest requests in a minute for the 5xx-ratio rule")
	fl.Float64Var(&f.errorRatio, "error-ratio", 0.5, "5xx share at which a minute counts as down")
	fl.IntVar(&f.mergeGapMinutes, "merge-gap", 5, "down runs at most this many minutes apart are one incident")
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
	}
	return nil
}

func (a *app) analyzeOptions(f analyzeFlags) (analyze.Options, error) {
	cat, err := a.catalog()
	if err != nil {
		return analyze.Options{}, err
	}
	return analyze.Options{
		Location: a.loc, Catalog: cat, Logger: a.log, Force: f.force,
		MonthEndDays: f.monthEndDays, MinRequests: f.minRequests, ErrorRatio: f.errorRatio, MergeGapMinutes: f.mergeGapMinutes,
	}, nil
}

func newAnalyzeCmd(a *app) *cobra.Command {
	var f analyzeFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "analyze",
		Short: "Compute incidents, month-end concentration, saturation, reliability and promises",
		Long: heredoc.Doc(`
			Recompute every result table from the stored rows, in one transaction.
			A minute is down when at least --min-requests requests had a 5xx share of at
			least --error-ratio, or when most health probes covering it failed; minutes
			with no data are unknown. Runs of down minutes closer than --merge-gap are
			one incident. The README defines every number.

			Running it again over unchanged data does nothing and says so (--force reruns).
		`),
		Example: "  $ outagelens analyze --monthend-days 5",
		Args:    cobra.NoArgs,
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
				enc := json.NewEncoder(a.io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(sum)
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
