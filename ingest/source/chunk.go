package source

import (
	"bytes"
	"errors"
	"io"
	"sync"
)

// ChunkBytes is the default size of a chunk: big enough to amortise the hand-off
// between goroutines, small enough to stay in cache (4 MiB chunks measured about
// 1.5x slower than 256 KiB ones, see shared/notes/ingest-performance.md).
const ChunkBytes = 256 << 10

// ErrLineTooLong is the Reason of a chunk holding the start of a line longer than
// the chunker's limit; the rest of that line is skipped.
var ErrLineTooLong = errors.New("line too long")

// A Chunk is a run of whole lines of content, cut after a newline.
type Chunk struct {
	// Data holds the lines, each ending in '\n' except the last line of final
	// content (gzip, standard input) that had none. It is valid until Release.
	Data []byte
	// FirstLine is the number (from 1) of the first line in Data.
	FirstLine int64
	// Lines is the number of lines in Data.
	Lines int64
	// Offset is the content offset of Data[0].
	Offset int64
	// Reason is nil for ordinary lines. Otherwise the chunk is one line that could
	// not be read whole: ErrLineTooLong (Data is the line's first bytes) or
	// ErrTruncatedGzip (Data is what the damaged stream held of its last line).
	Reason error

	buf *[]byte // returned to the pool by Release; nil when not pooled
}

// Chunker cuts an Input into newline-aligned chunks and keeps the bookkeeping of
// what was consumed: the content offset after the last complete line, the line
// count, and the Tail whose Sum is the mark at that offset. A last line without a
// newline is left unread (Partial) unless the content is final.
//
// Next is called from one goroutine; Release may be called from any.
type Chunker struct {
	in      *Input
	max     int
	pool    sync.Pool
	carry   []byte // the start of a line not finished by the previous read
	line    int64  // number of the last line handed out
	offset  int64  // content offset after the last line handed out
	tail    *Tail
	partial int64
	queue   []*Chunk // chunks to hand out before the end
	done    bool
}

// NewChunker reads in from its current offset, numbering lines from line+1. tail
// holds the content before that offset and is kept current. size is the chunk
// size (0 means ChunkBytes); maxLine is the longest line kept whole (0 means 1 MiB).
func NewChunker(in *Input, line int64, tail *Tail, size, maxLine int) *Chunker {
	if size <= 0 {
		size = ChunkBytes
	}
	if maxLine <= 0 {
		maxLine = 1 << 20
	}
	c := &Chunker{in: in, max: maxLine, line: line, offset: in.Offset(), tail: tail}
	c.pool.New = func() any { b := make([]byte, size); return &b }
	return c
}

// Offset returns the content offset after the last line handed out.
func (c *Chunker) Offset() int64 { return c.offset }

// Line returns the number of the last line handed out.
func (c *Chunker) Line() int64 { return c.line }

// Partial returns the length of an unfinished last line left for the next run.
func (c *Chunker) Partial() int64 { return c.partial }

// Release returns a chunk's buffer for reuse; ch must not be used afterwards.
func (c *Chunker) Release(ch *Chunk) {
	if ch.buf != nil {
		c.pool.Put(ch.buf)
		ch.buf, ch.Data = nil, nil
	}
}

