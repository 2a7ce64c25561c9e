package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"outagelens/data/store"
	"outagelens/data/store/storetest"
	"outagelens/ingest"
)

func accessLines(from, n int) string {
	var b bytes.Buffer
	t0 := time.Date(2024, 9, 28, 18, 0, 0, 0, time.FixedZone("", 19800))
	for i := from; i < from+n; i++ {
		status := 200
		if i%10 == 0 {
			status = 503
		}
		fmt.Fprintf(&b, "10.0.0.%d - - [%s] \"GET /epos/txn?i=%d HTTP/1.1\" %d 512 \"-\" \"ePoS/2.3\" 0.%03d\n",
			i%250, t0.Add(time.Duration(i)*time.Second).Format("02/Jan/2006:15:04:05 -0700"), i, status, i%1000)
	}
	return b.String()
}

func write(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func count(t *testing.T, db *store.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	require.NoError(t, db.QueryRow(context.Background(), q, args...).Scan(&n))
	return n
}

func opts(t *testing.T) ingest.Options {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return ingest.Options{Allocator: mem, BatchRows: 7, Location: time.UTC}
}

func TestLogsIdempotentGrowthRotationForce(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	dir := t.TempDir()
	log := filepath.Join(dir, "ration-access.log")
	write(t, log, accessLines(0, 100))

	sum, err := ingest.Logs(ctx, db, []string{log}, opts(t))
	require.NoError(t, err)
	require.Equal(t, ingest.StatusIngested, sum.Files[0].Status)
	require.Equal(t, "combined", sum.Files[0].Format)
	require.EqualValues(t, 100, sum.Rows)
	require.EqualValues(t, 100, count(t, db, "SELECT count(*) FROM requests WHERE service_id = 'wb-ration'"),
		"the catalog's file rule assigns ration-* files")
	require.EqualValues(t, 10, count(t, db, "SELECT count(*) FROM requests WHERE status = 503"))

	// Unchanged: a no-op that says so.
	sum, err = ingest.Logs(ctx, db, []string{log}, opts(t))
	require.NoError(t, err)
	require.Equal(t, ingest.StatusUnchanged, sum.Files[0].Status)
	require.Contains(t, sum.Files[0].Note, "already ingested")
	require.EqualValues(t, 100, count(t, db, "SELECT count(*) FROM requests"))

	// Growth with an unfinished last line: only complete new lines are read.
	partial := accessLines(150, 1)
	write(t, log, accessLines(0, 150)+partial[:40])
	sum, err = ingest.Logs(ctx, db, []string{log}, opts(t))
	require.NoError(t, err)
	require.Equal(t, ingest.StatusAppended, sum.Files[0].Status)
	require.EqualValues(t, 50, sum.Files[0].Rows)
	require.EqualValues(t, 40, sum.Files[0].PartialBytes)
	require.EqualValues(t, 150, count(t, db, "SELECT count(*) FROM requests"))
	require.EqualValues(t, 150, count(t, db, "SELECT max(line) FROM requests"), "line numbers continue")

	// The line is finished, the file rotated and compressed: the rest is read once.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(accessLines(0, 151)))
	require.NoError(t, zw.Close())
	require.NoError(t, os.Remove(log))
	rotated := filepath.Join(dir, "ration-access.log.1.gz")
	require.NoError(t, os.WriteFile(rotated, gz.Bytes(), 0o644))
	sum, err = ingest.Logs(ctx, db, []string{dir}, opts(t))
	require.NoError(t, err)
	require.Equal(t, ingest.StatusAppended, sum.Files[0].Status)
	require.EqualValues(t, 1, sum.Files[0].Rows)
	require.EqualValues(t, 151, count(t, db, "SELECT count(DISTINCT line) FROM requests"))
	require.EqualValues(t, 1, count(t, db, "SELECT count(*) FROM sources"))

	// Force replaces the source's rows.
	o := opts(t)
	o.Force = true
	sum, err = ingest.Logs(ctx, db, []string{rotated}, o)
	require.NoError(t, err)
	require.Equal(t, ingest.StatusReplaced, sum.Files[0].Status)
	require.EqualValues(t, 151, count(t, db, "SELECT count(*) FROM requests"))
	require.EqualValues(t, 151, count(t, db, "SELECT rows FROM sources"))
}

func TestLogsSameHeadDifferentContent(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	dir := t.TempDir()
	header := "time,host,resource,used_bytes,size_bytes,used_pct\n"
	a := filepath.Join(dir, "chips-disk-a.csv")
	b := filepath.Join(dir, "chips-disk-b.csv")
	write(t, a, header+"2025-06-27T14:00:00+05:30,lsk-db-1,/data,1,2,50\n")
	write(t, b, header+"2025-06-27T14:00:00+05:30,lsk-db-2,/data,1,2,50\n")
	_, err := ingest.Logs(ctx, db, []string{a, b}, opts(t))
	require.NoError(t, err)
	require.EqualValues(t, 2, count(t, db, "SELECT count(*) FROM sources"), "files with the same header are different sources")
	require.EqualValues(t, 2, count(t, db, "SELECT count(DISTINCT host) FROM capacity"))
}

func TestLogsRejectsAreQuarantined(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	path := filepath.Join(t.TempDir(), "bad.log")
	good := accessLines(0, 3)
	write(t, path, good+"garbage line\n10.0.0.1 - - [32/Sep/2024:10:00:00 +0530] \"GET / HTTP/1.1\" 200 1\nnul\x00byte\n")
	sum, err := ingest.Logs(ctx, db, []string{path}, opts(t))
	require.NoError(t, err)
	f := sum.Files[0]
	require.EqualValues(t, 6, f.Lines)
	require.EqualValues(t, 3, f.Rows)
	require.EqualValues(t, 3, f.Rejects)
	require.Equal(t, map[string]int64{"wrong number of fields": 1, "bad timestamp": 1, "binary data (NUL bytes)": 1}, f.RejectsByReason)
	require.EqualValues(t, 5, count(t, db, "SELECT line FROM rejects WHERE reason = 'bad timestamp'"))
}

func TestLogsCancelledLeavesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	db := storetest.New(t)
	path := filepath.Join(t.TempDir(), "ration-big.log")
	write(t, path, accessLines(0, 500))
	o := opts(t)
	o.ChunkBytes = 4096 // progress is reported per chunk
	batches := 0
	o.Progress = func(int64) {
		if batches++; batches == 3 {
			cancel()
		}
	}
	_, err := ingest.Logs(ctx, db, []string{path}, o)
	require.ErrorIs(t, err, context.Canceled)
	require.Zero(t, count(t, db, "SELECT count(*) FROM requests"), "a cancelled file leaves no rows")
	require.Zero(t, count(t, db, "SELECT count(*) FROM sources"))

	_, err = ingest.Logs(context.Background(), db, []string{path}, opts(t))
	require.NoError(t, err)
	require.EqualValues(t, 500, count(t, db, "SELECT count(*) FROM requests"))
}

