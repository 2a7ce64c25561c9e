package analyze_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

// dumpResults renders every result_* table, rows in a total order, values exactly
// (floats to the last bit), so two runs can be compared byte for byte.
func dumpResults(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	rows, err := db.Query(ctx, `SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, 'result_') ORDER BY 1`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(t, rows.Close())
	require.NotEmpty(t, tables)
	out := map[string]string{}
	for _, table := range tables {
		rows, err := db.Query(ctx, "SELECT * FROM "+store.QuoteIdent(table)+" ORDER BY ALL")
		require.NoError(t, err)
		var b strings.Builder
		for _, vals := range scanAll(t, rows) {
			for _, v := range vals {
				if f, ok := v.(float64); ok {
					fmt.Fprintf(&b, "%b\t", f)
				} else {
					fmt.Fprintf(&b, "%v\t", v)
				}
			}
			b.WriteByte('\n')
		}
		require.NoError(t, rows.Close())
		out[table] = b.String()
	}
	return out
}

// repeatData is a little of everything: traffic and probes (the property test's
// generator), a status history, storage-full events, capacity samples, promise
// events and news reports, split in two halves by time.
func repeatData(t *testing.T, db *store.DB, half int) {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 7))
	d := randomData(r)
	lo, hi := 0, propSpan
	if half == 1 {
		hi = propSpan / 2
	} else if half == 2 {
		lo = propSpan / 2
	}
	part := propData{requests: make([]int, propSpan), errors: make([]int, propSpan), probes: map[int]bool{}}
	for m := lo; m < hi; m++ {
		part.requests[m], part.errors[m] = d.requests[m], d.errors[m]
		if ok, has := d.probes[m]; has {
			part.probes[m] = ok
		}
	}
	for _, c := range d.changes {
		if c.minute >= lo && c.minute < hi {
			part.changes = append(part.changes, c)
		}
	}
	loadPropData(t, db, part)
	ctx := context.Background()
	day := 0
	if half == 2 {
		day = 1
	}
	for _, q := range []string{
		`INSERT INTO events (source_id, line, service_id, ts, event, key)
		 SELECT 2, i, 'logs', to_timestamp(epoch_us(TIMESTAMPTZ '2024-01-30 10:00:00+05:30') // 1000000 + $1 * 86400 + i * 420),
		        CASE i % 3 WHEN 0 THEN 'payment_received' WHEN 1 THEN 'reconnect' ELSE 'storage_full' END, 'k' || (i // 3)
		 FROM range(200) r(i)`,
		`INSERT INTO capacity (source_id, line, service_id, ts, host, resource, used_pct)
		 SELECT 3, i, 'logs', to_timestamp(epoch_us(TIMESTAMPTZ '2024-01-30 00:00:00+05:30') // 1000000 + $1 * 86400 + i * 3600), 'db', '/data',
		        50 + ($1 * 24 + i) * 0.05 - CASE WHEN $1 * 24 + i > 30 THEN 10 ELSE 0 END
		 FROM range(24) r(i)`,
		`INSERT INTO news_reports (source_id, is_outage, service_id, started_date, confidence)
		 VALUES (10 + $1, true, 'logs', DATE '2024-01-30' + $1::INTEGER, 1)`,
	} {
		_, err := db.Exec(ctx, q, day)
		require.NoError(t, err)
	}
}

// catalogWith is a catalog of one service with an SLO of 99.5%, the promise
// "reconnect within 20 minutes of payment" and a weekly maintenance window.
func catalogWith(service, weekly string) string {
	return fmt.Sprintf(`
[[service]]
id = %q
name = "Test service"
slo_pct = 99.5
[[service.promise]]
id = "reconnect-20m"
start_event = "payment_received"
end_events = ["reconnect"]
limit_minutes = 20
[[service.maintenance]]
weekly = %q
`, service, weekly)
}

// Running analyze twice gives identical result tables; a third run over the same
// inputs is skipped; and analysing after each of two loads (new data appended, as
// incremental ingest does) ends with exactly the tables of one run over all the
// data.
func TestRunRepeatableAndIncremental(t *testing.T) {
	ctx := context.Background()
	opts := analyze.Options{Catalog: mustCatalog(t, catalogWith("logs", "Wed 02:00-04:00"))}

	whole := storetest.Memory(t)
	repeatData(t, whole, 1)
	repeatData(t, whole, 2)
	sum, err := analyze.Run(ctx, whole, opts)
	require.NoError(t, err)
	require.False(t, sum.UpToDate)
	first := dumpResults(t, whole)
	for _, table := range []string{"result_incidents", "result_reliability", "result_saturation", "result_promises", "result_links", "result_monthend"} {
		require.NotEmpty(t, first[table], "%s is empty: the test data should exercise it", table)
	}

	forced := opts
	forced.Force = true
	_, err = analyze.Run(ctx, whole, forced)
	require.NoError(t, err)
	require.Equal(t, first, dumpResults(t, whole), "a second run changed the results")

	sum, err = analyze.Run(ctx, whole, opts)
	require.NoError(t, err)
	require.True(t, sum.UpToDate, "a run over unchanged inputs is skipped")

	inc := storetest.Memory(t)
	repeatData(t, inc, 1)
	_, err = analyze.Run(ctx, inc, opts)
	require.NoError(t, err)
	partial := dumpResults(t, inc)
	repeatData(t, inc, 2)
	sum, err = analyze.Run(ctx, inc, opts)
	require.NoError(t, err)
	require.False(t, sum.UpToDate, "new rows must trigger a run")
	require.NotEqual(t, partial, first)
	require.Equal(t, first, dumpResults(t, inc), "analysing in two steps must equal one run over everything")

	other := opts
	other.MergeGapMinutes = 30
	sum, err = analyze.Run(ctx, inc, other)
	require.NoError(t, err)
	require.False(t, sum.UpToDate, "changed options must trigger a run")
}
