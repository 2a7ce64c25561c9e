package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/data/store/storetest"
	"outagelens/ingest"
)

// Damaged input is data, never a panic: each kind of damage ends in rows for what
// is readable and a reject with a reason for the rest.
func TestLogsDamagedInput(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := accessLines(0, 3)

	t.Run("invalid UTF-8 is stored repaired", func(t *testing.T) {
		db := storetest.New(t)
		p := filepath.Join(dir, "latin1.log")
		write(t, p, good+`10.0.0.9 - - [28/Sep/2024:18:10:01 +0530] "GET /caf`+"\xe9"+` HTTP/1.1" 200 5 "-" "x`+"\xff"+`"`+"\n")
		sum, err := ingest.Logs(ctx, db, []string{p}, opts(t))
		require.NoError(t, err)
		require.EqualValues(t, 4, sum.Rows)
		require.EqualValues(t, 1, count(t, db, "SELECT count(*) FROM requests_text WHERE path = '/caf\uFFFD'"))
	})
	t.Run("NUL bytes reject their line", func(t *testing.T) {
		db := storetest.New(t)
		p := filepath.Join(dir, "nul.log")
		write(t, p, good+"\x00\x00\x00\x00\n"+good)
		sum, err := ingest.Logs(ctx, db, []string{p}, opts(t))
		require.NoError(t, err)
		require.EqualValues(t, 6, sum.Rows)
		require.Equal(t, map[string]int64{"binary data (NUL bytes)": 1}, sum.Files[0].RejectsByReason)
		require.EqualValues(t, 4, count(t, db, "SELECT line FROM rejects"))
	})
	t.Run("a line over the limit is rejected, the next ones read", func(t *testing.T) {
		db := storetest.New(t)
		p := filepath.Join(dir, "long.log")
		long := `10.0.0.9 - - [28/Sep/2024:18:10:01 +0530] "GET /` + strings.Repeat("a", 1<<20) + ` HTTP/1.1" 200 5` + "\n"
		write(t, p, good+long+accessLines(3, 2))
		o := opts(t)
		o.ChunkBytes = 64 << 10
		sum, err := ingest.Logs(ctx, db, []string{p}, o)
		require.NoError(t, err)
		require.EqualValues(t, 5, sum.Rows)
		require.Equal(t, map[string]int64{"line too long": 1}, sum.Files[0].RejectsByReason)
		require.EqualValues(t, 4, count(t, db, "SELECT line FROM rejects"))
		require.EqualValues(t, 6, count(t, db, "SELECT max(line) FROM requests"), "line numbers stay exact after the long line")
		require.EqualValues(t, 512, count(t, db, "SELECT length(raw) FROM rejects"), "the raw text is truncated")
		// A line just under the limit is read whole.
		p2 := filepath.Join(dir, "almost.log")
		almost := `10.0.0.9 - - [28/Sep/2024:18:10:01 +0530] "GET /` + strings.Repeat("b", 900<<10) + ` HTTP/1.1" 200 5` + "\n"
		write(t, p2, good+almost)
		sum, err = ingest.Logs(ctx, db, []string{p2}, o)
		require.NoError(t, err)
		require.EqualValues(t, 4, sum.Rows)
	})
	t.Run("a truncated gzip stream keeps the lines before the damage", func(t *testing.T) {
		db := storetest.New(t)
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		_, _ = zw.Write([]byte(accessLines(0, 2000)))
		require.NoError(t, zw.Close())
		p := filepath.Join(dir, "cut.log.gz")
		require.NoError(t, os.WriteFile(p, gz.Bytes()[:gz.Len()/2], 0o644))
		sum, err := ingest.Logs(ctx, db, []string{p}, opts(t))
		require.NoError(t, err)
		f := sum.Files[0]
		require.Equal(t, map[string]int64{"truncated gzip stream": 1}, f.RejectsByReason)
		require.Greater(t, f.Rows, int64(100))
		require.Equal(t, f.Rows+1, f.Lines)
		// The same damaged file again: already ingested, no error.
		sum, err = ingest.Logs(ctx, db, []string{p}, opts(t))
		require.NoError(t, err)
		require.Equal(t, ingest.StatusUnchanged, sum.Files[0].Status)
	})
}

// A document (a whole JSON array) is one unit: unchanged it is skipped; changed it
// is re-read whole, replacing its rows, never appended to.
func TestLogsDocumentRerun(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	p := filepath.Join(t.TempDir(), "gcp.json")
	el := func(i int) string {
		return `{"begin":"2020-06-29T15:15:42+00:00","end":"2020-06-29T18:40:41+00:00","service_name":"Google Compute Engine","external_desc":"` +
			strings.Repeat("x", 5000) + `","n":` + string(rune('0'+i)) + `}`
	}
	write(t, p, "[\n"+el(1)+",\n"+el(2)+"\n]\n")
	sum, err := ingest.Logs(ctx, db, []string{p}, opts(t))
	require.NoError(t, err)
	require.Equal(t, "incidents-json", sum.Files[0].Format)
	require.EqualValues(t, 2, sum.Rows)
	sum, err = ingest.Logs(ctx, db, []string{p}, opts(t))
	require.NoError(t, err)
	require.Equal(t, ingest.StatusUnchanged, sum.Files[0].Status)

	write(t, p, "[\n"+el(1)+",\n"+el(2)+",\n"+el(3)+"\n]\n")
	sum, err = ingest.Logs(ctx, db, []string{p}, opts(t))
	require.NoError(t, err)
	require.Equal(t, ingest.StatusReplaced, sum.Files[0].Status)
	require.EqualValues(t, 3, count(t, db, "SELECT count(*) FROM status_incidents"))
	require.EqualValues(t, 1, count(t, db, "SELECT count(*) FROM sources"))
}

// Parallel workers and many small chunks give the same rows, with exact line
// numbers, as one worker does.
func TestLogsParallelChunksKeepLineNumbers(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "ration-many.log")
	content := accessLines(0, 3000)
	content = strings.Replace(content, "\n", "\n\n", 7) // blank lines count as lines
	write(t, p, content+"garbage\n")
	for _, workers := range []int{1, 4} {
		db := storetest.New(t)
		o := opts(t)
		o.Workers, o.ChunkBytes, o.BatchRows = workers, 1000, 100
		sum, err := ingest.Logs(ctx, db, []string{p}, o)
		require.NoError(t, err)
		require.EqualValues(t, 3008, sum.Lines)
		require.EqualValues(t, 3000, sum.Rows)
		require.EqualValues(t, 3008, count(t, db, "SELECT line FROM rejects"))
		// Line n of the file is the request with id n-1 (n-8 after the seven blank lines).
		require.Zero(t, count(t, db, `SELECT count(*) FROM requests_text
			WHERE regexp_extract(path, 'i=(\d+)', 1)::BIGINT <> CASE WHEN line <= 14 THEN (line - 1) // 2 ELSE line - 8 END`))
	}
}
