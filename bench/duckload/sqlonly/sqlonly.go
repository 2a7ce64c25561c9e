// Package sqlonly is the ingest benchmark's DuckDB-only baseline: it loads a
// combined access log into a typed table of a database using nothing but DuckDB
// SQL (read_csv of whole lines, then regexp_extract per field), with the same
// embedded DuckDB outagelens uses. bench/duckload runs it for bench/ingest.sh;
// the ingest package's Go benchmark compares with it in the same run.
package sqlonly

import (
	"context"
	"database/sql"

	_ "github.com/marcboeker/go-duckdb" // the "duckdb" driver
)

// Load creates the table requests from the log file named by its parameter.
// The fields are the ones outagelens stores for a combined line. The quote and
// escape characters are bytes that never occur in a log: with an empty quote DuckDB
// would take NUL as the quote (shared/notes/ingest-performance.md).
const Load = `
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

// Run loads log into a new database at path (which must not exist) and returns
// the number of rows with a time.
func Run(ctx context.Context, log, path string) (n int64, err error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	if _, err := db.ExecContext(ctx, "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false"); err != nil {
		return 0, err
	}
	if _, err := db.ExecContext(ctx, Load, log); err != nil {
		return 0, err
	}
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM requests WHERE ts IS NOT NULL").Scan(&n)
	return n, err
}
