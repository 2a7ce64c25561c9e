package ingest

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"

	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/ingest/batch"
	"outagelens/ingest/logs"
	"outagelens/ingest/source"
)

// Options configure a log ingest. The zero value detects formats, assigns services
// by the default catalog's rules and reads naive times as UTC.
type Options struct {
	// Format names a logs.Format for every file; "" detects it per file.
	Format string
	// Service assigns every line of every file to this service id.
	Service string
	// Location is where naive timestamps were written (--tz).
	Location *time.Location
	// Force re-reads sources already ingested, replacing their rows.
	Force bool
	// Catalog supplies service rules and event rules; nil means catalog.Default().
	Catalog *catalog.Catalog
	// JSON maps JSON-lines keys.
	JSON logs.JSONMapping
	// BatchRows is how many rows are built before a batch goes to DuckDB; 0 means 65536.
	BatchRows int
	// MaxLineBytes is the longest line kept; longer lines are rejected. 0 means 1 MiB.
	MaxLineBytes int
	// Progress, when set, is told how many content bytes were read, as they are.
	Progress func(n int64)
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
	// Allocator is where Arrow memory comes from; nil means the Go allocator.
	Allocator memory.Allocator
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// File statuses.
const (
	StatusIngested  = "ingested"  // new content, read in full
	StatusAppended  = "appended"  // known content that had grown: only the new part was read
	StatusUnchanged = "unchanged" // known content, nothing new
	StatusReplaced  = "replaced"  // known content re-read with Force
	StatusFailed    = "failed"
)

// FileResult says what happened to one input.
type FileResult struct {
	Path            string           `json:"path"`
	SourceID        int64            `json:"source_id,omitempty"`
	Format          string           `json:"format,omitempty"`
	Status          string           `json:"status"`
	Note            string           `json:"note,omitempty"`
	Bytes           int64            `json:"bytes"` // content bytes read in this run
	Lines           int64            `json:"lines"`
	Rows            int64            `json:"rows"`
	Rejects         int64            `json:"rejects"`
	RejectsByReason map[string]int64 `json:"rejects_by_reason,omitempty"`
	PartialBytes    int64            `json:"partial_bytes,omitempty"` // an unfinished last line left for the next run
	Error           string           `json:"error,omitempty"`
	ElapsedSeconds  float64          `json:"elapsed_seconds"`
}

// RejectRate returns the share of this run's lines that were rejected.
func (f FileResult) RejectRate() float64 {
	if f.Lines == 0 {
		return 0
	}
	return float64(f.Rejects) / float64(f.Lines)
}

// Summary totals an ingest.
type Summary struct {
	Files          []FileResult `json:"files"`
	Bytes          int64        `json:"bytes"`
	Lines          int64        `json:"lines"`
	Rows           int64        `json:"rows"`
	Rejects        int64        `json:"rejects"`
	ElapsedSeconds float64      `json:"elapsed_seconds"`
}

// MBPerSecond returns the content read rate of the whole run.
func (s Summary) MBPerSecond() float64 {
	if s.ElapsedSeconds <= 0 {
		return 0
	}
	return float64(s.Bytes) / 1e6 / s.ElapsedSeconds
}

// Logs ingests every path (see source.Expand for what a path may be). A file that
// fails does not stop the others; their errors are joined in the result.
func Logs(ctx context.Context, db *store.DB, paths []string, opts Options) (Summary, error) {
	start := time.Now()
	r, err := newRunner(db, opts)
	if err != nil {
		return Summary{}, err
	}
	files, err := source.Expand(paths)
	if err != nil {
		return Summary{}, fmt.Errorf("ingest: %w", err)
	}
	var sum Summary
	var errs []error
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		t0 := time.Now()
		res, err := r.file(ctx, path)
		res.Path = path
		res.ElapsedSeconds = time.Since(t0).Seconds()
		if err != nil {
			res.Status, res.Error = StatusFailed, err.Error()
			errs = append(errs, fmt.Errorf("ingest %s: %w", path, err))
		}
		r.log.Info("ingested", "path", path, "status", res.Status, "lines", res.Lines, "rows", res.Rows, "rejects", res.Rejects)
		sum.Files = append(sum.Files, res)
		sum.Bytes += res.Bytes
		sum.Lines += res.Lines
		sum.Rows += res.Rows
		sum.Rejects += res.Rejects
	}
	sum.ElapsedSeconds = time.Since(start).Seconds()
	return sum, errors.Join(errs...)
}

