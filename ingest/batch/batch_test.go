package batch_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/stretchr/testify/require"

	"outagelens/data/store"
	"outagelens/data/store/storetest"
	"outagelens/ingest/batch"
)

var duckType = map[arrow.Type]string{
	arrow.INT64:     "BIGINT",
	arrow.INT32:     "INTEGER",
	arrow.INT16:     "SMALLINT",
	arrow.FLOAT64:   "DOUBLE",
	arrow.STRING:    "VARCHAR",
	arrow.BOOL:      "BOOLEAN",
	arrow.TIMESTAMP: "TIMESTAMP WITH TIME ZONE",
}

// Every Arrow schema must match its DuckDB table column for column: name, type and
// nullability. A migration that changes a table without the schema fails here.
func TestSchemasMatchTables(t *testing.T) {
	ctx := context.Background()
	db := storetest.Memory(t)
	for _, tb := range batch.Tables {
		rows, err := db.Query(ctx, `SELECT column_name, data_type, is_nullable = 'YES'
			FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position`, tb.Name)
		require.NoError(t, err)
		var cols []arrow.Field
		for rows.Next() {
			var name, typ string
			var nullable bool
			require.NoError(t, rows.Scan(&name, &typ, &nullable))
			cols = append(cols, arrow.Field{Name: name, Nullable: nullable, Metadata: arrow.NewMetadata([]string{"t"}, []string{typ})})
		}
		require.NoError(t, rows.Close())
		require.Len(t, cols, tb.Schema.NumFields(), "table %s: column count", tb.Name)
		for i, f := range tb.Schema.Fields() {
			typ, _ := cols[i].Metadata.GetValue("t")
			require.Equal(t, cols[i].Name, f.Name, "table %s column %d", tb.Name, i)
			require.Equal(t, typ, duckType[f.Type.ID()], "table %s column %s type", tb.Name, f.Name)
			require.Equal(t, cols[i].Nullable, f.Nullable, "table %s column %s nullability", tb.Name, f.Name)
		}
	}
}

func TestSetFlushLoadsEveryTable(t *testing.T) {
	ctx := context.Background()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := storetest.Memory(t)

	ts := time.Date(2024, 9, 28, 18, 10, 3, 0, time.FixedZone("IST", 5*3600+1800))
	s := batch.NewSet(mem, 42)
	defer s.Release()
	s.Requests.Append(&batch.Request{Line: 1, Service: "wb-ration", Time: ts, Client: []byte("10.0.0.1"),
		Method: []byte("GET"), Path: []byte("/epos/txn"), Status: 503, Bytes: -1,
		DurationMS: 12.5, UpstreamMS: math.NaN(), UserAgent: []byte("bad \xff byte")})
	s.Events.Append(&batch.Event{Line: 2, Service: "x", Time: ts, Event: "storage_full", AmountINR: math.NaN(), Message: "disk full"})
	s.Probes.Append(&batch.Probe{Line: 3, Service: "x", Time: ts, OK: false, LatencyMS: math.NaN()})
	s.Capacity.Append(&batch.CapacitySample{Line: 4, Service: "x", Time: ts, Host: "h", Resource: "/data", UsedBytes: 1, SizeBytes: 2, UsedPct: 50})
	s.StatusChanges.Append(&batch.StatusChange{Line: 5, Service: "x", Component: "API", Time: ts, Status: "major_outage"})
	s.StatusIncidents.Append(&batch.StatusIncident{Line: 6, Service: "x", Start: ts, Title: "t"})
	s.Rejects.Append(7, "bad timestamp", []byte("nul\x00 here"))
	require.Equal(t, 7+4+1, s.Rows(), "seven rows, the request's four strings and its service's key")

	require.NoError(t, db.Write(ctx, func(tx *store.Tx) error {
		for _, b := range s.Flush() {
			n, err := tx.Load(ctx, b.Table, b.Record)
			b.Record.Release()
			if err != nil {
				return err
			}
			want := int64(1)
			if b.Table == batch.RequestStrings {
				want = 4
			}
			require.Equal(t, want, n, b.Table)
		}
		return nil
	}))
	require.Zero(t, s.Rows(), "flush empties the builders")

	var status int
	var bytesNull, upstreamNull bool
	var service, ua, tsText string
	var hostNull bool
	require.NoError(t, db.QueryRow(ctx, `SELECT service_id, status, bytes IS NULL, upstream_ms IS NULL, user_agent, host IS NULL,
		strftime(ts::TIMESTAMP, '%Y-%m-%d %H:%M:%S') FROM requests_text WHERE source_id = 42`).
		Scan(&service, &status, &bytesNull, &upstreamNull, &ua, &hostNull, &tsText))
	require.Equal(t, "wb-ration", service)
	require.Equal(t, 503, status)
	require.True(t, hostNull)
	require.True(t, bytesNull)
	require.True(t, upstreamNull)
	require.Equal(t, "bad \uFFFD byte", ua)
	require.Equal(t, "2024-09-28 12:40:03", tsText, "times are stored as UTC instants")
	var raw string
	require.NoError(t, db.QueryRow(ctx, `SELECT raw FROM rejects`).Scan(&raw))
	require.Equal(t, "nul\uFFFD here", raw)
}

