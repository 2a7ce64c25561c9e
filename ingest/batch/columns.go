package batch

import (
	"math"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// The request_rows table, one row per access-log line, is built in columns written
// straight into Arrow buffers rather than with Arrow's builders, whose capacity
// check and validity bit on every value cost about a fifth of the parse (measured
// with BenchmarkParseCombined). A column has no validity bitmap until its first
// NULL.

// column is a column of 8-byte values (BIGINT, DOUBLE, TIMESTAMP) or of SMALLINT
// or INTEGER, held as 8-byte words and packed when the batch is flushed (a loop
// over the batch; generic columns were not inlined).
type column struct {
	mem   memory.Allocator // for the validity bitmap (zeroed)
	dmem  memory.Allocator // for the values (every one is written)
	typ   arrow.DataType
	data  *memory.Buffer
	vals  []uint64 // data's memory, len is the capacity
	valid *memory.Buffer
	bits  []byte // valid's memory; nil while no value is NULL
	n     int
	nulls int
	// fast is how many values append may write without the slow path: the
	// capacity while there is no bitmap, 0 after (one comparison keeps append
	// small enough to inline).
	fast int
}

func newColumn(mem memory.Allocator, typ arrow.DataType) *column {
	c := &column{mem: mem, dmem: mem, typ: typ}
	if p, ok := mem.(*Pool); ok {
		c.dmem = uncleared{p}
	}
	c.reset(1024)
	return c
}

// reset starts an empty column with room for capacity values.
func (c *column) reset(capacity int) {
	c.data = memory.NewResizableBuffer(c.dmem)
	c.vals = nil
	c.valid, c.bits = nil, nil
	c.n, c.nulls = 0, 0
	c.reserve(capacity)
}

func (c *column) reserve(capacity int) {
	capacity = max(capacity, 64)
	c.data.Reserve(capacity * 8)
	buf := c.data.Buf()
	c.vals = unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(buf))), len(buf)/8)
	c.fast = len(c.vals)
	if c.valid != nil {
		c.valid.Reserve(int(bitutil.BytesForBits(int64(len(c.vals)))))
		c.bits = c.valid.Buf() // the allocator zeroes new memory: new values start NULL
		c.fast = 0
	}
}

func (c *column) appendInt(v int64)     { c.append(uint64(v)) }
func (c *column) appendFloat(v float64) { c.append(math.Float64bits(v)) }

func (c *column) append(v uint64) {
	if n := c.n; n < c.fast {
		c.vals[n] = v
		c.n = n + 1
		return
	}
	c.appendSlow(v)
}

// appendSlow is append when the column must grow or has a validity bitmap; kept
// apart so that append inlines.
func (c *column) appendSlow(v uint64) {
	if c.n == len(c.vals) {
		c.reserve(2 * c.n)
	}
	c.vals[c.n] = v
	if c.bits != nil {
		bitutil.SetBit(c.bits, c.n)
	}
	c.n++
}

func (c *column) appendNull() {
	if c.n == len(c.vals) {
		c.reserve(2 * c.n)
	}
	if c.bits == nil {
		c.valid = memory.NewResizableBuffer(c.mem)
		c.valid.Reserve(int(bitutil.BytesForBits(int64(len(c.vals)))))
		c.bits = c.valid.Buf()
		bitutil.SetBitsTo(c.bits, 0, int64(c.n), true)
		c.fast = 0
	}
	c.vals[c.n] = 0
	c.nulls++
	c.n++
}

// finish returns the column's array and starts an empty column with room for as
// many values.
func (c *column) finish() arrow.Array {
	data := c.data
	switch c.typ.ID() {
	case arrow.INT16:
		data = packed[int16](c)
		defer data.Release()
	case arrow.INT32:
		data = packed[int32](c)
		defer data.Release()
	default:
		data.ResizeNoShrink(c.n * 8)
	}
	if c.valid != nil {
		c.valid.ResizeNoShrink(int(bitutil.BytesForBits(int64(c.n))))
	}
	d := array.NewData(c.typ, c.n, []*memory.Buffer{c.valid, data}, nil, c.nulls, 0)
	a := array.MakeFromData(d)
	d.Release()
	c.release()
	c.reset(c.n + c.n/8) // batches differ by a chunk's lines: room to spare, no copy
	return a
}

// packed returns c's values as a new buffer of T.
func packed[T int16 | int32](c *column) *memory.Buffer {
	data := memory.NewResizableBuffer(c.dmem)
	data.Resize(int(unsafe.Sizeof(T(0))) * c.n)
	out := unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(data.Bytes()))), c.n)
	for i, v := range c.vals[:c.n] {
		out[i] = T(v)
	}
	return data
}

func (c *column) release() {
	c.data.Release()
	if c.valid != nil {
		c.valid.Release()
	}
}
