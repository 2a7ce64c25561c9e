package analyze_test

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"outagelens/analyze"
	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

// TestCases runs every testdata/<analysis>/*.txtar: a comment with the arithmetic
// a reviewer can check, CSV inputs loaded into a real DuckDB, a full analyze run,
// and want/<table>.csv files compared with the result tables. See
// testdata/README.md for the format.
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*.txtar")
	require.NoError(t, err)
	require.NotEmpty(t, files, "no analysis test cases found under testdata/*/")
	// Every analysis the issue names has at least one case.
	have := map[string]int{}
	for _, f := range files {
		have[filepath.Base(filepath.Dir(f))]++
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "testdata/"), ".txtar")
		t.Run(name, func(t *testing.T) { runCase(t, f) })
	}
	for _, dir := range []string{"minutes", "monthend", "incidents", "reliability", "saturation", "promises", "links", "states", "load"} {
		if have[dir] == 0 {
			t.Errorf("no cases in testdata/%s", dir)
		}
	}
}

// A testCase is one parsed txtar file.
type testCase struct {
	comment string
	opts    analyze.Options
	inputs  []txtar.File // <table>.csv and <table>.series.csv
	wants   []txtar.File // want/<table>.csv
}

func parseCase(t *testing.T, path string) testCase {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	require.NoError(t, err)
	c := testCase{comment: strings.TrimSpace(string(ar.Comment))}
	require.NotEmpty(t, c.comment, "%s: say in the comment what the case checks and show the arithmetic", path)
	c.opts = analyze.Options{Force: true, Catalog: mustCatalog(t, "")}
	for _, f := range ar.Files {
		switch {
		case f.Name == "options.json":
			var raw map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(f.Data, &raw), "%s: options.json", path)
			if tz, ok := raw["tz"]; ok {
				var name string
				require.NoError(t, json.Unmarshal(tz, &name))
				loc, err := time.LoadLocation(name)
				require.NoError(t, err)
				c.opts.Location = loc
				delete(raw, "tz")
			}
			b, _ := json.Marshal(raw)
			dec := json.NewDecoder(strings.NewReader(string(b)))
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(&c.opts), "%s: options.json", path)
		case f.Name == "catalog.toml":
			c.opts.Catalog = mustCatalog(t, string(f.Data))
		case strings.HasPrefix(f.Name, "want/"):
			c.wants = append(c.wants, f)
		case strings.HasSuffix(f.Name, ".csv"):
			c.inputs = append(c.inputs, f)
		default:
			t.Fatalf("%s: unknown section %q", path, f.Name)
		}
	}
	require.NotEmpty(t, c.wants, "%s: no want/<table>.csv section", path)
	return c
}

func mustCatalog(t *testing.T, toml string) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Parse([]byte(toml), "test catalog")
	require.NoError(t, err)
	return c
}

func runCase(t *testing.T, path string) {
	c := parseCase(t, path)
	ctx := context.Background()
	db := storetest.Memory(t)
	dir := t.TempDir()
	for _, f := range c.inputs {
		loadCSV(t, db, dir, f)
	}
	_, err := analyze.Run(ctx, db, c.opts)
	require.NoError(t, err)
	loc := c.opts.Location
	if loc == nil {
		loc = analyze.IST
	}
	for _, w := range c.wants {
		compareTable(t, db, strings.TrimSuffix(strings.TrimPrefix(w.Name, "want/"), ".csv"), w.Data, loc)
	}
}

// defaults fill the columns of a stored table an input CSV leaves out.
var defaults = map[string]map[string]string{
	"requests":         {"source_id": "1", "line": "row_number() OVER ()"},
	"events":           {"source_id": "1", "line": "row_number() OVER ()"},
	"probes":           {"source_id": "1", "line": "row_number() OVER ()"},
	"capacity":         {"source_id": "1", "line": "row_number() OVER ()"},
	"status_changes":   {"source_id": "1", "line": "row_number() OVER ()"},
	"status_incidents": {"source_id": "1", "line": "row_number() OVER ()"},
	"news_reports":     {"source_id": "row_number() OVER ()", "confidence": "1"},
	"articles":         {"source_id": "row_number() OVER ()", "body": "''", "html_sha256": "''", "extracted_at": "now()"},
}

