// Package storetest gives tests a real, migrated outagelens database.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"outagelens/data/store"
)

// New returns a migrated store in a file under t.TempDir(), closed when the test ends.
func New(t testing.TB) *store.DB {
	t.Helper()
	return Open(t, filepath.Join(t.TempDir(), "test.duckdb"))
}

// Open opens (creating and migrating) the database at path, closed when the test ends.
func Open(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return db
}

// Memory returns a migrated in-memory store, closed when the test ends.
func Memory(t testing.TB) *store.DB {
	t.Helper()
	return Open(t, "")
}

// InsertRequests stores access-log rows as ingest does, for tests that write them
// in SQL: query (a SELECT or a VALUES list) gives the columns named in columns,
// one of them service_id, of the view requests. Services without a key get one
// in service_keys; the rows go to request_rows with their service's key.
func InsertRequests(t testing.TB, db *store.DB, columns, query string, args ...any) {
	t.Helper()
	ctx := context.Background()
	err := db.Write(ctx, func(tx *store.Tx) error {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"CREATE OR REPLACE TEMP TABLE new_requests AS SELECT * FROM (" + query + ") AS t(" + columns + ")", args},
			{`INSERT INTO service_keys
			  SELECT (SELECT coalesce(max(service_key), 0) FROM service_keys) + row_number() OVER (ORDER BY service_id), service_id
			  FROM (SELECT DISTINCT service_id FROM new_requests WHERE service_id NOT IN (SELECT service_id FROM service_keys))`, nil},
			{`INSERT INTO request_rows BY NAME
			  SELECT n.* EXCLUDE (service_id), k.service_key FROM new_requests n JOIN service_keys k USING (service_id)`, nil},
			{"DROP TABLE new_requests", nil},
		} {
			if _, err := tx.Exec(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("insert requests: %v", err)
	}
}
