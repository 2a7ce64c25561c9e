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
}

// Tables lists every table a Set can fill, in flush order.
var Tables = []Table{
	{"requests", requestsSchema},
	{"events", eventsSchema},
	{"probes", probesSchema},
	{"capacity", capacitySchema},
	{"status_changes", statusChangesSchema},
	{"status_incidents", statusIncidentsSchema},
	{RequestStrings, requestStringsSchema},
	{"rejects", rejectsSchema},
}

// Schema returns the Arrow schema of table, nil if no Set fills it.
func Schema(table string) *arrow.Schema {
	for _, t := range Tables {
		if t.Name == table {
			return t.Schema
		}
	}
	return nil
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

	// ValidUTF8 tells the builders that the bytes appended until it is cleared are
	// known to be valid UTF-8 (a worker checks a whole chunk at once), so they skip
	// the per-value check.
	ValidUTF8 bool

	builders []*array.RecordBuilder // in Tables order
}

// NewSet returns empty builders for the rows of source sourceID. Release it when done.
func NewSet(mem memory.Allocator, sourceID int64) *Set {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	s := &Set{SourceID: sourceID, StringIDs: NewStringIDs(1)}
	for _, t := range Tables {
		s.builders = append(s.builders, array.NewRecordBuilder(mem, t.Schema))
	}
	s.Requests = newRequests(s, s.builders[0], sourceID)
	s.Events = newEvents(s.builders[1], sourceID)
	s.Probes = newProbes(s.builders[2], sourceID)
	s.Capacity = newCapacity(s.builders[3], sourceID)
	s.StatusChanges = newStatusChanges(s.builders[4], sourceID)
	s.StatusIncidents = newStatusIncidents(s.builders[5], sourceID)
	s.RequestStrings = newRequestStrings(s.builders[6], sourceID)
	s.Rejects = newRejects(s.builders[7], sourceID)
	return s
}

// Rows returns the number of rows appended since the last Flush, rejects included.
func (s *Set) Rows() int {
	n := 0
	for _, b := range s.builders {
		n += b.Field(0).Len()
	}
	return n
}

// Flush returns a record for every table that has rows and empties the builders.
// Each emptied builder reserves room for as many rows and bytes as it just held,
// so the next batch of the same size grows no buffer.
func (s *Set) Flush() []Batch {
	var out []Batch
	for i, b := range s.builders {
		n := b.Field(0).Len()
		if n == 0 {
			continue
		}
		var data []int
		for _, f := range b.Fields() {
			if sb, ok := f.(*array.StringBuilder); ok {
				data = append(data, sb.DataLen())
			}
		}
		out = append(out, Batch{Table: Tables[i].Name, Record: b.NewRecord()})
		k := 0
		for _, f := range b.Fields() {
			f.Reserve(n)
			if sb, ok := f.(*array.StringBuilder); ok {
				sb.ReserveData(data[k])
				k++
			}
		}
	}
	return out
}

// Release frees the builders.
func (s *Set) Release() {
	for _, b := range s.builders {
		b.Release()
	}
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