// TestLogsRestoreMemoryLimit: a load runs under DuckDB's 256 MB memory limit,
// and the queries after it must not. DuckDB 1.1.2's RESET memory_limit leaves
// the limit in force, which failed the demo's analysis on CI; the query below
// builds one list of 60 million integers (about 480 MB) that cannot spill.
func TestLogsRestoreMemoryLimit(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	path := filepath.Join(t.TempDir(), "access.log")
	write(t, path, accessLines(0, 100))
	_, err := ingest.Logs(ctx, db, []string{path}, opts(t))
	require.NoError(t, err)
	require.EqualValues(t, 60_000_000, count(t, db, "SELECT len(list(range)) FROM range(60000000)"))
}

// TestLogsByteOrderMark: a UTF-8 byte-order mark before the first line (as
// Windows tools write it) is not part of that line, in a JSON document, JSON
// lines or an access log; and the file is still recognised as ingested after.
func TestLogsByteOrderMark(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	dir := t.TempDir()
	bom := "\ufeff"
	write(t, filepath.Join(dir, "incidents.json"), bom+`[{"service_name":"Cloud SQL","begin":"2024-09-28T10:00:00Z","end":"2024-09-28T11:00:00Z","severity":"high","external_desc":"x"}]`+"\n")
	write(t, filepath.Join(dir, "events.jsonl"), bom+`{"ts":"2024-09-28T10:00:00+05:30","level":"error","msg":"No space left on device"}`+"\n")
	write(t, filepath.Join(dir, "access.log"), bom+accessLines(0, 2))
	sum, err := ingest.Logs(ctx, db, []string{dir}, opts(t))
	require.NoError(t, err)
	for _, f := range sum.Files {
		require.Equal(t, f.Lines, f.Rows, f.Path)
		require.Zero(t, f.Rejects, f.Path)
	}
	require.EqualValues(t, 1, count(t, db, "SELECT count(*) FROM status_incidents"))
	require.EqualValues(t, 1, count(t, db, "SELECT count(*) FROM events WHERE event = 'storage_full'"))
	require.EqualValues(t, 0, count(t, db, "SELECT count(*) FROM requests_text WHERE client LIKE '%' || chr(65279) || '%'"))
	require.EqualValues(t, 2, count(t, db, "SELECT count(*) FROM requests_text WHERE client = '10.0.0.0' OR client = '10.0.0.1'"))
	again, err := ingest.Logs(ctx, db, []string{dir}, opts(t))
	require.NoError(t, err)
	for _, f := range again.Files {
		require.Equal(t, ingest.StatusUnchanged, f.Status, f.Path)
	}
}
