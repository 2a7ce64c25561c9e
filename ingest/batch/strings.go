package batch

import (
	"bytes"
	"hash/maphash"
	"sync/atomic"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow/array"
)

// The text fields of access-log rows (host, client, method, path, referer, user
// agent) are stored once per distinct value in request_strings and referenced by
// id from requests: DuckDB spends about as much CPU storing one VARCHAR value
// (append, statistics, two checkpoint scans, dictionary analysis and compression)
// as the whole parse of its line, while an integer costs a tenth of that. The view
// requests_text joins the text back.

// RequestStrings is the table of the text values that requests rows refer to.
const RequestStrings = "request_strings"

// The fields of requests whose text is kept in request_strings, in the order of
// the requests schema's *_id columns.
const (
	FieldHost      = "host"
	FieldClient    = "client"
	FieldMethod    = "method"
	FieldPath      = "path"
	FieldReferer   = "referer"
	FieldUserAgent = "user_agent"
)

var requestFields = [...]string{FieldHost, FieldClient, FieldMethod, FieldPath, FieldReferer, FieldUserAgent}

var requestStringsSchema = arrowSchema(
	field("source_id", i64, false),
	field("string_id", i64, false),
	field("field", str, false),
	field("value", str, false),
)

// StringIDs hands out request_strings ids. Ids are unique in the database when
// every Set writing in one transaction shares one StringIDs that starts after the
// largest stored id (the database admits one writer at a time). Safe for
// concurrent use.
type StringIDs struct{ next atomic.Int64 }

// NewStringIDs returns ids from first on.
func NewStringIDs(first int64) *StringIDs {
	s := &StringIDs{}
	s.next.Store(first)
	return s
}

// idBlock is how many ids a dictionary takes at a time, so workers rarely touch
// the shared counter; ids left unused in a block are never stored (ids have gaps).
const idBlock = 256

// take reserves n ids and returns the first.
func (s *StringIDs) take(n int64) int64 { return s.next.Add(n) - n }

// Limits of one dictionary. When a dictionary is full it starts again empty:
// values seen before get new ids and are stored again, which costs space, not
// correctness, and keeps memory bounded whatever the file.
const (
	maxDictEntries = 1 << 17
	maxDictBytes   = 8 << 20
)

// dict maps the values of one field to their ids, for the rows of one Set. New
// values are appended to the request_strings builder as they are met.
type dict struct {
	field string
	seed  maphash.Seed
	slots []slot // open addressing, linear probing; len is a power of two
	arena []byte // the values' bytes as they came (the lookup keys)
	n     int
	// Ids reserved and not yet used: [nextID, endID).
	nextID, endID int64
}

type slot struct {
	id       int64 // 0: empty
	off, len uint32
}

func newDict(field string) dict {
	return dict{field: field, seed: maphash.MakeSeed()}
}

// reset forgets every value (they keep their ids in the rows already built).
func (d *dict) reset() {
	clear(d.slots)
	d.arena = d.arena[:0]
	d.n = 0
}

// id returns the id of v, appending v to out as a new request_strings row when it
// is new. valid says v is known to be valid UTF-8; otherwise invalid bytes are
// stored as U+FFFD.
func (d *dict) id(v []byte, s *RequestStringsBuilder, ids *StringIDs, valid bool) int64 {
	if len(d.slots) == 0 {
		d.slots = make([]slot, 1024)
	}
	mask := uint64(len(d.slots) - 1)
	i := maphash.Bytes(d.seed, v) & mask
	for {
		sl := &d.slots[i]
		if sl.id == 0 {
			break
		}
		if int(sl.len) == len(v) && bytes.Equal(d.arena[sl.off:sl.off+sl.len], v) {
			return sl.id
		}
		i = (i + 1) & mask
	}
	// A new value.
	if d.n >= maxDictEntries || len(d.arena)+len(v) > maxDictBytes {
		d.reset()
		return d.id(v, s, ids, valid)
	}
	if 2*(d.n+1) > len(d.slots) {
		d.grow()
		return d.id(v, s, ids, valid)
	}
	if d.nextID == d.endID {
		d.nextID = ids.take(idBlock)
		d.endID = d.nextID + idBlock
	}
	id := d.nextID
	d.nextID++
	off := uint32(len(d.arena))
	d.arena = append(d.arena, v...)
	d.slots[i] = slot{id: id, off: off, len: uint32(len(v))}
	d.n++
	s.append(id, d.field, v, valid)
	return id
}

// grow doubles the slot table.
func (d *dict) grow() {
	old := d.slots
	d.slots = make([]slot, 2*len(old))
	mask := uint64(len(d.slots) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		i := maphash.Bytes(d.seed, d.arena[sl.off:sl.off+sl.len]) & mask
		for d.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		d.slots[i] = sl
	}
}

// RequestStringsBuilder builds rows of request_strings. Rows are added by the
// Requests builder of the same Set as it meets new values.
type RequestStringsBuilder struct {
	sourceID     int64
	src, id      *array.Int64Builder
	field, value *array.StringBuilder
}

func newRequestStrings(b *array.RecordBuilder, sourceID int64) *RequestStringsBuilder {
	return &RequestStringsBuilder{
		sourceID: sourceID,
		src:      b.Field(0).(*array.Int64Builder),
		id:       b.Field(1).(*array.Int64Builder),
		field:    b.Field(2).(*array.StringBuilder),
		value:    b.Field(3).(*array.StringBuilder),
	}
}

func (s *RequestStringsBuilder) append(id int64, field string, v []byte, valid bool) {
	s.src.Append(s.sourceID)
	s.id.Append(id)
	s.field.Append(field)
	if !valid && !utf8.Valid(v) {
		v = bytes.ToValidUTF8(v, replacement)
	}
	s.value.BinaryBuilder.Append(v)
}