func TestPrintableTruncates(t *testing.T) {
	long := make([]byte, 600)
	for i := range long {
		long[i] = 'a'
	}
	require.Len(t, batch.Printable(long, batch.MaxRawBytes), 512)
	// "अ" is 3 bytes; cutting after 4 bytes leaves one whole rune and a broken one.
	require.Equal(t, "अ\uFFFD", batch.Printable([]byte("अआ"), 4))
}

// Text fields are stored once per distinct value and read back through
// requests_text, across Sets sharing their ids, and past a dictionary's limit
// (where it starts again and stores values a second time).
func TestRequestStrings(t *testing.T) {
	ctx := context.Background()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := storetest.Memory(t)
	ids := batch.NewStringIDs(100)
	ts := time.Date(2024, 9, 28, 18, 10, 3, 0, time.UTC)
	const distinct = 2*batch.MaxDictEntries + 2000 // more paths than a dictionary of each Set holds
	want := map[int64][6]string{}
	line := int64(0)
	add := func(s *batch.Set, host, client, method, path, ref, ua string) {
		line++
		b := func(v string) []byte {
			if v == "" {
				return nil
			}
			return []byte(v)
		}
		s.Requests.Append(&batch.Request{Line: line, Service: "x", Time: ts, Host: b(host), Client: b(client), Method: b(method),
			Path: b(path), Referer: b(ref), UserAgent: b(ua), Bytes: -1, DurationMS: math.NaN(), UpstreamMS: math.NaN()})
		want[line] = [6]string{host, client, method, path, ref, ua}
	}
	sets := []*batch.Set{batch.NewSet(mem, 1), batch.NewSet(mem, 1)}
	services := batch.NewServiceKeys(nil)
	for _, s := range sets {
		s.StringIDs, s.ServiceKeys = ids, services
		defer s.Release()
	}
	ip := func(i int) string { return fmt.Sprintf("%d.%d.%d.%d", 10+i>>24, i>>16&255, i>>8&255, i&255) }
	for i := 0; i < distinct; i++ {
		add(sets[i%2], "", ip(i), "GET", fmt.Sprintf("/p/%d", i), "", "agent")
	}
	for i := 0; i < 100; i++ { // early values again, after the dictionaries filled up, each on two rows in a row
		for range 2 {
			add(sets[i%2], "vh", ip(i), "POST", fmt.Sprintf("/p/%d", i), "http://r/", fmt.Sprintf("agent %d", i%2))
		}
	}
	// Clients that are not IPv4 in canonical form (looked up as text), and the
	// canonical form of the same address.
	for _, c := range []string{"010.0.0.1", "10.0.0.1", "1.2.3.4.5", "::1", "256.0.0.1", "10.0.0.1", "host.example"} {
		add(sets[0], "", c, "GET", "/", "", "")
	}
	load(t, db, sets...)
	rows, err := db.Query(ctx, `SELECT line, coalesce(host, ''), coalesce(client, ''), coalesce(method, ''), coalesce(path, ''),
		coalesce(referer, ''), coalesce(user_agent, '') FROM requests_text`)
	require.NoError(t, err)
	n := 0
	for rows.Next() {
		var l int64
		var got [6]string
		require.NoError(t, rows.Scan(&l, &got[0], &got[1], &got[2], &got[3], &got[4], &got[5]))
		require.Equal(t, want[l], got, "line %d", l)
		n++
	}
	require.NoError(t, rows.Err())
	require.Equal(t, len(want), n, "requests_text has every row once")

	var strs, uniqueIDs, minID, paths int64
	var methods int
	require.NoError(t, db.QueryRow(ctx, `SELECT count(*), count(DISTINCT string_id), min(string_id),
		count(*) FILTER (WHERE field = 'method'), count(*) FILTER (WHERE field = 'path') FROM request_strings`).
		Scan(&strs, &uniqueIDs, &minID, &methods, &paths))
	require.Equal(t, strs, uniqueIDs, "ids are unique across Sets sharing StringIDs")
	require.EqualValues(t, 100, minID, "ids start where StringIDs does")
	require.Equal(t, 4, methods, "a repeated value is stored once per Set")
	require.EqualValues(t, distinct+100+1, paths, "each path once, the early ones again after the dictionaries started over, and /")
	var clients int64
	require.NoError(t, db.QueryRow(ctx, `SELECT count(*) FROM request_strings WHERE field = 'client'`).Scan(&clients))
	require.EqualValues(t, distinct+100+6, clients, "each address once, the early ones again, and six others (010.0.0.1 and 10.0.0.1 are two)")
}

