package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"

	"outagelens/data/store"
	"outagelens/ingest/batch"
	"outagelens/ingest/logs"
	"outagelens/ingest/source"
)

// The pipeline of one source, inside its transaction:
//
//	chunker (1 goroutine) -> chunks -> workers (N, or 1 when lines depend on
//	earlier ones) -> Arrow records -> segment reader -> DuckDB INSERT ... SELECT
//
// Each worker owns its parser and its batch.Set, so no state is shared between
// workers; rows carry their own line numbers, so the order in which records reach
// DuckDB does not matter. Memory is bounded by the channels: a few chunks and a
// few records per worker are in flight, whatever the file size.

// ingestMemoryLimit is DuckDB's memory limit while it loads a file (see consume).
const ingestMemoryLimit = "256MB"

// stashRows is how many rows of tables other than the format's own (rejects,
// mostly) are held before the running INSERT is ended so they can be loaded.
const stashRows = 1 << 16

// stats is what one worker counted. Workers keep their own, merged at the end.
type stats struct {
	lines, rejects int64
	reasons        map[string]int64
}

// worker parses lines into its own Set and sends full record batches on.
type worker struct {
	parser    logs.Parser
	set       *batch.Set
	batchRows int
	out       chan<- batch.Batch
	ctx       context.Context
	stats
}

func (r *runner) newWorker(ctx context.Context, format logs.Format, popts logs.Options, id int64, ks keys, out chan<- batch.Batch) *worker {
	set := batch.NewSet(r.opts.Allocator, id)
	set.StringIDs, set.ServiceKeys = ks.strings, ks.services
	return &worker{
		parser:    format.New(popts),
		set:       set,
		batchRows: r.opts.BatchRows,
		out:       out,
		ctx:       ctx,
		stats:     stats{reasons: map[string]int64{}},
	}
}

// chunk parses every line of ch.
func (w *worker) chunk(ch *source.Chunk) error {
	if ch.Reason != nil {
		w.lines++
		reason := ch.Reason
		if errors.Is(reason, source.ErrLineTooLong) {
			reason = logs.ErrTooLong
		}
		w.reject(ch.FirstLine, reason.Error(), ch.Data)
		return w.maybeFlush()
	}
	data := ch.Data
	binary := bytes.IndexByte(data, 0) >= 0
	// No whole-chunk UTF-8 check: of an access log only the text values met for
	// the first time are stored (request_strings), and the builders check those
	// alone, a small part of what checking the whole chunk did (0.04 of 4.5
	// CPU-seconds for a 1 GB log).
	n := ch.FirstLine
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		w.line(line, n, binary)
		n++
	}
	return w.maybeFlush()
}

// line parses one line, or one record of a document; binary says whether its
// chunk holds a NUL byte at all.
func (w *worker) line(line []byte, n int64, binary bool) {
	w.lines++
	switch {
	case binary && bytes.IndexByte(line, 0) >= 0:
		w.reject(n, logs.ErrBinary.Error(), line)
	case blank(line):
		// Counted, neither a row nor a reject.
	default:
		if err := w.parser.Parse(line, n, w.set); err != nil {
			w.rejectErr(n, err, line)
		}
	}
}

func blank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

func (w *worker) rejectErr(n int64, err error, raw []byte) {
	reason := err.Error()
	var le *logs.LineError
	if errors.As(err, &le) {
		reason = le.Reason.Error()
		n = le.Line
	}
	w.reject(n, reason, raw)
}

func (w *worker) reject(n int64, reason string, raw []byte) {
	w.set.Rejects.Append(n, reason, raw)
	w.reasons[reason]++
	w.rejects++
}

func (w *worker) maybeFlush() error {
	if w.set.Rows() < w.batchRows {
		return nil
	}
	return w.flush()
}

// flush sends what the Set holds; a cancelled run releases it instead.
func (w *worker) flush() error {
	bs := w.set.Flush()
	for i, b := range bs {
		select {
		case w.out <- b:
		case <-w.ctx.Done():
			for _, rest := range bs[i:] {
				rest.Record.Release()
			}
			return w.ctx.Err()
		}
	}
	return nil
}

// finish tells a parser that folds lines (logs.Flusher) that the input ended,
// then flushes.
func (w *worker) finish() error {
	if f, ok := w.parser.(logs.Flusher); ok {
		if err := f.Flush(w.set); err != nil {
			w.rejectErr(0, err, nil)
		}
	}
	return w.flush()
}

// loaded is the outcome of a pipeline.
type loaded struct {
	offset  int64
	lines   int64
	rows    int64
	partial int64
	stats
}

