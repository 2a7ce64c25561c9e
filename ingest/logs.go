package ingest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"
	"unsafe"

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
	// BatchRows is how many rows a worker builds before its batch goes to DuckDB;
	// 0 means 65536.
	BatchRows int
	// MaxLineBytes is the longest line kept; longer lines are rejected. 0 means 1 MiB.
	MaxLineBytes int
	// Workers is how many goroutines parse a file whose lines are independent;
	// 0 means one per CPU.
	Workers int
	// ChunkBytes is how much content a worker takes at a time; 0 means 256 KiB.
	ChunkBytes int
	// Progress, when set, is told how many content bytes were read, as they are.
	Progress func(n int64)
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
	// Allocator is where Arrow memory comes from; nil means a batch.Pool.
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
	if r.opts.Workers <= 0 {
		r.opts.Workers = defaultWorkers()
	}
	if r.opts.Allocator == nil {
		r.opts.Allocator = batch.NewPool()
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
// shorter, so each stored length is tried. The longest match wins. Rows come by
// length, and most sources share one (HeadBytes): head is hashed once per length,
// not once per stored source.
func (r *runner) lookup(ctx context.Context, head []byte) (*known, error) {
	rows, err := r.db.Query(ctx, `SELECT source_id, path, format, service_id, offset_bytes, mark_sha256, lines, head_bytes, head_sha256
		FROM sources WHERE kind = 'logs' AND head_bytes <= ? ORDER BY head_bytes DESC, source_id`, len(head))
	if err != nil {
		return nil, fmt.Errorf("look up source: %w", err)
	}
	defer rows.Close()
	sumBytes, sum := int64(-1), ""
	for rows.Next() {
		var k known
		var headBytes int64
		var headSHA string
		if err := rows.Scan(&k.id, &k.path, &k.format, &k.service, &k.offset, &k.mark, &k.lines, &headBytes, &headSHA); err != nil {
			return nil, fmt.Errorf("look up source: %w", err)
		}
		if headBytes != sumBytes {
			sumBytes, sum = headBytes, source.Fingerprint(head[:headBytes])
		}
		if sum == headSHA {
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
		if r.opts.Force {
			status = StatusReplaced
		} else {
			t, err := in.Skip(k.offset)
			same := err == nil && t.Sum() == k.mark
			var more []byte
			if same {
				more, err = in.Peek(1)
				if errors.Is(err, source.ErrTruncatedGzip) {
					more, err = nil, nil // the damage was reported when the rest was read
				}
				if err != nil {
					return res, err
				}
			}
			switch {
			case same && len(more) == 0:
				res.Status, res.Note = StatusUnchanged, fmt.Sprintf("already ingested (as %s)", k.path)
				return res, nil
			case same && format.Split == nil:
				status, startLine, tail = StatusAppended, k.lines, t
			case format.Split != nil:
				// A document that changed is re-read whole, replacing its rows.
				status = StatusReplaced
			default:
				// Same first bytes, different content: another file, not a continuation.
				r.log.Info("same start as a known source but different content: a new source", "path", path, "known", k.path)
				k = nil
				res.SourceID, res.Format = 0, ""
			}
		}
		if status == StatusReplaced || k == nil {
			if err := in.Close(); err != nil {
				return res, err
			}
			if in, err = source.Open(path); err != nil {
				return res, err
			}
		}
	}
	if in.Offset() == 0 {
		// A UTF-8 byte-order mark (Windows tools write one) comes before the first
		// line, not in it: a JSON document or a JSON line would not parse with it,
		// and an access log's first client would keep it.
		if b, err := in.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
			if tail, err = in.Skip(int64(len(utf8BOM))); err != nil {
				return res, err
			}
		}
	}
	if k == nil {
		if r.format != nil {
			format = *r.format
		} else {
			sample, err := in.Peek(64 << 10)
			if err != nil && !errors.Is(err, source.ErrTruncatedGzip) {
				return res, err
			}
			if in.Final && len(sample) < 64<<10 && !bytes.HasSuffix(sample, []byte("\n")) {
				sample = append(append([]byte(nil), sample...), '\n')
			}
			if format, err = logs.Detect(sample, r.parserOptions(in)); err != nil {
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
		ks, err := loadKeys(ctx, tx)
		if err != nil {
			return err
		}
		begin := in.Offset()
		st, err := r.pipeline(ctx, tx, in, format, r.parserOptions(in), id, ks, startLine, tail)
		if err != nil {
			return err
		}
		res.Lines, res.Rows, res.Rejects = st.stats.lines, st.rows, st.rejects
		res.Bytes = st.offset - begin
		res.PartialBytes = st.partial
		if len(st.reasons) > 0 {
			res.RejectsByReason = st.reasons
		}
		return r.saveSource(ctx, tx, k, id, path, format.Name, head, st, tail.Sum(), status == StatusReplaced)
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

var utf8BOM = []byte("\ufeff")

// deleteSourceRows removes every row a source contributed, for Force (service
// keys belong to no source and stay).
func deleteSourceRows(ctx context.Context, tx *store.Tx, id int64) error {
	for _, t := range batch.Tables {
		if len(t.Schema.FieldIndices("source_id")) == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, "DELETE FROM "+store.QuoteIdent(t.Name)+" WHERE source_id = ?", id); err != nil {
			return fmt.Errorf("replace source %d: %w", id, err)
		}
	}
	return nil
}

// parserOptions are the logs.Options for the file behind in.
func (r *runner) parserOptions(in *source.Input) logs.Options {
	o := logs.Options{Location: r.opts.Location, JSON: r.opts.JSON, Classify: r.classes.Classify, Reference: in.ModTime}
	if o.Reference.IsZero() {
		o.Reference = r.opts.Now()
	}
	forced := r.opts.Service
	if forced == "" {
		forced = r.match.ForFile(in.Name())
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
		// ForLine only compares its arguments and keeps neither, so the bytes are
		// passed without a copy: this runs for every access-log line.
		return match.ForLine(unsafeString(host), unsafeString(urlPath))
	}
	return o
}

// unsafeString views b as a string without copying; b must not change while the
// string is in use.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func (r *runner) saveSource(ctx context.Context, tx *store.Tx, k *known, id int64, path, format string,
	head []byte, st loaded, mark string, replace bool) error {
	now := r.opts.Now().UTC()
	if k != nil {
		q := `UPDATE sources SET path = $1, offset_bytes = $2, mark_sha256 = $3, lines = $4,
			rows = rows + $5, rejects = rejects + $6, last_ingested = $7 WHERE source_id = $8`
		if replace {
			q = `UPDATE sources SET path = $1, offset_bytes = $2, mark_sha256 = $3, lines = $4,
			rows = $5, rejects = $6, last_ingested = $7 WHERE source_id = $8`
		}
		if _, err := tx.Exec(ctx, q, path, st.offset, mark, st.lines, st.rows, st.rejects, now, id); err != nil {
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
		id, path, format, service, source.Fingerprint(head), len(head), st.offset, mark, st.lines, st.rows, st.rejects, now, now)
	if err != nil {
		return fmt.Errorf("record source: %w", err)
	}
	return nil
}