// series expand one CSV row into many rows of a table; the CSV's own columns are
// available as c.<name> (VARCHAR).
var series = map[string]struct {
	table, columns, from string
	optional             []string
}{
	// service_id,from,to,per_minute,status[,duration_ms]: per_minute requests in
	// each minute of [from, to), spread over its seconds.
	"requests": {"requests", "source_id, line, service_id, ts, status, duration_ms",
		`SELECT 1, row_number() OVER (), c.service_id,
		        to_timestamp(m * 60 + (i * 60) // c.per_minute::INTEGER),
		        c.status::SMALLINT, coalesce(TRY_CAST(c.duration_ms AS DOUBLE), 100)
		 FROM src c,
		      range(epoch_us(c."from"::TIMESTAMPTZ) // 60000000, epoch_us(c."to"::TIMESTAMPTZ) // 60000000) AS r(m),
		      range(c.per_minute::INTEGER) AS k(i)`, []string{"duration_ms"}},
	// service_id,from,to,every_minutes,ok[,target]: one probe result every
	// every_minutes in [from, to).
	"probes": {"probes", "source_id, line, service_id, ts, target, ok",
		`SELECT 1, row_number() OVER (), c.service_id, to_timestamp(s), c.target, c.ok::BOOLEAN
		 FROM src c, range(epoch_us(c."from"::TIMESTAMPTZ) // 1000000, epoch_us(c."to"::TIMESTAMPTZ) // 1000000, c.every_minutes::BIGINT * 60) AS r(s)`, []string{"target"}},
	// service_id,host,resource,from,to,every_minutes,start_pct,pct_per_day: a
	// straight line of used_pct sampled every every_minutes in [from, to).
	"capacity": {"capacity", "source_id, line, service_id, ts, host, resource, used_pct, size_bytes",
		`SELECT 1, row_number() OVER (), c.service_id, to_timestamp(s), c.host, c.resource,
		        c.start_pct::DOUBLE + c.pct_per_day::DOUBLE * (s - epoch_us(c."from"::TIMESTAMPTZ) / 1e6) / 86400, TRY_CAST(c.size_bytes AS DOUBLE)
		 FROM src c, range(epoch_us(c."from"::TIMESTAMPTZ) // 1000000, epoch_us(c."to"::TIMESTAMPTZ) // 1000000, c.every_minutes::BIGINT * 60) AS r(s)`, []string{"size_bytes"}},
}

// loadCSV inserts one input section: <table>.csv with some of the table's
// columns (an optional n column repeats a row n times), or <table>.series.csv
// expanded as series says.
func loadCSV(t *testing.T, db *store.DB, dir string, f txtar.File) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, strings.ReplaceAll(f.Name, "/", "_"))
	require.NoError(t, os.WriteFile(path, f.Data, 0o644))
	_, err := db.Exec(ctx, `CREATE OR REPLACE TEMP TABLE src AS SELECT * FROM read_csv(?, header = true, all_varchar = true)`, path)
	require.NoError(t, err, f.Name)
	if name, ok := strings.CutSuffix(f.Name, ".series.csv"); ok {
		s, ok := series[name]
		require.True(t, ok, "no series format for %s", f.Name)
		for _, col := range s.optional {
			_, err := db.Exec(ctx, "ALTER TABLE src ADD COLUMN IF NOT EXISTS "+col+" VARCHAR")
			require.NoError(t, err)
		}
		insert(t, db, s.table, s.columns, s.from)
		return
	}
	table := strings.TrimSuffix(f.Name, ".csv")
	def, ok := defaults[table]
	require.True(t, ok, "unknown input table %s", table)
	r := csv.NewReader(strings.NewReader(string(f.Data)))
	head, err := r.Read()
	require.NoError(t, err, f.Name)
	var cols, exprs []string
	repeat := "1"
	seen := map[string]bool{}
	for _, h := range head {
		if h == "n" {
			repeat = "c.n::INTEGER"
			continue
		}
		seen[h] = true
		cols = append(cols, store.QuoteIdent(h))
		exprs = append(exprs, "nullif(c."+store.QuoteIdent(h)+", '')")
	}
	for _, col := range sorted(def) {
		if !seen[col] {
			cols = append(cols, col)
			exprs = append(exprs, def[col])
		}
	}
	insert(t, db, table, strings.Join(cols, ", "),
		fmt.Sprintf("SELECT %s FROM src c, range(%s) AS rep(i)", strings.Join(exprs, ", "), repeat))
}

// insert stores the rows of query, with columns, in table (requests as ingest
// stores them).
func insert(t *testing.T, db *store.DB, table, columns, query string, args ...any) {
	t.Helper()
	if table == "requests" {
		storetest.InsertRequests(t, db, columns, query, args...)
		return
	}
	_, err := db.Exec(context.Background(), fmt.Sprintf("INSERT INTO %s (%s) %s", table, columns, query), args...)
	require.NoError(t, err, table)
}

