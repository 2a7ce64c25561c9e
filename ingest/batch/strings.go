package batch

import (
	"bytes"
	"encoding/binary"
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
	// slots is an open-addressing table (linear probing, len a power of two) of
	// 8-byte slots, tag<<32 | offset, 0 when empty: tag is the high half of the
	// value's hash (with its low bit set), offset where its entry starts in arena.
	// Small slots keep a table of many values (clients, paths) in cache.
	slots []uint64
	// arena holds the entries: id (8 bytes), length (4 bytes), then the value's
	// bytes as they came (the lookup key).
	arena []byte
	n     int
	// Ids reserved and not yet used: [nextID, endID).
	nextID, endID int64
	// Values that are IPv4 addresses (see ipID).
	ipSlots []uint64
	ipN     int
	ipBase  int64
	// The two values looked up last, the last first.
	recent [2]recentValue
}

const entryHead = 12 // id and length before an entry's bytes

func newDict(field string) dict {
	return dict{field: field, seed: maphash.MakeSeed()}
}

// reset forgets every value (they keep their ids in the rows already built).
func (d *dict) reset() {
	clear(d.slots)
	d.arena = d.arena[:0]
	d.n = 0
}

// id returns the id of v, appending v to s as a new request_strings row when it
// is new.
func (d *dict) id(v []byte, s *RequestStringsBuilder, ids *StringIDs) int64 {
	// Consecutive rows often repeat a value: one client's requests, with its user
	// agent and referer (57-61% of the lines of elastic's apache_logs sample,
	// 75% in the generated log), or alternate between two (GET and POST). The two
	// values met last answer without hashing. An id stays right after a reset: ids
	// are never reused, and the string of every one handed out is stored.
	r := &d.recent
	if r[0].ok && string(v) == string(r[0].v) {
		return r[0].id
	}
	if r[1].ok && string(v) == string(r[1].v) {
		r[0], r[1] = r[1], r[0]
		return r[0].id
	}
	id := d.lookup(v, s, ids)
	r[0], r[1] = r[1], r[0]
	r[0].v, r[0].id, r[0].ok = append(r[0].v[:0], v...), id, true
	return id
}

// recentValue is a value a dictionary looked up lately, with its id.
type recentValue struct {
	v  []byte
	id int64
	ok bool
}

// lookup is id without the last value.
func (d *dict) lookup(v []byte, s *RequestStringsBuilder, ids *StringIDs) int64 {
	if ip, ok := ipv4(v); ok {
		return d.ipID(ip, v, s, ids)
	}
	if len(d.slots) == 0 {
		d.slots = make([]uint64, 1024)
	}
	h := maphash.Bytes(d.seed, v)
	tag := uint32(h>>32) | 1
	mask := uint64(len(d.slots) - 1)
	i := h & mask
	for {
		sl := d.slots[i]
		if sl == 0 {
			break
		}
		if uint32(sl>>32) == tag {
			e := d.arena[uint32(sl):]
			if n := int(binary.LittleEndian.Uint32(e[8:])); n == len(v) && bytes.Equal(e[entryHead:entryHead+n], v) {
				return int64(binary.LittleEndian.Uint64(e))
			}
		}
		i = (i + 1) & mask
	}
	// A new value.
	if d.n >= maxDictEntries || len(d.arena)+entryHead+len(v) > maxDictBytes {
		d.reset()
		return d.lookup(v, s, ids)
	}
	if 2*(d.n+1) > len(d.slots) {
		d.grow()
		return d.lookup(v, s, ids)
	}
	id := d.newID(ids)
	off := len(d.arena)
	d.arena = binary.LittleEndian.AppendUint64(d.arena, uint64(id))
	d.arena = binary.LittleEndian.AppendUint32(d.arena, uint32(len(v)))
	d.arena = append(d.arena, v...)
	d.slots[i] = uint64(tag)<<32 | uint64(off)
	d.n++
	s.append(id, d.field, v)
	return id
}

// newID returns the next id of the dictionary's block.
func (d *dict) newID(ids *StringIDs) int64 {
	if d.nextID == d.endID {
		d.nextID = ids.take(idBlock)
		d.endID = d.nextID + idBlock
	}
	d.nextID++
	return d.nextID - 1
}