type runner struct {
	db      *store.DB
	opts    Options
	log     *slog.Logger
	cat     *catalog.Catalog
	match   *catalog.Matcher
	classes *catalog.Classifier
	format  *logs.Format
}

func newRunner(db *store.DB, opts Options) (*runner, error) {
	r := &runner{db: db, opts: opts, log: opts.Logger, cat: opts.Catalog}
	if r.log == nil {
		r.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if r.cat == nil {
		r.cat = catalog.Default()
	}
	if opts.Service != "" {
		if _, ok := r.cat.Service(opts.Service); !ok && opts.Service != catalog.Unknown {
			return nil, fmt.Errorf("ingest: service %q is not in the catalog", opts.Service)
		}
	}
	if opts.Format != "" {
		f, err := logs.Lookup(opts.Format)
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		r.format = &f
	}
	if r.opts.BatchRows <= 0 {
		r.opts.BatchRows = 1 << 16
	}
	if r.opts.MaxLineBytes <= 0 {
		r.opts.MaxLineBytes = 1 << 20
	}
	if r.opts.Allocator == nil {
		r.opts.Allocator = memory.NewGoAllocator()
	}
	if r.opts.Now == nil {
		r.opts.Now = time.Now
	}
	r.match = r.cat.Matcher()
	r.classes = r.cat.Classifier()
	return r, nil
}

// known is a stored source.
type known struct {
	id      int64
	path    string
	format  string
	service sql.NullString
	offset  int64
	mark    string
	lines   int64
}

// lookup finds the stored source whose fingerprint matches the start of head:
// sources are fingerprinted over their first HeadBytes, or their whole content when
// shorter, so each stored length is tried. The longest match wins.
func (r *runner) lookup(ctx context.Context, head []byte) (*known, error) {
	rows, err := r.db.Query(ctx, `SELECT source_id, path, format, service_id, offset_bytes, mark_sha256, lines, head_bytes, head_sha256
		FROM sources WHERE kind = 'logs' AND head_bytes <= ? ORDER BY head_bytes DESC, source_id`, len(head))
	if err != nil {
		return nil, fmt.Errorf("look up source: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k known
		var headBytes int64
		var headSHA string
		if err := rows.Scan(&k.id, &k.path, &k.format, &k.service, &k.offset, &k.mark, &k.lines, &headBytes, &headSHA); err != nil {
			return nil, fmt.Errorf("look up source: %w", err)
		}
		if source.Fingerprint(head[:headBytes]) == headSHA {
			return &k, nil
		}
	}
	return nil, rows.Err()
}

func (r *runner) file(ctx context.Context, path string) (res FileResult, err error) {
	in, err := source.Open(path)
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, in.Close()) }()

	head, err := in.Peek(source.HeadBytes)
	if err != nil {
		return res, err
	}
	if len(head) == 0 {
		return res, errors.New("empty")
	}
	head = append([]byte(nil), head...)
	k, err := r.lookup(ctx, head)
	if err != nil {
		return res, err
	}

	var format logs.Format
	startLine := int64(0)
	tail := source.NewTail()
	status := StatusIngested
	if k != nil {
		res.SourceID, res.Format = k.id, k.format
		if r.opts.Service != "" && k.service.String != r.opts.Service {
			return res, fmt.Errorf("already ingested as %s with service %q; use --force to re-read it with --service %s", k.path, k.service.String, r.opts.Service)
		}
		if r.format != nil && r.format.Name != k.format {
			return res, fmt.Errorf("already ingested as %s in format %s; use --force to re-read it as %s", k.path, k.format, r.format.Name)
		}
		if format, err = logs.Lookup(k.format); err != nil {
			return res, err
		}
		switch {
		case r.opts.Force:
			status = StatusReplaced
		default:
			t, err := in.Skip(k.offset)
			if err != nil || t.Sum() != k.mark {
				// Same first bytes, different content: another file, not a continuation.
				r.log.Info("same start as a known source but different content: a new source", "path", path, "known", k.path)
				k = nil
				if err := in.Close(); err != nil {
					return res, err
				}
				if in, err = source.Open(path); err != nil {
					return res, err
				}
				res.SourceID, res.Format = 0, ""
				break
			}
			more, err := in.Peek(1)
			if err != nil {
				return res, err
			}
			if len(more) == 0 {
				res.Status, res.Note = StatusUnchanged, fmt.Sprintf("already ingested (as %s)", k.path)
				return res, nil
			}
			status, startLine, tail = StatusAppended, k.lines, t
		}
	}
	if k == nil {
		if r.format != nil {
			format = *r.format
		} else {
			sample, err := in.Peek(64 << 10)
			if err != nil {
				return res, err
			}
			if in.Final && len(sample) < 64<<10 && !bytes.HasSuffix(sample, []byte("\n")) {
				sample = append(append([]byte(nil), sample...), '\n')
			}
			if format, err = logs.Detect(sample, r.parserOptions(in.Name(), path)); err != nil {
				return res, err
			}
		}
		res.Format = format.Name
	}

	err = r.db.Write(ctx, func(tx *store.Tx) error {
		id := int64(0)
		if k != nil {
			id = k.id
		}
		if id == 0 {
			if err := tx.QueryRow(ctx, "SELECT nextval('source_ids')").Scan(&id); err != nil {
				return fmt.Errorf("new source id: %w", err)
			}
		}
		if status == StatusReplaced {
			if err := deleteSourceRows(ctx, tx, id); err != nil {
				return err
			}
		}
		res.SourceID = id
		st, err := r.parse(ctx, tx, in, format, id, startLine, tail, path, &res)
		if err != nil {
			return err
		}
		return r.saveSource(ctx, tx, k, id, path, format.Name, head, &res, st, status == StatusReplaced)
	})
	if err != nil {
		res.Rows, res.Rejects, res.Lines = 0, 0, 0
		return res, err
	}
	res.Status = status
	if status == StatusReplaced {
		res.Note = "replaced the rows of " + k.path
	}
	return res, nil
}

