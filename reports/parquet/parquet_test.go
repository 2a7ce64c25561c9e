package parquet_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/data/store/storetest"
	"outagelens/reports/parquet"
)

// TestExportMonthsInIST writes requests either side of an IST month boundary:
// 2024-09-30 23:50 IST and 2024-10-01 00:10 IST are both 2024-09-30 in UTC, so a
// month cut in UTC (or with AT TIME ZONE, which needs the absent icu extension)
// would put both in September.
func TestExportMonthsInIST(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	storetest.InsertRequests(t, db, "source_id, line, service_id, ts, status", `VALUES
		(1, 1, 'wb-ration', TIMESTAMPTZ '2024-09-30 18:20:00+00', 200),
		(1, 2, 'wb-ration', TIMESTAMPTZ '2024-09-30 18:40:00+00', 503),
		(1, 3, 'wb-ration', TIMESTAMPTZ '2024-10-31 10:00:00+00', 200),
		(1, 4, 'cg-chips-lsk', TIMESTAMPTZ '2024-10-02 10:00:00+00', 200)`)
	_, err := db.Exec(ctx, `INSERT INTO sources VALUES (1, 'logs', 'ration.log', 'combined', NULL, 'x', 1, 1, 'y', 4, 4, 0, now(), now())`)
	require.NoError(t, err)

	dir := t.TempDir()
	ist, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	tables, err := parquet.Export(ctx, db, dir, parquet.Options{Location: ist})
	require.NoError(t, err)

	byName := map[string]parquet.Table{}
	for _, tb := range tables {
		byName[tb.Name] = tb
	}
	require.Equal(t, []string{"service_id", "month"}, byName["requests"].PartitionBy)
	require.Equal(t, "ts", byName["requests"].MonthFrom)
	require.EqualValues(t, 4, byName["requests"].Rows)
	require.Equal(t, 3, byName["requests"].Files)
	require.Empty(t, byName["sources"].PartitionBy)
	require.Equal(t, 1, byName["sources"].Files)
	require.NotContains(t, byName, "request_rows", "access-log rows go out once, through the view requests")
	require.Contains(t, byName, "service_keys")

	for _, p := range []string{
		"requests/service_id=wb-ration/month=2024-09/data_0.parquet",
		"requests/service_id=wb-ration/month=2024-10/data_0.parquet",
		"requests/service_id=cg-chips-lsk/month=2024-10/data_0.parquet",
		"sources/data_0.parquet",
	} {
		require.FileExists(t, filepath.Join(dir, p))
	}

	// Read back: the line before IST midnight is September, the one after October.
	rows, err := db.Query(ctx, `SELECT line, month FROM read_parquet(?, hive_partitioning = true) ORDER BY line`,
		filepath.Join(dir, "requests", "*", "*", "*.parquet"))
	require.NoError(t, err)
	defer rows.Close()
	got := map[int64]string{}
	for rows.Next() {
		var line int64
		var month string
		require.NoError(t, rows.Scan(&line, &month))
		got[line] = month
	}
	require.NoError(t, rows.Err())
	require.Equal(t, map[int64]string{1: "2024-09", 2: "2024-10", 3: "2024-10", 4: "2024-10"}, got)

	// A second export replaces the first: no stale partition survives.
	_, err = db.Exec(ctx, `DELETE FROM request_rows WHERE line = 4`) // the cg-chips-lsk row
	require.NoError(t, err)
	_, err = parquet.Export(ctx, db, dir, parquet.Options{Location: ist, Tables: []string{"requests"}})
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(dir, "requests", "service_id=cg-chips-lsk"))
	require.True(t, os.IsNotExist(err), "stale partition left behind: %v", err)
	left, err := filepath.Glob(filepath.Join(dir, ".requests.tmp-*"))
	require.NoError(t, err)
	require.Empty(t, left, "temporary folders left behind")
}

func TestExportRefusesUnknownTableAndDST(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, err := parquet.Export(ctx, db, t.TempDir(), parquet.Options{Tables: []string{"nope"}})
	require.ErrorContains(t, err, `export: no table "nope"`)
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	_, err = parquet.Export(ctx, db, t.TempDir(), parquet.Options{Location: ny})
	require.ErrorContains(t, err, "daylight saving")
}

// news_reports exports with every column, ongoing (migration 0004) included,
// partitioned by service and the month the outage started.
func TestExportNewsReportsWithOngoing(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	_, err := db.Exec(ctx, `INSERT INTO news_reports (source_id, is_outage, service_id, started, started_date, ended, ongoing, confidence, evidence) VALUES
		(1, true, 'wb-ration', TIMESTAMPTZ '2024-09-28 12:30:00+00', DATE '2024-09-28', NULL, true, 0.9, '{"ended":"still going on when published (no end): x"}'),
		(2, true, 'wb-ration', TIMESTAMPTZ '2025-01-30 04:00:00+00', DATE '2025-01-30', TIMESTAMPTZ '2025-01-31 07:30:00+00', false, 0.9, '{}')`)
	require.NoError(t, err)
	dir := t.TempDir()
	tables, err := parquet.Export(ctx, db, dir, parquet.Options{Tables: []string{"news_reports"}})
	require.NoError(t, err)
	require.Len(t, tables, 1)
	require.EqualValues(t, 2, tables[0].Rows)
	require.Equal(t, []string{"service_id", "month"}, tables[0].PartitionBy)

	rows, err := db.Query(ctx, `SELECT source_id, ongoing, month FROM read_parquet(?, hive_partitioning = true) ORDER BY source_id`,
		filepath.Join(dir, "news_reports", "*", "*", "*.parquet"))
	require.NoError(t, err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var id int64
		var ongoing bool
		var month string
		require.NoError(t, rows.Scan(&id, &ongoing, &month))
		got = append(got, fmt.Sprintf("%d %t %s", id, ongoing, month))
	}
	require.NoError(t, rows.Err())
	require.Equal(t, []string{"1 true 2024-09", "2 false 2025-01"}, got)
}
