// Package parquet exports the stored tables as Parquet files for other tools
// (DuckDB, pandas, Spark, Arrow), partitioned the way they are usually queried:
// by service and calendar month.
//
// Data flow: every base table of the store (ingested rows, catalog copies and
// result_* tables alike, found at run time so tables added later are exported
// too) -> DuckDB COPY ... (FORMAT parquet, PARTITION_BY ...) -> DIR/<table>/.
// Each table is written to a temporary folder and renamed over the old one, so
// a reader sees the previous export or the new one, never a mixture.
package parquet

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"outagelens/data/catalog"
	"outagelens/data/store"
)

// Options configure Export.
type Options struct {
	// Location is the calendar months are cut in [Asia/Kolkata]. Its UTC offset
	// must be fixed: DuckDB here has no time-zone database (no icu extension), so
	// months are computed from epoch microseconds plus the offset.
	Location *time.Location
	// Tables limits the export to these tables; empty means every table.
	Tables []string
}

// Table is what Export wrote for one table.
type Table struct {
	Name string `json:"table"`
	// PartitionBy lists the hive partition columns: service_id and month, or
	// service_id alone for tables with no time, or none.
	PartitionBy []string `json:"partition_by"`
	// MonthFrom names the column month was computed from ("" if none).
	MonthFrom string `json:"month_from"`
	Rows      int64  `json:"rows"`
	Files     int    `json:"files"`
	Bytes     int64  `json:"bytes"`
}

// unpartitioned are bookkeeping tables: one file each, never split by service.
var unpartitioned = []string{"sources", "rejects", "fetch_log", "schema_migrations", "analysis_runs"}

// timeColumns are the columns a month can be computed from, in order of
// preference, with the SQL that turns each into 'YYYY-MM'. %[1]s is the
// column, %[2]d the zone's offset in microseconds.
var timeColumns = []struct {
	name, typ, expr string
}{
	{"month", "VARCHAR", `%[1]s`},
	{"day", "DATE", `strftime(%[1]s, '%%Y-%%m')`},
	{"ts", "TIMESTAMP WITH TIME ZONE", `strftime(make_timestamp(epoch_us(%[1]s) + %[2]d), '%%Y-%%m')`},
	{"start_ts", "TIMESTAMP WITH TIME ZONE", `strftime(make_timestamp(epoch_us(%[1]s) + %[2]d), '%%Y-%%m')`},
	{"started", "TIMESTAMP WITH TIME ZONE", `strftime(make_timestamp(epoch_us(%[1]s) + %[2]d), '%%Y-%%m')`},
	{"start_minute", "BIGINT", `strftime(make_timestamp(%[1]s * 60000000 + %[2]d), '%%Y-%%m')`},
	{"minute", "BIGINT", `strftime(make_timestamp(%[1]s * 60000000 + %[2]d), '%%Y-%%m')`},
}