// pipeline reads in from its current offset (line numbers continue after
// startLine; tail holds the content before) and loads every row into tx.
func (r *runner) pipeline(ctx context.Context, tx *store.Tx, in *source.Input, format logs.Format,
	popts logs.Options, id int64, ks keys, startLine int64, tail *source.Tail) (loaded, error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make(chan batch.Batch, 4)

	var (
		mu   sync.Mutex
		errs []error // guarded by mu until the producers are done
		res  loaded
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
		cancel()
	}

	n := 1
	if format.Independent && format.Split == nil {
		n = r.opts.Workers
	}
	workers := make([]*worker, n)
	for i := range workers {
		workers[i] = r.newWorker(ctx, format, popts, id, ks, out)
	}
	var wg sync.WaitGroup
	if format.Split != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.document(ctx, in, format, workers[0], tail, &res); err != nil {
				fail(err)
			}
		}()
	} else {
		chunker := source.NewChunker(in, startLine, tail, r.opts.ChunkBytes, r.opts.MaxLineBytes)
		chunks := make(chan *source.Chunk, 2*n)
		wg.Add(1)
		go func() { // the chunker
			defer wg.Done()
			defer close(chunks)
			for {
				ch, err := chunker.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					fail(err)
					return
				}
				if errors.Is(ch.Reason, source.ErrTruncatedGzip) {
					r.log.Warn("truncated gzip stream", "path", in.Path, "line", ch.FirstLine)
				}
				if r.opts.Progress != nil {
					r.opts.Progress(int64(len(ch.Data)))
				}
				select {
				case chunks <- ch:
				case <-ctx.Done():
					chunker.Release(ch)
					return
				}
			}
			res.offset, res.lines, res.partial = chunker.Offset(), chunker.Line(), chunker.Partial()
		}()
		for _, w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ch := range chunks {
					err := w.chunk(ch)
					chunker.Release(ch)
					if err != nil {
						fail(err)
						for ch := range chunks {
							chunker.Release(ch)
						}
						return
					}
				}
				if ctx.Err() == nil {
					if err := w.finish(); err != nil {
						fail(err)
					}
				}
			}()
		}
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	rows, lerr := r.consume(ctx, tx, format.Table, out)
	if lerr != nil {
		cancel() // stop the producers
	}
	for b := range out { // wait for them, freeing what they still send
		b.Record.Release()
	}
	for _, w := range workers {
		w.set.Release()
	}
	if err := parent.Err(); err != nil {
		return res, err // the caller cancelled: that explains any other error
	}
	var perrs []error
	for _, err := range errs {
		if !errors.Is(err, context.Canceled) {
			perrs = append(perrs, err)
		}
	}
	if len(perrs) > 0 {
		return res, errors.Join(perrs...) // a read error explains the load's
	}
	if lerr != nil {
		return res, lerr
	}
	res.rows = rows
	res.stats = stats{reasons: map[string]int64{}}
	for _, w := range workers {
		res.stats.lines += w.lines
		res.stats.rejects += w.rejects
		for k, v := range w.reasons {
			res.stats.reasons[k] += v
		}
	}
	return res, nil
}

// limitMemory sets DuckDB's memory limit to limit and returns a function that
// sets it back to the value it had.
func limitMemory(ctx context.Context, tx *store.Tx, limit string) (restore func() error, err error) {
	var prev string
	if err := tx.QueryRow(ctx, "SELECT current_setting('memory_limit')").Scan(&prev); err != nil {
		return nil, fmt.Errorf("read memory_limit: %w", err)
	}
	if _, err := tx.Exec(ctx, "SET memory_limit = '"+limit+"'"); err != nil {
		return nil, fmt.Errorf("set memory_limit: %w", err)
	}
	return func() error {
		_, err := tx.Exec(context.WithoutCancel(ctx), "SET memory_limit = '"+strings.ReplaceAll(prev, "'", "''")+"'")
		return err
	}, nil
}

