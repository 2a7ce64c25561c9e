package logs_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"outagelens/ingest/batch"
	"outagelens/ingest/logs"
)

// row is one stored row as text, column -> value ("NULL" for null), without
// source_id; its table is under "table".
type row map[string]string

var ist = time.FixedZone("IST", 19800)

// testOptions reads naive times in IST, puts every line in "svc" unless it
// declares a catalog-like id, and classifies "disk full" as storage_full.
func testOptions() logs.Options {
	return logs.Options{
		Location: ist,
		Service: func(host, path []byte, declared string) string {
			if declared == "declared-svc" {
				return declared
			}
			return "unknown"
		},
		Classify: func(_, msg string) string {
			if strings.Contains(msg, "disk full") {
				return "storage_full"
			}
			return ""
		},
		Reference: time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC),
	}
}

// parse feeds lines (numbered from 1) to a fresh parser of f and returns the
// rows appended and the error of each line ("" for none).
func parse(t testing.TB, f logs.Format, opts logs.Options, lines ...string) ([]row, []string) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	set := batch.NewSet(mem, 1)
	defer set.Release()
	p := f.New(opts)
	errs := make([]string, len(lines))
	for i, l := range lines {
		if err := p.Parse([]byte(l), int64(i+1), set); err != nil {
			var le *logs.LineError
			if !errors.As(err, &le) {
				t.Fatalf("line %d: error %v is not a *LineError", i+1, err)
			}
			if le.Line != int64(i+1) {
				t.Fatalf("line %d: LineError says line %d", i+1, le.Line)
			}
			errs[i] = err.Error()
		}
	}
	if fl, ok := p.(logs.Flusher); ok {
		if err := fl.Flush(set); err != nil {
			t.Fatal(err)
		}
	}
	var rows []row
	bs := set.Flush()
	strs := map[string]string{}     // request_strings: string_id -> value
	services := map[string]string{} // service_keys: service_key -> service_id
	for _, b := range bs {
		switch b.Table {
		case batch.RequestStrings:
			for _, r := range rowsOf(b.Table, b.Record) {
				strs[r["string_id"]] = r["value"]
			}
		case batch.ServiceKeysTable:
			for _, r := range rowsOf(b.Table, b.Record) {
				services[r["service_key"]] = r["service_id"]
			}
		}
	}
	for _, b := range bs {
		if b.Table != batch.RequestStrings && b.Table != batch.ServiceKeysTable {
			rows = append(rows, withText(rowsOf(b.Table, b.Record), strs, services)...)
		}
		b.Record.Release()
	}
	return rows, errs
}

// withText reads request_rows as the view requests_text does: table "requests",
// the service's name for its key, and the text of each *_id column (host_id 7
// becomes host "the value of string 7").
func withText(rows []row, strs, services map[string]string) []row {
	for _, r := range rows {
		if r["table"] != batch.RequestRows {
			continue
		}
		r["table"] = "requests"
		r["service_id"] = services[r["service_key"]]
		delete(r, "service_key")
		for k, v := range r {
			name, ok := strings.CutSuffix(k, "_id")
			if !ok || name == "service" {
				continue
			}
			delete(r, k)
			if v == "NULL" {
				r[name] = "NULL"
			} else if text, ok := strs[v]; ok {
				r[name] = text
			} else {
				r[name] = "missing string " + v
			}
		}
	}
	return rows
}

func rowsOf(table string, rec arrow.Record) []row {
	var out []row
	for i := 0; i < int(rec.NumRows()); i++ {
		r := row{"table": table}
		for c, f := range rec.Schema().Fields() {
			if f.Name == "source_id" {
				continue
			}
			col := rec.Column(c)
			switch {
			case col.IsNull(i):
				r[f.Name] = "NULL"
			case f.Type.ID() == arrow.TIMESTAMP:
				r[f.Name] = col.(*array.Timestamp).Value(i).ToTime(arrow.Microsecond).UTC().Format(time.RFC3339Nano)
			default:
				r[f.Name] = col.ValueStr(i)
			}
		}
		out = append(out, r)
	}
	return out
}

// pick keeps only the named columns of each row, to compare what a case is about.
func pick(rows []row, cols ...string) []row {
	out := make([]row, len(rows))
	for i, r := range rows {
		out[i] = row{}
		for _, c := range cols {
			out[i][c] = r[c]
		}
	}
	return out
}

func errsOnly(errs []string) []string {
	var out []string
	for i, e := range errs {
		if e != "" {
			out = append(out, fmt.Sprintf("%d: %s", i+1, e))
		}
	}
	return out
}

func asLineError(err error, le **logs.LineError) bool { return errors.As(err, le) }