// Export writes the tables of db under dir as Parquet (zstd), one folder per
// table: DIR/requests/service_id=wb-ration/month=2024-09/data_0.parquet.
func Export(ctx context.Context, db *store.DB, dir string, o Options) ([]Table, error) {
	loc := o.Location
	if loc == nil {
		loc = catalog.IST
	}
	offUS, err := fixedOffsetMicros(loc)
	if err != nil {
		return nil, err
	}
	cols, err := tableColumns(ctx, db)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(cols))
	for n := range cols {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, t := range o.Tables {
		if _, ok := cols[t]; !ok {
			return nil, fmt.Errorf("export: no table %q: the store has %s", t, strings.Join(names, ", "))
		}
	}
	if len(o.Tables) > 0 {
		names = o.Tables
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var out []Table
	for _, name := range names {
		t, err := exportTable(ctx, db, dir, name, cols[name], offUS)
		if err != nil {
			return out, fmt.Errorf("export %s: %w", name, err)
		}
		out = append(out, t)
	}
	return out, nil
}

func exportTable(ctx context.Context, db *store.DB, dir, name string, cols map[string]string, offUS int64) (t Table, err error) {
	t.Name, t.PartitionBy = name, []string{}
	if err := db.QueryRow(ctx, "SELECT count(*) FROM "+store.QuoteIdent(name)).Scan(&t.Rows); err != nil {
		return t, err
	}
	sel := "*"
	opts := "FORMAT parquet, COMPRESSION zstd"
	if _, ok := cols["service_id"]; ok && !slices.Contains(unpartitioned, name) && !strings.HasPrefix(name, "catalog_") {
		t.PartitionBy = []string{"service_id"}
		for _, c := range timeColumns {
			if cols[c.name] != c.typ {
				continue
			}
			t.MonthFrom = c.name
			t.PartitionBy = append(t.PartitionBy, "month")
			if c.name != "month" {
				sel = fmt.Sprintf("*, %s AS month", fmt.Sprintf(c.expr, store.QuoteIdent(c.name), offUS))
			}
			break
		}
		opts += ", PARTITION_BY (" + strings.Join(t.PartitionBy, ", ") + ")"
	}
	final := filepath.Join(dir, name)
	tmp, err := os.MkdirTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return t, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.RemoveAll(tmp))
		}
	}()
	target := tmp
	if len(t.PartitionBy) == 0 {
		target = filepath.Join(tmp, "data_0.parquet")
	}
	if t.Rows > 0 || len(t.PartitionBy) == 0 {
		q := fmt.Sprintf("COPY (SELECT %s FROM %s) TO %s (%s)", sel, store.QuoteIdent(name), quoteString(target), opts)
		if _, err = db.Exec(ctx, q); err != nil {
			return t, err
		}
	}
	if err = os.RemoveAll(final); err != nil {
		return t, err
	}
	if err = os.Rename(tmp, final); err != nil {
		return t, err
	}
	err = filepath.WalkDir(final, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		t.Files++
		t.Bytes += fi.Size()
		return nil
	})
	return t, err
}

// throughView are the tables exported as a view of them: access-log rows hold
// their service as a key (request_rows), the view requests has its name, as
// every other table does, and is what analysts query.
var throughView = map[string]string{"request_rows": "requests"}

// tableColumns returns every base table of the main schema with its columns'
// types, a table in throughView under its view's name and columns.
func tableColumns(ctx context.Context, db *store.DB) (map[string]map[string]string, error) {
	rows, err := db.Query(ctx, `SELECT c.table_name, c.column_name, c.data_type, t.table_name IS NOT NULL AS base
		FROM duckdb_columns() c LEFT JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
		WHERE c.schema_name = 'main' AND c.database_name = current_database()`)
	if err != nil {
		return nil, fmt.Errorf("export: list tables: %w", err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	views := map[string]bool{}
	for _, v := range throughView {
		views[v] = true
	}
	for rows.Next() {
		var t, c, typ string
		var base bool
		if err := rows.Scan(&t, &c, &typ, &base); err != nil {
			return nil, fmt.Errorf("export: list tables: %w", err)
		}
		_, viewed := throughView[t]
		if keep := base && !viewed || !base && views[t]; !keep {
			continue
		}
		if out[t] == nil {
			out[t] = map[string]string{}
		}
		out[t][c] = typ
	}
	return out, rows.Err()
}

// fixedOffsetMicros returns loc's UTC offset, refusing zones with daylight saving.
func fixedOffsetMicros(loc *time.Location) (int64, error) {
	y := time.Now().Year()
	_, jan := time.Date(y, 1, 1, 0, 0, 0, 0, loc).Zone()
	_, jul := time.Date(y, 7, 1, 0, 0, 0, 0, loc).Zone()
	if jan != jul {
		return 0, fmt.Errorf("export: time zone %s has daylight saving; months are cut at a fixed UTC offset "+
			"because DuckDB here has no time-zone database: use --tz UTC or a fixed offset such as +01:00", loc)
	}
	return int64(jan) * 1e6, nil
}

// quoteString makes a SQL string literal (COPY TO takes no placeholder for its path).
func quoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
