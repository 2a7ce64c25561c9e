package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"outagelens/bench/duckload/sqlonly"
	"outagelens/data/demo"
	"outagelens/data/store"
	"outagelens/ingest"
)

// BenchmarkIngestLogs ingests 256 MB of the generated access log (outagelens gen
// accesslog) into a fresh database file, and in every iteration also loads the
// same file with the DuckDB-only baseline of bench/ingest.sh (package sqlonly),
// reporting the ratio of the two times ("x-duckdb-sql", above 1 means ingest is
// faster): a figure of this run alone, whatever else the machine is doing. It
// measures the library, not the CLI's process start.
func BenchmarkIngestLogs(b *testing.B) {
	const size = 256 << 20
	dir := b.TempDir()
	log := filepath.Join(dir, "access.log")
	var buf bytes.Buffer
	if err := demo.AccessLog(&buf, size, demo.AccessLogOptions{}); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(log, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var ours, baseline time.Duration
	i := 0
	for b.Loop() {
		i++
		t0 := time.Now()
		if _, err := sqlonly.Run(ctx, log, filepath.Join(dir, fmt.Sprintf("sql%d.duckdb", i))); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		db, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("ingest%d.duckdb", i)), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := ingest.Logs(ctx, db, []string{log}, ingest.Options{})
		if err == nil {
			err = db.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		if sum.Rejects > 0 || sum.Rows == 0 {
			b.Fatalf("%d rows, %d rejects", sum.Rows, sum.Rejects)
		}
		ours += time.Since(t1)
		baseline += t1.Sub(t0)
	}
	b.ReportMetric(float64(baseline)/float64(ours), "x-duckdb-sql")
	b.ReportMetric(float64(i)*float64(buf.Len())/1e6/ours.Seconds(), "ingest-MB/s")
	b.ReportMetric(float64(i)*float64(buf.Len())/1e6/baseline.Seconds(), "duckdb-sql-MB/s")
}
