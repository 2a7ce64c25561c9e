package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/data/store"
	"outagelens/reports"
	"outagelens/reports/html"
)

// defaultHTMLDir is where html and demo write the site unless told otherwise.
const defaultHTMLDir = "outagelens-html"

func newHTMLCmd(a *app) *cobra.Command {
	var out string
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "html",
		Short: "Write the planners' HTML summary (a static, offline site)",
		Long: heredoc.Doc(`
			Write a static site from the analysis results: an overview of what needs
			attention first, per-service pages, and the news. It needs no network to
			view and works from a file or any web server. Text from scraped pages is
			escaped.
		`),
		Example: "  $ outagelens html -o site && xdg-open site/index.html",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := f.filter(a.loc)
			if err != nil {
				return err
			}
			db, err := a.openStore(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer db.Close()
			return a.writeHTML(cmd, db, out, filter)
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", defaultHTMLDir, "folder to write the site into")
	f.register(cmd)
	cmd.Flags().MarkHidden("format")
	cmd.Flags().MarkHidden("wide")
	return cmd
}

// writeHTML builds the site from db and writes it to out, telling people where.
func (a *app) writeHTML(cmd *cobra.Command, db *store.DB, out string, filter reports.Filter) error {
	cat, err := a.catalog()
	if err != nil {
		return err
	}
	site, err := html.Build(cmd.Context(), db, cat, filter, time.Now().In(a.loc))
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
	a.say("wrote %s (%d files, %s)", abs, len(files), humanBytes(total))
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