// deleteSourceRows removes every row a source contributed, for Force.
func deleteSourceRows(ctx context.Context, tx *store.Tx, id int64) error {
	for _, t := range batch.Tables {
		if _, err := tx.Exec(ctx, "DELETE FROM "+store.QuoteIdent(t.Name)+" WHERE source_id = ?", id); err != nil {
			return fmt.Errorf("replace source %d: %w", id, err)
		}
	}
	return nil
}

// parseState is where a parse ended.
type parseState struct {
	offset int64 // content offset after the last committed line
	mark   string
	lines  int64
}

func (r *runner) parserOptions(name, path string) logs.Options {
	o := logs.Options{Location: r.opts.Location, JSON: r.opts.JSON, Classify: r.classes.Classify}
	forced := r.opts.Service
	if forced == "" {
		forced = r.match.ForFile(name)
	}
	cat, match := r.cat, r.match
	o.Service = func(host, urlPath []byte, declared string) string {
		if r.opts.Service != "" {
			return r.opts.Service
		}
		if declared != "" {
			if _, ok := cat.Service(declared); ok {
				return declared
			}
		}
		if forced != "" {
			return forced
		}
		return match.ForLine(string(host), string(urlPath))
	}
	return o
}

// parse reads in from its current offset to the end, loading rows and rejects
// batch by batch in tx. tail holds the content before the current offset and is
// kept up to date, so the mark at the end is its Sum.
func (r *runner) parse(ctx context.Context, tx *store.Tx, in *source.Input, format logs.Format,
	id, startLine int64, tail *source.Tail, path string, res *FileResult) (parseState, error) {
	set := batch.NewSet(r.opts.Allocator, id)
	defer set.Release()
	parser := format.New(r.parserOptions(in.Name(), path))
	rd := bufio.NewReaderSize(in, 256<<10)
	begin := in.Offset()
	st := parseState{offset: begin, lines: startLine}
	reasons := map[string]int64{}
	lineNo := startLine
	var long []byte // a line longer than the reader's buffer, assembled
	reported := in.Offset()

	flush := func() error {
		for _, b := range set.Flush() {
			n, err := tx.Load(ctx, b.Table, b.Record)
			b.Record.Release()
			if err != nil {
				return err
			}
			if b.Table != "rejects" {
				res.Rows += n
			}
		}
		if r.opts.Progress != nil {
			r.opts.Progress(in.Offset() - reported)
			reported = in.Offset()
		}
		return ctx.Err()
	}
	handle := func(line []byte) {
		lineNo++
		res.Lines++
		body := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		var perr error
		switch {
		case len(line) > r.opts.MaxLineBytes:
			perr = &logs.LineError{Line: lineNo, Reason: logs.ErrTooLong, Detail: fmt.Sprintf("%d bytes", len(line))}
		case bytes.IndexByte(body, 0) >= 0:
			perr = &logs.LineError{Line: lineNo, Reason: logs.ErrBinary}
		case len(bytes.TrimSpace(body)) == 0:
			lineNo-- // blank lines are not counted or stored
			res.Lines--
		default:
			perr = parser.Parse(body, lineNo, set)
		}
		if perr != nil {
			reason := perr.Error()
			var le *logs.LineError
			if errors.As(perr, &le) {
				reason = le.Reason.Error()
			}
			set.Rejects.Append(lineNo, reason, body)
			reasons[reason]++
			res.Rejects++
		}
	}
	for {
		chunk, err := rd.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(long) <= r.opts.MaxLineBytes {
				long = append(long, chunk...)
			}
			continue
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
		}
		if err == nil {
			handle(line)
			tail.Write(chunk)
			st.offset += int64(len(chunk) + len(long))
			long = nil
			if set.Rows() >= r.opts.BatchRows {
				if err := flush(); err != nil {
					return st, err
				}
			}
			continue
		}
		if err != io.EOF {
			if errors.Is(err, source.ErrTruncatedGzip) {
				// Keep the complete lines before the damage; the rest is reported.
				set.Rejects.Append(lineNo+1, source.ErrTruncatedGzip.Error(), line)
				reasons[source.ErrTruncatedGzip.Error()]++
				res.Rejects++
				r.log.Warn("truncated gzip stream", "path", path, "after_line", lineNo)
				break
			}
			return st, err
		}
		if len(line) > 0 {
			if in.Final {
				handle(line)
				tail.Write(line)
				st.offset += int64(len(line))
			} else {
				res.PartialBytes = int64(len(line))
			}
		}
		break
	}
	if err := flush(); err != nil {
		return st, err
	}
	st.lines = lineNo
	res.Bytes = st.offset - begin
	if len(reasons) > 0 {
		res.RejectsByReason = reasons
	}
	st.mark = tail.Sum()
	return st, nil
}

