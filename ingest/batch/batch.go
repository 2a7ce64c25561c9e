package batch

import (
	"bytes"
	"math"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Timestamp is the Arrow type of every time column: microseconds, UTC. DuckDB
// reads it as TIMESTAMPTZ.
var Timestamp = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}

// Table names a stored table and the Arrow schema its batches have.
type Table struct {
	Name   string
	Schema *arrow.Schema
	// Rows says the table holds rows read from a source's lines, the rows a run
	// counts; the others hold rejects or values such rows refer to.
	Rows bool
}

// Tables lists every table a Set can fill, in flush order.
var Tables = []Table{
	{RequestRows, requestsSchema, true},
	{"events", eventsSchema, true},
	{"probes", probesSchema, true},
	{"capacity", capacitySchema, true},
	{"status_changes", statusChangesSchema, true},
	{"status_incidents", statusIncidentsSchema, true},
	{RequestStrings, requestStringsSchema, false},
	{ServiceKeysTable, serviceKeysSchema, false},
	{"rejects", rejectsSchema, false},
}

// Schema returns the Arrow schema of table, nil if no Set fills it.
func Schema(table string) *arrow.Schema {
	if t, ok := lookup(table); ok {
		return t.Schema
	}
	return nil
}

// CountsRows reports whether table holds rows read from a source (Table.Rows).
func CountsRows(table string) bool {
	t, ok := lookup(table)
	return ok && t.Rows
}

func lookup(name string) (Table, bool) {
	for _, t := range Tables {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}

// Batch is one table's flushed rows. The caller releases Record.
type Batch struct {
	Table  string
	Record arrow.Record
}

// Set holds one builder per table for rows of one source.
type Set struct {
	SourceID int64

	Requests        *Requests
	Events          *Events
	Probes          *Probes
	Capacity        *Capacity
	StatusChanges   *StatusChanges
	StatusIncidents *StatusIncidents
	RequestStrings  *RequestStringsBuilder
	Rejects         *Rejects

	// StringIDs numbers new request_strings rows. NewSet gives each Set its own,
	// from 1; Sets loading into one transaction must share one (see StringIDs).
	StringIDs *StringIDs
	// ServiceKeys numbers the services of request_rows. NewSet gives each Set its
	// own, empty; Sets loading into one transaction must share one, holding the
	// stored keys (see ServiceKeys).
	ServiceKeys *ServiceKeys

	serviceKeys serviceKeysBuilder
	tables      []table // in Tables order
}

// table builds the rows of one table.
type table interface {
	rows() int
	// flush returns the rows as a record and starts again empty, with room for as
	// many rows.
	flush() arrow.Record
	release()
}

// NewSet returns empty builders for the rows of source sourceID. Release it when done.
func NewSet(mem memory.Allocator, sourceID int64) *Set {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	s := &Set{SourceID: sourceID, StringIDs: NewStringIDs(1), ServiceKeys: NewServiceKeys(nil)}
	for _, t := range Tables {
		if t.Name == RequestRows {
			s.Requests = newRequests(s, mem, sourceID)
			s.tables = append(s.tables, s.Requests)
			continue
		}
		s.tables = append(s.tables, records{array.NewRecordBuilder(mem, t.Schema)})
	}
	b := func(i int) *array.RecordBuilder { return s.tables[i].(records).RecordBuilder }
	s.Events = newEvents(b(1), sourceID)
	s.Probes = newProbes(b(2), sourceID)
	s.Capacity = newCapacity(b(3), sourceID)
	s.StatusChanges = newStatusChanges(b(4), sourceID)
	s.StatusIncidents = newStatusIncidents(b(5), sourceID)
	s.RequestStrings = newRequestStrings(b(6), sourceID)
	s.serviceKeys = newServiceKeys(b(7))
	s.Rejects = newRejects(b(8), sourceID)
	return s
}

// Rows returns the number of rows appended since the last Flush, rejects included.
func (s *Set) Rows() int {
	n := 0
	for _, t := range s.tables {
		n += t.rows()
	}
	return n
}

// Flush returns a record for every table that has rows and empties the builders.
// Each emptied builder reserves room for as many rows and bytes as it just held,
// so the next batch of the same size grows no buffer.
func (s *Set) Flush() []Batch {
	var out []Batch
	for i, t := range s.tables {
		if t.rows() > 0 {
			out = append(out, Batch{Table: Tables[i].Name, Record: t.flush()})
		}
	}
	return out
}

// Release frees the builders.
func (s *Set) Release() {
	for _, t := range s.tables {
		t.release()
	}
}

// records is a table built with Arrow's record builder.
type records struct{ *array.RecordBuilder }

func (r records) rows() int { return r.Field(0).Len() }

func (r records) release() { r.Release() }

func (r records) flush() arrow.Record {
	n := r.rows()
	var data []int
	for _, f := range r.Fields() {
		if sb, ok := f.(*array.StringBuilder); ok {
			data = append(data, sb.DataLen())
		}
	}
	rec := r.NewRecord()
	k := 0
	for _, f := range r.Fields() {
		f.Reserve(n)
		if sb, ok := f.(*array.StringBuilder); ok {
			sb.ReserveData(data[k])
			k++
		}
	}
	return rec
}

var replacement = []byte("\uFFFD")

// appendString appends s, "" as NULL.
func appendString(b *array.StringBuilder, s string) {
	if s == "" {
		b.AppendNull()
		return
	}
	if !utf8.ValidString(s) {
		s = string(bytes.ToValidUTF8([]byte(s), replacement))
	}
	b.Append(s)
}

// appendFloat appends v, NaN as NULL.
func appendFloat(b *array.Float64Builder, v float64) {
	if math.IsNaN(v) {
		b.AppendNull()
		return
	}
	b.Append(v)
}

func appendTime(b *array.TimestampBuilder, t time.Time) {
	if t.IsZero() {
		b.AppendNull()
		return
	}
	b.Append(arrow.Timestamp(t.UnixMicro()))
}

func field(name string, t arrow.DataType, nullable bool) arrow.Field {
	return arrow.Field{Name: name, Type: t, Nullable: nullable}
}

var (
	i64  = arrow.PrimitiveTypes.Int64
	i32  = arrow.PrimitiveTypes.Int32
	i16  = arrow.PrimitiveTypes.Int16
	f64  = arrow.PrimitiveTypes.Float64
	str  = arrow.BinaryTypes.String
	boo  = arrow.FixedWidthTypes.Boolean
	keys = []arrow.Field{field("source_id", i64, false), field("line", i64, false)}
)

func schema(fields ...arrow.Field) *arrow.Schema {
	return arrowSchema(append(append([]arrow.Field{}, keys...), fields...)...)
}

func arrowSchema(fields ...arrow.Field) *arrow.Schema { return arrow.NewSchema(fields, nil) }
