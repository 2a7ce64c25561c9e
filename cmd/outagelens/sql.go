package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/reports/text"
)

func newSQLCmd(a *app) *cobra.Command {
	var format text.Format = text.Table
	cmd := &cobra.Command{
		Use:   "sql QUERY",
		Short: "Run read-only SQL against the database (the analyst's escape hatch)",
		Long: heredoc.Doc(`
			Run a query against the database, opened read-only, and print the result
			as a table, CSV, JSON or Markdown. Ingested tables: sources, requests (a
			view of request_rows with the service's name; requests_text also has the
			text of host, client, method, path, referer and user agent), events,
			probes, capacity, status_changes, status_incidents, rejects, articles,
			news_reports. Results: result_* (see the README). "-" reads the query from
			stdin.
		`),
		Example: examples(`
			$ outagelens sql "SELECT reason, count(*) FROM rejects GROUP BY ALL ORDER BY 2 DESC"
			$ outagelens sql --format csv "SELECT * FROM result_reliability" > reliability.csv
		`),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := args[0]
			if q == "-" {
				b, err := io.ReadAll(a.io.In)
				if err != nil {
					return err
				}
				q = string(b)
			}
			if strings.TrimSpace(q) == "" {
				return usagef("empty query")
			}
			db, err := a.openStore(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer db.Close()
			rows, err := db.Query(cmd.Context(), q)
			if err != nil {
				return fmt.Errorf("sql: %w", err)
			}
			defer rows.Close()
			cols, err := rows.Columns()
			if err != nil {
				return err
			}
			var out [][]any
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					return fmt.Errorf("sql: %w", err)
				}
				out = append(out, vals)
			}
			if err := rows.Err(); err != nil {
				return fmt.Errorf("sql: %w", err)
			}
			return text.WriteRows(a.io.Out, cols, out, text.Options{Format: format, TTY: a.io.OutTTY, Location: a.loc})
		},
	}
	cmd.Flags().Var(&format, "format", "output format: table, csv, json or markdown")
	return cmd
}
