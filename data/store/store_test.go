package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.duckdb")
	db, err := store.Open(ctx, path, store.Options{})
	require.NoError(t, err)
	var n int
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n))
	require.Equal(t, store.SchemaVersion(), n)
	require.NoError(t, db.Close())

	db, err = store.Open(ctx, path, store.Options{})
	require.NoError(t, err)
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n))
	require.Equal(t, store.SchemaVersion(), n, "reopening must not re-apply migrations")
	require.NoError(t, db.Close())

	ro, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	require.NoError(t, err)
	_, err = ro.Exec(ctx, "CREATE TABLE nope (a INTEGER)")
	require.Error(t, err, "a read-only store must refuse writes")
	require.NoError(t, ro.Close())
}

func TestOpenReadOnlyMissingFile(t *testing.T) {
	_, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "none.duckdb"), store.Options{ReadOnly: true})
	require.ErrorIs(t, err, store.ErrNoDatabase)
}

// TestOpenTwiceIsLocked pins how a second opener of a file in use is recognised:
// go-duckdb v1.8.2 reports it as text ("Could not set lock"), so translateOpen
// matches the message. Within one process DuckDB shares the file, so the second
// open comes from a child process run through the test binary.
func TestOpenTwiceIsLocked(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	path := filepath.Join(t.TempDir(), "locked.duckdb")
	db := storetest.Open(t, path)
	_ = db
	err := openInChild(t, path)
	require.ErrorIs(t, err, store.ErrLocked)
}

func testRecord(t *testing.T, mem memory.Allocator, lines ...int64) arrow.Record {
	t.Helper()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "source_id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "line", Type: arrow.PrimitiveTypes.Int64},
		{Name: "reason", Type: arrow.BinaryTypes.String},
		{Name: "raw", Type: arrow.BinaryTypes.String},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	for _, l := range lines {
		b.Field(0).(*array.Int64Builder).Append(7)
		b.Field(1).(*array.Int64Builder).Append(l)
		b.Field(2).(*array.StringBuilder).Append("bad timestamp")
		b.Field(3).(*array.StringBuilder).Append("x")
	}
	return b.NewRecord()
}

func TestLoadCommitsOrRollsBackWhole(t *testing.T) {
	ctx := context.Background()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := storetest.New(t)

	rec := testRecord(t, mem, 1, 2, 3)
	defer rec.Release()
	require.NoError(t, db.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Load(ctx, "rejects", rec)
		require.Equal(t, int64(3), n)
		return err
	}))

	boom := errors.New("boom")
	rec2 := testRecord(t, mem, 4, 5)
	defer rec2.Release()
	err := db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Load(ctx, "rejects", rec2); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)

	var n int
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM rejects").Scan(&n))
	require.Equal(t, 3, n, "the failed transaction's rows must not be kept")
	var views int
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE '_arrow_%'").Scan(&views))
	require.Zero(t, views, "arrow views must be dropped inside the transaction")
}

// A view named like an Arrow view, left in the file by a killed run, is dropped by
// the next Open (querying a real leftover Arrow view would crash the process).
func TestOpenDropsLeftoverArrowViews(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "left.duckdb")
	db, err := store.Open(ctx, path, store.Options{})
	require.NoError(t, err)
	_, err = db.Exec(ctx, "CREATE VIEW _arrow_999_1 AS SELECT 1 AS a")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db = storetest.Open(t, path)
	var views int
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE '_arrow_%'").Scan(&views))
	require.Zero(t, views)
}

// The embedded DuckDB has no icu extension. Time-zone functions must fail at once
// rather than try a download; analyses convert to local time with a fixed offset.
func TestNoExtensionDownloads(t *testing.T) {
	db := storetest.Memory(t)
	var s string
	err := db.QueryRow(context.Background(), "SELECT (TIMESTAMPTZ '2024-09-28 18:10:03+05:30' AT TIME ZONE 'Asia/Kolkata')::VARCHAR").Scan(&s)
	require.Error(t, err)
	require.NotContains(t, err.Error(), "Failed to download")
	require.NoError(t, db.QueryRow(context.Background(), "SELECT strftime(TIMESTAMPTZ '2024-09-28 18:10:03+05:30'::TIMESTAMP + INTERVAL 330 MINUTE, '%H:%M')").Scan(&s))
	require.Equal(t, "18:10", s)
}

// TestMissingTable: the name of a missing table, through Query and through
// QueryRow's Scan; nothing for other errors.
func TestMissingTable(t *testing.T) {
	ctx := context.Background()
	db := storetest.Memory(t)
	_, err := db.Query(ctx, "SELECT * FROM result_nothing_yet")
	require.Error(t, err)
	require.Equal(t, "result_nothing_yet", store.MissingTable(fmt.Errorf("report: %w", err)))
	var n int
	err = db.QueryRow(ctx, "SELECT count(*) FROM result_nothing_yet").Scan(&n)
	require.Equal(t, "result_nothing_yet", store.MissingTable(err))
	_, err = db.Query(ctx, "SELECT no_such_column FROM sources")
	require.Error(t, err)
	require.Empty(t, store.MissingTable(err))
	_, err = db.Query(ctx, "SELECT no_such_function(1)")
	require.Error(t, err)
	require.Empty(t, store.MissingTable(err))
	require.Empty(t, store.MissingTable(nil))
}
