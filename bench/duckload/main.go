// Command duckload is the benchmark's DuckDB-only baseline: it loads a combined
// access log into a typed table of a fresh database file using nothing but
// DuckDB SQL (read_csv of whole lines, then regexp_extract per field), with the
// same embedded DuckDB outagelens uses.
//
//	duckload ACCESS.LOG DB
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	_ "github.com/marcboeker/go-duckdb"
)

// The same fields outagelens stores for a combined line. The quote and escape
// characters are bytes that never occur in a log: with quote=” DuckDB would take
// NUL as the quote (shared/notes/ingest-performance.md).
const load = `
CREATE TABLE requests AS
WITH lines AS (
    SELECT line FROM read_csv(?, columns = {'line': 'VARCHAR'}, header = false, auto_detect = false,
                              delim = E'\x01', quote = E'\x02', escape = E'\x02')
)
SELECT regexp_extract(line, '^(\S+)', 1) AS client,
       strptime(regexp_extract(line, '\[([^\]]+)\]', 1), '%d/%b/%Y:%H:%M:%S %z') AS ts,
       regexp_extract(line, '"(\S+) ', 1) AS method,
       regexp_extract(line, '"\S+ (\S+)', 1) AS path,
       TRY_CAST(regexp_extract(line, '" (\d{3}) ', 1) AS SMALLINT) AS status,
       TRY_CAST(regexp_extract(line, '" \d{3} (\d+)', 1) AS BIGINT) AS bytes,
       regexp_extract(line, '" \d{3} \S+ "([^"]*)"', 1) AS referer,
       regexp_extract(line, '" \d{3} \S+ "[^"]*" "((?:[^"\\]|\\.)*)"', 1) AS user_agent,
       TRY_CAST(regexp_extract(line, '" ([0-9.]+)$', 1) AS DOUBLE) * 1000 AS duration_ms
FROM lines`

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: duckload ACCESS.LOG DB")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "duckload:", err)
		os.Exit(1)
	}
}

func run(log, path string) (err error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false"); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, load, log); err != nil {
		return err
	}
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM requests WHERE ts IS NOT NULL").Scan(&n); err != nil {
		return err
	}
	fmt.Printf("%d rows\n", n)
	return nil
}
