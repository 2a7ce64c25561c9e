package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/data/store"
	"outagelens/reports/html"
)

// defaultHTMLDir is where html and demo write the site unless told otherwise.
const defaultHTMLDir = "outagelens-html"

func newHTMLCmd(a *app) *cobra.Command {
	var out, lang string
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "html",
		Short: "Write the planners' HTML summary (a static, offline site)",
		Long: heredoc.Doc(`
			Write a static site for planners from the analysis results: an overview of
			what needs attention first, a page per service (uptime calendar, outage
			minutes by day of month, capacity forecast, load and errors, incident
			timeline with the news that reported each, promise delays), a news page,
			and a public outage notice per service in its own language with an SMS
			text. Every page exists for the whole period (DIR/index.html) and for each
			calendar month (DIR/2025-03/index.html).

			Every number comes from the analysis results (run outagelens analyze
			first): the site reads the result tables and recomputes nothing. With
			--month the site covers that one month; --from and --to do not apply,
			since the whole-period numbers exist for the whole analysed period only.

			Charts are inline SVG with their tables; there is no JavaScript and nothing
			is fetched, so the folder works offline from a file or any web server.
			Text from scraped pages is escaped. Pages are built from aggregates, so
			their size does not grow with the number of log lines.
		`),
		Example: examples(`
			$ outagelens html -o site && xdg-open site/index.html
			$ outagelens html -o site-hi --lang hi
			$ outagelens html -o site --service wb-ration --month 2025-03
		`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.from != "" || f.to != "" {
				return usagef("html: --from and --to do not apply: the site covers the whole analysed period, with a page per month, or one month with --month")
			}
			filter, err := f.filter(a.loc)
			if err != nil {
				return err
			}
			if !slices.Contains(html.Langs, lang) {
				return usagef("--lang %q: want one of %s", lang, strings.Join(html.Langs, ", "))
			}
			db, err := a.openStore(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer db.Close()
			return a.writeHTML(cmd, db, out, html.Options{Filter: filter, Lang: lang})
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", defaultHTMLDir, "folder to write the site into")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of page labels: "+strings.Join(html.Langs, ", ")+" (notices are always in each service's own language)")
	f.register(cmd)
	cmd.Flags().MarkHidden("format")
	cmd.Flags().MarkHidden("wide")
	return cmd
}

// writeHTML builds the site from db and writes it to out, telling people where.
func (a *app) writeHTML(cmd *cobra.Command, db *store.DB, out string, o html.Options) error {
	cat, err := a.catalog()
	if err != nil {
		return err
	}
	if o.Filter.Location == nil {
		o.Filter.Location = a.loc
	}
	o.Now = time.Now()
	site, err := html.Build(cmd.Context(), db, cat, o)
	if err != nil {
		return err
	}
	files, err := html.Write(out, site)
	if err != nil {
		return fmt.Errorf("html: %w", err)
	}
	var total int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			total += fi.Size()
		}
	}
	abs, _ := filepath.Abs(filepath.Join(out, "index.html"))
	a.say("wrote %s (%d pages for %d months, %s)", abs, len(files), len(site.Months), humanBytes(total))
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