// ipID is id for a value written as an IPv4 address in canonical form (as
// clients are): its 32 bits are the key, in slots of ip<<32 | (id-ipBase+1),
// one memory access and no hashing of bytes (the clients of a big log were a
// sixth of the ingest's CPU time, mostly cache misses).
func (d *dict) ipID(ip uint32, v []byte, s *RequestStringsBuilder, ids *StringIDs) int64 {
	if len(d.ipSlots) == 0 {
		d.ipSlots = make([]uint64, 1024)
	}
	mask := uint64(len(d.ipSlots) - 1)
	i := ipHome(ip) & mask
	for {
		sl := d.ipSlots[i]
		if sl == 0 {
			break
		}
		if uint32(sl>>32) == ip {
			return d.ipBase + int64(uint32(sl)) - 1
		}
		i = (i + 1) & mask
	}
	id := d.newID(ids)
	if d.ipN >= maxDictEntries || d.ipN == 0 || id-d.ipBase+1 >= 1<<32 {
		clear(d.ipSlots) // start again, with ids counted from here
		d.ipN, d.ipBase = 0, id
		return d.ipInsert(ip, id, v, s)
	}
	if 2*(d.ipN+1) > len(d.ipSlots) {
		d.growIP()
	}
	return d.ipInsert(ip, id, v, s)
}

func (d *dict) ipInsert(ip uint32, id int64, v []byte, s *RequestStringsBuilder) int64 {
	mask := uint64(len(d.ipSlots) - 1)
	i := ipHome(ip) & mask
	for d.ipSlots[i] != 0 {
		i = (i + 1) & mask
	}
	d.ipSlots[i] = uint64(ip)<<32 | uint64(id-d.ipBase+1)
	d.ipN++
	s.append(id, d.field, v)
	return id
}

func (d *dict) growIP() {
	d.ipSlots = doubled(d.ipSlots, func(sl uint64) uint64 { return ipHome(uint32(sl >> 32)) })
}

// ipHome is where the slot of ip is looked for first (before the mask).
func ipHome(ip uint32) uint64 { return uint64(ip) * 0x9E3779B97F4A7C15 >> 32 }

// ipv4 reads v as an IPv4 address in canonical form (four decimal numbers up to
// 255 without leading zeros, separated by dots): the only text that gives its
// 32 bits, so the bits stand for the text.
func ipv4(v []byte) (uint32, bool) {
	if len(v) < 7 || len(v) > 15 {
		return 0, false
	}
	var ip uint32
	octets, digits, cur := 0, 0, uint32(0)
	for i := 0; i <= len(v); i++ {
		if i == len(v) || v[i] == '.' {
			if digits == 0 || cur > 255 || (digits > 1 && v[i-digits] == '0') {
				return 0, false
			}
			ip = ip<<8 | cur
			octets++
			digits, cur = 0, 0
			continue
		}
		c := v[i]
		if c < '0' || c > '9' || digits == 3 {
			return 0, false
		}
		cur = cur*10 + uint32(c-'0')
		digits++
	}
	return ip, octets == 4
}

// grow doubles the slot table.
func (d *dict) grow() {
	d.slots = doubled(d.slots, func(sl uint64) uint64 {
		e := d.arena[uint32(sl):]
		n := binary.LittleEndian.Uint32(e[8:])
		return maphash.Bytes(d.seed, e[entryHead:entryHead+n])
	})
}

// doubled returns the non-zero slots of old in a table twice as large, each
// probed for from home(slot).
func doubled(old []uint64, home func(sl uint64) uint64) []uint64 {
	slots := make([]uint64, 2*len(old))
	mask := uint64(len(slots) - 1)
	for _, sl := range old {
		if sl == 0 {
			continue
		}
		i := home(sl) & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = sl
	}
	return slots
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

// append adds the row of a value met for the first time, invalid UTF-8 stored as
// U+FFFD (checked here, per new value: a small part of the log's bytes).
func (s *RequestStringsBuilder) append(id int64, field string, v []byte) {
	s.src.Append(s.sourceID)
	s.id.Append(id)
	s.field.Append(field)
	if !utf8.Valid(v) {
		v = bytes.ToValidUTF8(v, replacement)
	}
	s.value.BinaryBuilder.Append(v)
}
