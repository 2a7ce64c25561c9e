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
