package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// A database written before 0003 keeps every request's text: requests_text
// reads back exactly what requests held, and request_strings holds each value
// once per source and field.
func TestMigrationMovesRequestTextLosslessly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	raw, err := sql.Open("duckdb", path)
	require.NoError(t, err)
	_, err = raw.ExecContext(ctx, `CREATE TABLE schema_migrations (
		version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`)
	require.NoError(t, err)
	for _, m := range migrations()[:2] {
		_, err := raw.ExecContext(ctx, m.sql)
		require.NoError(t, err, m.name)
		_, err = raw.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name)
		require.NoError(t, err)
	}
	const cols = `source_id, line, service_id, ts, host, client, method, path, status, bytes, duration_ms, upstream_ms, referer, user_agent`
	_, err = raw.ExecContext(ctx, `INSERT INTO requests (`+cols+`) VALUES
		(1, 1, 'a', '2024-09-01 10:00:00+00', NULL, '10.0.0.1', 'GET', '/x', 200, 5, 1.5, NULL, NULL, 'agent'),
		(1, 2, 'a', '2024-09-01 10:00:01+00', 'vh', '10.0.0.1', 'GET', '/y', 503, NULL, NULL, 2, 'http://r/', 'agent'),
		(2, 1, 'b', '2024-09-01 10:00:02+00', 'vh', '10.0.0.2', 'POST', '/x', NULL, 7, 3, 4, 'http://r/', 'other'),
		(2, 2, 'b', '2024-09-01 10:00:03+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)
	require.NoError(t, err)
	before := dump(t, raw, `SELECT `+cols+` FROM requests ORDER BY source_id, line`)
	require.NoError(t, raw.Close())

	db, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	defer db.Close()
	require.Equal(t, before, dump(t, db.sql, `SELECT `+cols+` FROM requests_text ORDER BY source_id, line`))

	var n, ids, perSourceValue int
	require.NoError(t, db.QueryRow(ctx, `SELECT count(*), count(DISTINCT string_id),
		count(DISTINCT (source_id, field, value)) FROM request_strings`).Scan(&n, &ids, &perSourceValue))
	require.Equal(t, 7+6, n, "source 1: vh 10.0.0.1 GET /x /y http://r/ agent; source 2: vh 10.0.0.2 POST /x http://r/ other")
	require.Equal(t, n, ids)
	require.Equal(t, n, perSourceValue)
	var textCols int
	require.NoError(t, db.QueryRow(ctx, `SELECT count(*) FROM information_schema.columns
		WHERE table_name = 'requests' AND column_name IN ('host', 'client', 'method', 'path', 'referer', 'user_agent')`).Scan(&textCols))
	require.Zero(t, textCols, "the text lives in request_strings only")
}

// dump returns every row of query as text.
func dump(t *testing.T, db *sql.DB, query string) [][]string {
	t.Helper()
	rows, err := db.Query(query)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	require.NoError(t, rows.Err())
	return out
}
