package main

import (
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/reports/parquet"
)

func newExportCmd(a *app) *cobra.Command {
	var dir string
	var tables []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "export --parquet DIR",
		Short: "Write the stored tables as Parquet, partitioned by service and month",
		Long: heredoc.Doc(`
			Write every table of the database (ingested rows, the catalog copy and the
			result_* tables) as zstd Parquet files for other tools, one folder per
			table, partitioned hive-style by service and calendar month (in --tz):

			    DIR/requests/service_id=wb-ration/month=2024-09/data_0.parquet
			    DIR/result_reliability/service_id=wb-ration/month=2024-09/data_0.parquet
			    DIR/sources/data_0.parquet

			Tables without a time are partitioned by service only; bookkeeping tables
			(sources, rejects, catalog_*) are one file each. Each table replaces its
			previous export in one rename. The database is opened read-only.
		`),
		Example: examples(`
			$ outagelens export --parquet out/parquet
			$ duckdb -c "SELECT service_id, month, count(*) FROM read_parquet('out/parquet/requests/*/*/*.parquet', hive_partitioning=true) GROUP BY ALL"
		`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return usagef("--parquet DIR is required")
			}
			db, err := a.openStore(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer db.Close()
			written, err := parquet.Export(cmd.Context(), db, dir, parquet.Options{Location: a.loc, Tables: tables})
			if asJSON {
				if written == nil {
					written = []parquet.Table{}
				}
				if jerr := a.printJSON(written); jerr != nil && err == nil {
					err = jerr
				}
			}
			var files int
			var bytes int64
			for _, t := range written {
				files += t.Files
				bytes += t.Bytes
				a.log.Info("exported", "table", t.Name, "rows", t.Rows, "files", t.Files, "bytes", t.Bytes)
			}
			abs, _ := filepath.Abs(dir)
			a.say("wrote %s (%d tables, %d files, %s)", abs, len(written), files, humanBytes(bytes))
			return err
		},
	}
	cmd.Flags().StringVar(&dir, "parquet", "", "folder to write the Parquet files into")
	cmd.Flags().StringSliceVar(&tables, "table", nil, "only these tables (repeat or separate with commas)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print what was written as JSON on stdout")
	return cmd
}