// compareTable checks a result table against a want CSV. The header names the
// columns compared; "col:time" shows a minutes-since-epoch column as a local time
// (2006-01-02T15:04). Cells compare as text, except numbers (equal to within half
// a unit of the want cell's last decimal) and times (RFC 3339 or local
// 2006-01-02T15:04, compared as instants). An empty cell is NULL. Rows are
// ordered by the compared columns in header order, NULLs last. A first line
// "# where <SQL condition>" compares only the rows it selects; in it @2006-01-02T15:04
// stands for that local time in minutes since 1970-01-01 UTC.
func compareTable(t *testing.T, db *store.DB, table string, want []byte, loc *time.Location) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(string(want)))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err, "want/%s.csv", table)
	require.NotEmpty(t, recs, "want/%s.csv has no header", table)
	where := ""
	if len(recs) > 0 && len(recs[0]) > 0 && strings.HasPrefix(recs[0][0], "# where ") {
		where = " WHERE " + minuteRE.ReplaceAllStringFunc(strings.TrimPrefix(strings.Join(recs[0], ","), "# where "),
			func(m string) string {
				at, err := time.ParseInLocation("2006-01-02T15:04", m[1:], loc)
				require.NoError(t, err)
				return strconv.FormatInt(at.Unix()/60, 10)
			})
		recs = recs[1:]
	}
	require.NotEmpty(t, recs, "want/%s.csv has no header", table)
	head := recs[0]
	var cols, asTime []string
	for _, h := range head {
		name, kind, _ := strings.Cut(h, ":")
		cols = append(cols, store.QuoteIdent(name))
		asTime = append(asTime, kind)
	}
	q := fmt.Sprintf("SELECT %s FROM %s%s ORDER BY %s", strings.Join(cols, ", "), store.QuoteIdent(table), where,
		strings.Join(cols, ", "))
	rows, err := db.Query(context.Background(), q)
	require.NoError(t, err, table)
	defer rows.Close()
	types, err := rows.ColumnTypes()
	require.NoError(t, err)
	for i, ct := range types {
		if ct.DatabaseTypeName() == "DATE" {
			asTime[i] = "date"
		}
	}
	var got [][]string
	for _, vals := range scanAll(t, rows) {
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = cell(v, asTime[i], loc)
		}
		got = append(got, row)
	}
	wantRows := recs[1:]
	var diffs []string
	for i := 0; i < max(len(got), len(wantRows)); i++ {
		switch {
		case i >= len(got):
			diffs = append(diffs, fmt.Sprintf("row %d: missing, want %v", i+1, wantRows[i]))
		case i >= len(wantRows):
			diffs = append(diffs, fmt.Sprintf("row %d: unexpected %v", i+1, got[i]))
		default:
			for j := range head {
				w := ""
				if j < len(wantRows[i]) {
					w = wantRows[i][j]
				}
				if !sameCell(got[i][j], w, loc) {
					diffs = append(diffs, fmt.Sprintf("row %d, %s: got %q, want %q", i+1, head[j], got[i][j], w))
				}
			}
		}
	}
	if len(diffs) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "%s differs:\n  %s\ngot:\n  %s\n", table, strings.Join(diffs, "\n  "), strings.Join(head, ","))
		for _, g := range got {
			fmt.Fprintf(&b, "  %s\n", strings.Join(g, ","))
		}
		t.Error(b.String())
	}
}

// scanAll reads every row of rows as driver values.
func scanAll(t testing.TB, rows *sql.Rows) [][]any {
	t.Helper()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		out = append(out, vals)
	}
	require.NoError(t, rows.Err())
	return out
}

var minuteRE = regexp.MustCompile(`@\d{4}-\d\d-\d\dT\d\d:\d\d`)

func cell(v any, kind string, loc *time.Location) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		if kind == "date" {
			return x.UTC().Format("2006-01-02")
		}
		return x.In(loc).Format(time.RFC3339)
	case float64:
		if kind == "time" {
			return time.Unix(int64(x)*60, 0).In(loc).Format("2006-01-02T15:04")
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case int64, int32, int16, int8, uint64, uint32:
		if kind == "time" {
			n, _ := strconv.ParseInt(fmt.Sprint(x), 10, 64)
			return time.Unix(n*60, 0).In(loc).Format("2006-01-02T15:04")
		}
		return fmt.Sprint(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e, "", loc)
		}
		return "[" + strings.Join(parts, " ") + "]"
	default:
		return fmt.Sprint(x)
	}
}

func sameCell(got, want string, loc *time.Location) bool {
	if got == want {
		return true
	}
	if want == "" || got == "" {
		return false
	}
	if w, err := strconv.ParseFloat(want, 64); err == nil {
		g, err := strconv.ParseFloat(got, 64)
		if err != nil {
			return false
		}
		decimals := 0
		if i := strings.IndexByte(want, '.'); i >= 0 {
			decimals = len(want) - i - 1
		}
		return math.Abs(g-w) <= 0.5*math.Pow(10, -float64(decimals))+1e-9
	}
	wt, err1 := parseTime(want, loc)
	gt, err2 := parseTime(got, loc)
	return err1 == nil && err2 == nil && wt.Equal(gt)
}

func parseTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02T15:04", s, loc)
}

// sorted returns the keys of m in order; it keeps map iteration out of SQL text.
func sorted[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