func (r *runner) saveSource(ctx context.Context, tx *store.Tx, k *known, id int64, path, format string,
	head []byte, res *FileResult, st parseState, replace bool) error {
	now := r.opts.Now().UTC()
	if k != nil {
		q := `UPDATE sources SET path = $1, offset_bytes = $2, mark_sha256 = $3, lines = $4,
			rows = rows + $5, rejects = rejects + $6, last_ingested = $7 WHERE source_id = $8`
		if replace {
			q = `UPDATE sources SET path = $1, offset_bytes = $2, mark_sha256 = $3, lines = $4,
			rows = $5, rejects = $6, last_ingested = $7 WHERE source_id = $8`
		}
		if _, err := tx.Exec(ctx, q, path, st.offset, st.mark, st.lines, res.Rows, res.Rejects, now, id); err != nil {
			return fmt.Errorf("update source: %w", err)
		}
		return nil
	}
	if len(head) > int(st.offset) && st.offset > 0 {
		head = head[:st.offset] // fingerprint only what was committed
	}
	var service any
	if r.opts.Service != "" {
		service = r.opts.Service
	}
	_, err := tx.Exec(ctx, `INSERT INTO sources (source_id, kind, path, format, service_id, head_sha256, head_bytes,
		offset_bytes, mark_sha256, lines, rows, rejects, first_ingested, last_ingested)
		VALUES (?, 'logs', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, path, format, service, source.Fingerprint(head), len(head), st.offset, st.mark, st.lines, res.Rows, res.Rejects, now, now)
	if err != nil {
		return fmt.Errorf("record source: %w", err)
	}
	return nil
}