// Services get keys after the stored ones, each once across Sets sharing
// ServiceKeys, and the view requests reads every row back with its service.
func TestServiceKeys(t *testing.T) {
	ctx := context.Background()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := storetest.Memory(t)
	_, err := db.Exec(ctx, `INSERT INTO service_keys VALUES (1, 'a'), (5, 'b')`)
	require.NoError(t, err)
	keys := batch.NewServiceKeys([]batch.ServiceKey{{Key: 1, Name: "a"}, {Key: 5, Name: "b"}})
	sets := []*batch.Set{batch.NewSet(mem, 1), batch.NewSet(mem, 1)}
	for _, s := range sets {
		s.ServiceKeys = keys
		defer s.Release()
	}
	ts := time.Date(2024, 9, 28, 18, 10, 3, 0, time.UTC)
	want := []string{"a", "c", "c", "b", "d", "c", "a", "d"}
	for i, svc := range want {
		sets[i%2].Requests.Append(&batch.Request{Line: int64(i + 1), Service: svc, Time: ts,
			Bytes: -1, DurationMS: math.NaN(), UpstreamMS: math.NaN()})
	}
	load(t, db, sets...)
	var got []string
	rows, err := db.Query(ctx, `SELECT service_id FROM requests ORDER BY line`)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		got = append(got, s)
	}
	require.NoError(t, rows.Err())
	require.Equal(t, want, got)
	var named string
	require.NoError(t, db.QueryRow(ctx, `SELECT string_agg(service_key || '=' || service_id, ' ' ORDER BY service_key) FROM service_keys`).Scan(&named))
	require.Equal(t, "1=a 5=b 6=c 7=d", named, "new keys after the largest stored one, in the order met")
}

// load stores what sets hold in one transaction.
func load(t *testing.T, db *store.DB, sets ...*batch.Set) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, db.Write(ctx, func(tx *store.Tx) error {
		for _, s := range sets {
			for _, b := range s.Flush() {
				_, err := tx.Load(ctx, b.Table, b.Record)
				b.Record.Release()
				if err != nil {
					return err
				}
			}
		}
		return nil
	}))
}

func TestIPv4(t *testing.T) {
	for s, want := range map[string]bool{
		"1.2.3.4": true, "0.0.0.0": true, "255.255.255.255": true, "106.77.168.102": true,
		"01.2.3.4": false, "1.2.3": false, "1.2.3.4.5": false, "256.1.1.1": false, "1..3.4": false,
		"1.2.3.4 ": false, "a.b.c.d": false, "1.2.3.0400": false, "": false, "::1": false,
	} {
		ip, ok := batch.IPv4([]byte(s))
		require.Equal(t, want, ok, s)
		if ok {
			require.Equal(t, s, fmt.Sprintf("%d.%d.%d.%d", ip>>24, ip>>16&255, ip>>8&255, ip&255), "the bits give back the text")
		}
	}
}
