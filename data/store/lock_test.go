package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/data/store"
)

const (
	lockChildEnv  = "OUTAGELENS_STORE_LOCK_CHILD"
	crashChildEnv = "OUTAGELENS_STORE_CRASH_CHILD"
)

// TestMain lets the test binary act as a second process that tries to open a
// database: the parent runs it with lockChildEnv set to the path.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		// Create and migrate, then end without closing: no checkpoint runs.
		if _, err := store.Open(context.Background(), path, store.Options{}); err != nil {
			fmt.Print(err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if path := os.Getenv(lockChildEnv); path != "" {
		db, err := store.Open(context.Background(), path, store.Options{})
		if err == nil {
			db.Close()
			fmt.Print("opened")
			os.Exit(0)
		}
		if errors.Is(err, store.ErrLocked) {
			fmt.Print("locked")
			os.Exit(0)
		}
		fmt.Print(err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func openInChild(t *testing.T, path string) error {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), lockChildEnv+"="+path)
	out, err := cmd.CombinedOutput()
	switch s := strings.TrimSpace(string(out)); {
	case s == "locked":
		return store.ErrLocked
	case s == "opened":
		return nil
	default:
		return fmt.Errorf("child: %v: %s", err, s)
	}
}

// Migrations are not checkpointed: a process that dies after creating a
// database leaves them in the WAL, and the next open, read-only or not, has the
// whole schema.
func TestMigrationsSurviveAnEndWithoutClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	_, err = os.Stat(path + ".wal")
	require.NoError(t, err, "the migrations are in the WAL")

	ctx := context.Background()
	for _, ro := range []bool{true, false} {
		db, err := store.Open(ctx, path, store.Options{ReadOnly: ro})
		require.NoError(t, err)
		var n int
		require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n))
		require.Equal(t, store.SchemaVersion(), n)
		require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM requests_text").Scan(&n))
		require.NoError(t, db.Close())
	}
}
