package batch

import (
	"math/bits"
	"sync"

	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Pool is a memory.Allocator that recycles buffers by power-of-two size class.
// Ingest builds and frees buffers of the same few sizes batch after batch; taking
// them from the Go heap anew each time made the garbage collector a tenth of the
// parse time. Buffers come back zeroed, like the Go allocator's. A Pool is safe
// for concurrent use.
type Pool struct {
	classes [48]sync.Pool
}

var _ memory.Allocator = (*Pool)(nil)

// NewPool returns an empty Pool.
func NewPool() *Pool { return &Pool{} }

const minClass = 6 // 64 bytes, Arrow's alignment

func class(size int) int {
	if size <= 1<<minClass {
		return minClass
	}
	return bits.Len(uint(size - 1))
}

// Allocate returns a zeroed buffer of size bytes.
func (p *Pool) Allocate(size int) []byte {
	b, reused := p.get(size)
	if reused {
		clear(b)
	}
	return b
}

// get returns a buffer of size bytes, and whether it was used before (and so
// holds old bytes).
func (p *Pool) get(size int) ([]byte, bool) {
	c := class(size)
	if v := p.classes[c].Get(); v != nil {
		return (*v.(*[]byte))[:size], true
	}
	return make([]byte, size, 1<<c), false
}

// uncleared is a Pool that does not zero the buffers it recycles, for columns
// that write every value they hold (clearing them was a twentieth of the parse).
type uncleared struct{ *Pool }

func (u uncleared) Allocate(size int) []byte {
	b, _ := u.get(size)
	return b
}

func (u uncleared) Reallocate(size int, b []byte) []byte {
	if size <= cap(b) {
		return b[:size]
	}
	nb := u.Allocate(size)
	copy(nb, b)
	u.Free(b)
	return nb
}

// Reallocate grows or shrinks b to size bytes, keeping its contents.
func (p *Pool) Reallocate(size int, b []byte) []byte {
	if size <= cap(b) {
		old := len(b)
		b = b[:size]
		if size > old {
			clear(b[old:])
		}
		return b
	}
	nb := p.Allocate(size)
	copy(nb, b)
	p.Free(b)
	return nb
}

// Free returns b for reuse.
func (p *Pool) Free(b []byte) {
	c := class(cap(b))
	if cap(b) != 1<<c {
		return // not one of ours
	}
	b = b[:cap(b)]
	p.classes[c].Put(&b)
}
