package ingest_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/data/store"
	"outagelens/data/store/storetest"
	"outagelens/ingest"
)

const childEnv = "OUTAGELENS_INGEST_CHILD" // "DB|LOG|READY": ingest LOG slowly into DB

// TestMain lets the test binary act as a second outagelens process: with childEnv
// set it ingests a log into a database, touching READY once rows are being
// loaded, and slowing down so the parent can kill it mid-file.
func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		os.Exit(child(v))
	}
	os.Exit(m.Run())
}

func child(v string) int {
	parts := strings.Split(v, "|")
	if len(parts) != 3 {
		return 2
	}
	dbPath, log, ready := parts[0], parts[1], parts[2]
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		return 3
	}
	chunks := 0
	_, err = ingest.Logs(ctx, db, []string{log}, ingest.Options{ChunkBytes: 4096, BatchRows: 50, Workers: 1,
		Progress: func(int64) {
			if chunks++; chunks == 5 {
				_ = os.WriteFile(ready, nil, 0o644)
			}
			time.Sleep(20 * time.Millisecond)
		}})
	if err != nil {
		return 1
	}
	return 0
}

// A real crash: a child process ingesting a file is killed (SIGKILL) in the
// middle of it. While it runs, a second run on the database fails fast with
// ErrLocked. After it, the file's rows are all or nothing (nothing), no Arrow view
// is left behind, and the next run ingests the whole file once.
func TestCrashMidFileAndConcurrentRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a child process")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "crash.duckdb")
	log := filepath.Join(dir, "ration-crash.log")
	write(t, log, accessLines(0, 3000)) // ~330 KB: 80 chunks of 4 KiB, 20 ms each
	ready := filepath.Join(dir, "ready")

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+dbPath+"|"+log+"|"+ready)
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		require.True(t, time.Now().Before(deadline), "the child never started loading")
		time.Sleep(10 * time.Millisecond)
	}

	// A concurrent run fails at once with ErrLocked (exit 4 in the CLI).
	_, err := store.Open(context.Background(), dbPath, store.Options{})
	require.True(t, errors.Is(err, store.ErrLocked), "second run: %v", err)

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	err = cmd.Wait()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee) && !ee.Exited(), "the child must have been killed, not finished: %v", err)

	db := storetest.Open(t, dbPath)
	require.Zero(t, count(t, db, "SELECT count(*) FROM requests"), "a killed run leaves none of the file's rows")
	require.Zero(t, count(t, db, "SELECT count(*) FROM sources"))
	require.Zero(t, count(t, db, "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE '_arrow_%'"))

	sum, err := ingest.Logs(context.Background(), db, []string{log}, opts(t))
	require.NoError(t, err)
	require.Equal(t, ingest.StatusIngested, sum.Files[0].Status)
	require.EqualValues(t, 3000, count(t, db, "SELECT count(*) FROM requests"))
	require.EqualValues(t, 3000, count(t, db, "SELECT count(DISTINCT line) FROM requests"))
}
