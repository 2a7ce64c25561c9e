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
	const cols = `source_id, line, service_id, ts, host, client, method, path, status, bytes, duration_ms, upstream_ms, referer, user_agent`
	db, before := migrateFrom(t, 2, `INSERT INTO requests (`+cols+`) VALUES
		(1, 1, 'a', '2024-09-01 10:00:00+00', NULL, '10.0.0.1', 'GET', '/x', 200, 5, 1.5, NULL, NULL, 'agent'),
		(1, 2, 'a', '2024-09-01 10:00:01+00', 'vh', '10.0.0.1', 'GET', '/y', 503, NULL, NULL, 2, 'http://r/', 'agent'),
		(2, 1, 'b', '2024-09-01 10:00:02+00', 'vh', '10.0.0.2', 'POST', '/x', NULL, 7, 3, 4, 'http://r/', 'other'),
		(2, 2, 'b', '2024-09-01 10:00:03+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`, `SELECT `+cols+` FROM requests ORDER BY source_id, line`)
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

// A database written at version 4 keeps every access-log row through 0005: the
// view requests reads back exactly what the table held, each service has one key,
// and requests_text still joins the text.
func TestMigrationKeysRequestServices(t *testing.T) {
	ctx := context.Background()
	const cols = `source_id, line, service_id, ts, status, bytes, duration_ms, upstream_ms, host_id, client_id, method_id, path_id, referer_id, user_agent_id`
	db, before := migrateFrom(t, 4, `INSERT INTO requests (`+cols+`) VALUES
		(1, 1, 'wb-ration', '2024-09-01 10:00:00+00', 200, 5, 1.5, NULL, NULL, 1, 2, 3, NULL, 4),
		(1, 2, 'wb-ration', '2024-09-01 10:00:01+00', 503, NULL, NULL, 2, 5, 1, 2, 6, 7, 4),
		(2, 1, 'cg-chips-lsk', '2024-09-01 10:00:02+00', NULL, 7, 3, 4, NULL, 8, NULL, NULL, NULL, NULL);
		INSERT INTO request_strings VALUES (1, 1, 'client', '10.0.0.1'), (1, 3, 'path', '/x')`, `SELECT `+cols+` FROM requests ORDER BY source_id, line`)
	require.Equal(t, before, dump(t, db.sql, `SELECT `+cols+` FROM requests ORDER BY source_id, line`))
	require.Equal(t, [][]string{{"1", "cg-chips-lsk"}, {"2", "wb-ration"}},
		dump(t, db.sql, `SELECT service_key, service_id FROM service_keys ORDER BY service_key`))
	require.Equal(t, [][]string{{"1", "1", "wb-ration", "10.0.0.1", "/x"}},
		dump(t, db.sql, `SELECT source_id, line, service_id, client, path FROM requests_text WHERE path IS NOT NULL`))
	var keyType string
	require.NoError(t, db.QueryRow(ctx, `SELECT data_type FROM duckdb_columns()
		WHERE table_name = 'request_rows' AND column_name = 'service_key'`).Scan(&keyType))
	require.Equal(t, "INTEGER", keyType)
}

// migrateFrom writes a database as the build at version wrote it, runs setup on
// it, reads query, then opens it with the store (migrating it to the current
// version) and returns the store, closed when the test ends, with what query
// returned before the migrations.
func migrateFrom(t *testing.T, version int, setup, query string) (*DB, [][]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	raw := databaseAt(t, path, version)
	_, err := raw.ExecContext(context.Background(), setup)
	require.NoError(t, err)
	before := dump(t, raw, query)
	require.NoError(t, raw.Close())
	db, err := Open(context.Background(), path, Options{})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db, before
}

// databaseAt creates a database at path as a build with the first version
// migrations wrote it, and returns it open without the store (so without
// migrating further).
func databaseAt(t *testing.T, path string, version int) *sql.DB {
	t.Helper()
	ctx := context.Background()
	raw, err := sql.Open("duckdb", path)
	require.NoError(t, err)
	_, err = raw.ExecContext(ctx, `CREATE TABLE schema_migrations (
		version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`)
	require.NoError(t, err)
	for _, m := range migrations()[:version] {
		_, err := raw.ExecContext(ctx, m.sql)
		require.NoError(t, err, m.name)
		_, err = raw.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name)
		require.NoError(t, err)
	}
	return raw
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

// A database written at version 3 keeps its news reports through 0004, and each
// gets ongoing from what ingest wrote into its evidence: true for "still going
// on when published", false for a reported end, no ended evidence, or evidence
// that is not JSON. New rows default to false and NULL is refused.
func TestMigrationDerivesNewsOngoingFromEvidence(t *testing.T) {
	ctx := context.Background()
	const cols = `source_id, is_outage, service_id, service_name, state, district, started, started_date,
		started_time_known, ended, duration_minutes, cause, affected, money_inr, confidence, evidence`
	db, before := migrateFrom(t, 3, `INSERT INTO news_reports (`+cols+`) VALUES
		(1, true, 'wb-ration', 'রেশন', 'West Bengal', NULL, '2024-09-28 12:30:00+00', '2024-09-28', true, NULL, NULL, 'unknown', NULL, NULL, 0.9,
		 '{"ended":"still going on when published (no end): শনিবার সন্ধ্যা থেকে ই-পস যন্ত্র কাজ করছে না।","started":"শনিবার সন্ধ্যা"}'),
		(2, true, 'wb-ration', NULL, 'West Bengal', 'Murshidabad', '2025-01-30 04:00:00+00', '2025-01-30', true, '2025-01-31 07:30:00+00', 1650, 'unknown', 40000, NULL, 0.9,
		 '{"ended":"শুক্রবার দুপুর একটা নাগাদ ফের সার্ভার চালু হয়।"}'),
		(3, true, NULL, 'portal', NULL, NULL, NULL, NULL, false, NULL, NULL, 'unknown', NULL, 2.5e6, 0.4, '{"is_outage":"the portal was down"}'),
		(4, false, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, 0.1, NULL),
		(5, true, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, 0.2, 'still going on when published, not JSON')`, `SELECT `+cols+` FROM news_reports ORDER BY source_id`)
	v, err := db.currentVersion(ctx)
	require.NoError(t, err)
	require.Equal(t, SchemaVersion(), v)
	require.Equal(t, before, dump(t, db.sql, `SELECT `+cols+` FROM news_reports ORDER BY source_id`), "rows kept as they were")
	require.Equal(t, [][]string{{"1", "true"}, {"2", "false"}, {"3", "false"}, {"4", "false"}, {"5", "false"}},
		dump(t, db.sql, `SELECT source_id, ongoing FROM news_reports ORDER BY source_id`))

	_, err = db.Exec(ctx, `INSERT INTO news_reports (source_id, is_outage, confidence) VALUES (6, true, 0.5)`)
	require.NoError(t, err)
	var ongoing bool
	require.NoError(t, db.QueryRow(ctx, `SELECT ongoing FROM news_reports WHERE source_id = 6`).Scan(&ongoing))
	require.False(t, ongoing, "default")
	_, err = db.Exec(ctx, `INSERT INTO news_reports (source_id, is_outage, confidence, ongoing) VALUES (7, true, 0.5, NULL)`)
	require.ErrorContains(t, err, "NOT NULL")
}