// consume loads the records arriving on out into tx: the format's table through
// streaming INSERTs (one per segment), other tables' records after each segment.
// It returns the rows stored in tables that count them (batch.CountsRows).
func (r *runner) consume(ctx context.Context, tx *store.Tx, table string, out <-chan batch.Batch) (int64, error) {
	schema := batch.Schema(table)
	if schema == nil {
		return 0, fmt.Errorf("format table %q has no Arrow schema", table)
	}
	var rows int64
	// Rows carry their line numbers, so DuckDB may insert them in any order; with
	// order preserved, its insert ran on one thread (61 vs 104 MB/s measured on a
	// 1 GB access log). The setting is global, so it is restored afterwards.
	if _, err := tx.Exec(ctx, "SET preserve_insertion_order = false"); err != nil {
		return 0, fmt.Errorf("load %s: %w", table, err)
	}
	defer func() {
		_, _ = tx.Exec(context.WithoutCancel(ctx), "RESET preserve_insertion_order")
	}()
	// DuckDB keeps the compressed blocks of the transaction's rows in memory
	// until it commits (its partial blocks: about 65 MB per GB of access log,
	// measured), so one big file would make the process grow without bound. Under
	// a memory limit it writes them out as it goes, as fast (3 GB log: peak RSS
	// 280 MB with a 100 MB limit, 430 MB and growing without). Also global, also
	// restored; an in-memory database has nowhere to write them. It is restored
	// by setting the value read before: DuckDB 1.1.2's RESET memory_limit changes
	// the value shown but leaves the limit in force (measured), which made every
	// later query in the process run under 256 MB.
	if r.db.Path() != "" {
		restore, err := limitMemory(ctx, tx, ingestMemoryLimit)
		if err != nil {
			r.log.Warn("could not limit DuckDB's memory for the load", "error", err)
		} else {
			defer func() {
				if err := restore(); err != nil {
					r.log.Warn("could not restore DuckDB's memory limit", "error", err)
				}
			}()
		}
	}
	for {
		seg := &segment{ctx: ctx, schema: schema, table: table, in: out}
		n, err := tx.LoadReader(ctx, table, seg)
		seg.drop()
		rows += n
		for _, b := range seg.stash {
			if err == nil {
				var m int64
				m, err = tx.Load(ctx, b.Table, b.Record)
				if batch.CountsRows(b.Table) {
					rows += m
				}
			}
			b.Record.Release()
		}
		if err != nil {
			if seg.err != nil {
				return rows, seg.err
			}
			return rows, err
		}
		if seg.closed {
			return rows, nil
		}
	}
}

// segment is the array.RecordReader DuckDB pulls the format's records from. It
// ends when the producers are done, or when enough records of other tables have
// been set aside that they should be loaded first (bounding memory).
type segment struct {
	ctx    context.Context
	schema *arrow.Schema
	table  string
	in     <-chan batch.Batch
	cur    arrow.Record
	stash  []batch.Batch
	held   int64
	closed bool
	err    error
}

func (s *segment) Retain()               {}
func (s *segment) Release()              {}
func (s *segment) Schema() *arrow.Schema { return s.schema }
func (s *segment) Record() arrow.Record  { return s.cur }
func (s *segment) Err() error            { return s.err }

func (s *segment) Next() bool {
	s.drop()
	if s.closed || s.err != nil {
		return false
	}
	for {
		select {
		case b, ok := <-s.in:
			if !ok {
				s.closed = true
				return false
			}
			if b.Table == s.table {
				s.cur = b.Record
				return true
			}
			s.stash = append(s.stash, b)
			s.held += b.Record.NumRows()
			if s.held >= stashRows {
				return false
			}
		case <-s.ctx.Done():
			s.err = s.ctx.Err()
			return false
		}
	}
}

func (s *segment) drop() {
	if s.cur != nil {
		s.cur.Release()
		s.cur = nil
	}
}

// document reads a whole-document format (format.Split): records are numbered
// from 1 and parsed in order by one worker. A document is read to its end.
func (r *runner) document(ctx context.Context, in *source.Input, format logs.Format, w *worker, tail *source.Tail, res *loaded) error {
	tee := io.TeeReader(in, tail)
	var n int64
	err := format.Split(tee, r.opts.MaxLineBytes, func(rec []byte, i int64) error {
		n = i
		w.line(rec, i, false)
		if err := w.maybeFlush(); err != nil {
			return err
		}
		return ctx.Err()
	})
	var le *logs.LineError
	switch {
	case errors.As(err, &le):
		// A broken document cannot be resynchronised: the rest is one reject.
		w.lines++
		n = le.Line
		w.reject(le.Line, le.Reason.Error(), []byte(le.Detail))
	case err != nil:
		return err
	}
	if _, err := io.Copy(io.Discard, tee); err != nil && !errors.Is(err, source.ErrTruncatedGzip) {
		return err
	}
	if r.opts.Progress != nil {
		r.opts.Progress(in.Offset())
	}
	res.offset, res.lines = in.Offset(), n
	return w.finish()
}

// defaultWorkers is the number of parse workers for formats whose lines are
// independent: one per CPU (DuckDB's own threads share the same CPUs).
func defaultWorkers() int { return runtime.GOMAXPROCS(0) }