// Next returns the next chunk, or io.EOF after the last one. Any other error is a
// read error: the run must stop.
func (c *Chunker) Next() (*Chunk, error) {
	if len(c.queue) > 0 {
		ch := c.queue[0]
		c.queue = c.queue[1:]
		return c.account(ch), nil
	}
	if c.done {
		return nil, io.EOF
	}
	bp := c.pool.Get().(*[]byte)
	buf := (*bp)[:cap(*bp)]
	n := copy(buf, c.carry)
	c.carry = c.carry[:0]
	fromPool := true
	keep := func([]byte) *[]byte { // the buffer to return with the chunk
		if fromPool {
			return bp
		}
		return nil
	}
	for {
		m, err := io.ReadFull(c.in, buf[n:])
		n += m
		switch {
		case !fromPool && tooLong(buf[:n], c.max):
			// The buffer grew for its first line, and that line is over the limit.
			return c.skipLong(buf[:n])
		case err == nil: // a full buffer
			if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
				c.carry = append(c.carry, buf[i+1:n]...)
				return c.account(&Chunk{Data: buf[:i+1], buf: keep(buf)}), nil
			}
			// One line longer than the buffer: grow it (not pooled from here on).
			big := make([]byte, 2*len(buf))
			copy(big, buf[:n])
			if fromPool {
				c.pool.Put(bp)
			}
			bp, buf, fromPool = &big, big, false
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			c.done = true
			return c.end(keep(buf), buf[:n], nil)
		case errors.Is(err, ErrTruncatedGzip):
			c.done = true
			return c.end(keep(buf), buf[:n], err)
		default:
			c.done = true
			return nil, err
		}
	}
}

// tooLong reports whether the first line of b is longer than max.
func tooLong(b []byte, max int) bool {
	i := bytes.IndexByte(b, '\n')
	return i > max || (i < 0 && len(b) > max)
}

// end hands out what is left at the end of the content: the complete lines, then
// the last line when the content is final, or a truncated-gzip reject.
// bp is data's pool buffer, nil when it is not pooled.
func (c *Chunker) end(bp *[]byte, data []byte, damage error) (*Chunk, error) {
	var rest []byte
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		data, rest = data[:i+1], data[i+1:]
	} else {
		data, rest = nil, data
	}
	switch {
	case damage != nil:
		c.queue = append(c.queue, &Chunk{Data: append([]byte(nil), rest...), Reason: ErrTruncatedGzip})
	case len(rest) > 0 && c.in.Final:
		c.queue = append(c.queue, &Chunk{Data: append([]byte(nil), rest...)})
	default:
		c.partial = int64(len(rest))
	}
	if len(data) == 0 {
		if bp != nil {
			c.pool.Put(bp)
		}
		return c.Next()
	}
	return c.account(&Chunk{Data: data, buf: bp}), nil
}

// skipLong hands out the start of a line longer than the limit as one chunk and
// consumes the rest of that line.
func (c *Chunker) skipLong(data []byte) (*Chunk, error) {
	ch := c.account(&Chunk{Data: append([]byte(nil), data[:c.max]...), Reason: ErrLineTooLong})
	rest := data[c.max:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		c.offset += int64(i + 1)
		_, _ = c.tail.Write(rest[:i+1])
		c.carry = append(c.carry, rest[i+1:]...)
		return ch, nil
	}
	c.offset += int64(len(rest))
	_, _ = c.tail.Write(rest)
	var one [64 << 10]byte
	for {
		m, err := c.in.Read(one[:])
		if i := bytes.IndexByte(one[:m], '\n'); i >= 0 {
			c.offset += int64(i + 1)
			_, _ = c.tail.Write(one[:i+1])
			c.carry = append(c.carry, one[i+1:m]...)
			return ch, nil
		}
		c.offset += int64(m)
		_, _ = c.tail.Write(one[:m])
		if err == io.EOF {
			c.done = true
			return ch, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// account numbers a chunk's lines and moves the offset and mark past it.
func (c *Chunker) account(ch *Chunk) *Chunk {
	ch.Lines = 1
	if ch.Reason == nil {
		ch.Lines = int64(bytes.Count(ch.Data, []byte{'\n'}))
		if len(ch.Data) > 0 && ch.Data[len(ch.Data)-1] != '\n' {
			ch.Lines++
		}
	}
	ch.FirstLine, ch.Offset = c.line+1, c.offset
	c.line += ch.Lines
	c.offset += int64(len(ch.Data))
	_, _ = c.tail.Write(ch.Data)
	return ch
}
