package main

import (
	"fmt"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/ingest/news"
)

func newNewsEvalCmd(a *app) *cobra.Command {
	var misses bool
	var sites string
	cmd := &cobra.Command{
		Use:   "news-eval DIR...",
		Short: "Score news extraction on labelled pages: is_outage F1 and per-field exact match",
		Long: heredoc.Doc(`
			Read every page a folder's labels.json lists (the format described in
			ingest/news/testdata/corpus/README.md), extract it as 'ingest news' would,
			and print a Markdown table: is_outage precision, recall and F1 over all
			pages, exact-match accuracy of each field on the pages labelled as
			outages, and how many page pairs are grouped into incidents as labelled.
			Nothing is stored. --misses lists every disagreement on stderr.
		`),
		Example: examples(`
			$ outagelens news-eval ingest/news/testdata/corpus
			$ outagelens news-eval --misses my-labelled-pages
		`),
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalog()
			if err != nil {
				return err
			}
			profiles, err := news.LoadProfiles(sites)
			if err != nil {
				return &usageError{fmt.Errorf("--sites: %w", err)}
			}
			for i, dir := range args {
				ev, err := news.Evaluate(dir, cat, news.ReadOptions{Location: a.loc, Profiles: profiles}, news.ExtractOptions{Location: a.loc})
				if err != nil {
					return fmt.Errorf("news-eval %s: %w", dir, err)
				}
				if i > 0 {
					fmt.Fprintln(a.io.Out)
				}
				fmt.Fprintf(a.io.Out, "%s: %s", dir, ev.Table())
				if misses && len(ev.Misses) > 0 {
					a.say("%s: %d misses\n%s", dir, len(ev.Misses), strings.Join(ev.Misses, "\n"))
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&misses, "misses", false, "list every field read differently from its label on stderr")
	cmd.Flags().StringVar(&sites, "sites", "", "site profiles TOML (default: the embedded ingest/news/sites.toml)")
	return cmd
}
