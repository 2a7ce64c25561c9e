package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Stdin is the path that names standard input.
const Stdin = "-"

// HeadBytes is how much of the content the fingerprint covers; shorter content is
// fingerprinted whole.
const HeadBytes = 4096

// MarkBytes is how much content before the committed offset the mark covers.
const MarkBytes = 4096

// bufSize is the read buffer: large enough for Peek(HeadBytes) and detection
// samples (64 KiB), and smaller than a chunk, so that reading a chunk of a plain
// file goes straight from the file into the chunk instead of through this buffer
// (that second copy was 2.5% of an ingest's CPU time).
const bufSize = 64 << 10

// Expand turns command-line arguments into input paths, in order: "-" stays as
// is, a folder gives its regular files (recursively, sorted, hidden ones skipped),
// a glob gives its matches. Anything that names nothing is an error.
func Expand(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, a := range args {
		if a == Stdin {
			add(a)
			continue
		}
		matches := []string{a}
		if strings.ContainsAny(a, "*?[") {
			m, err := filepath.Glob(a)
			if err != nil {
				return nil, fmt.Errorf("glob %q: %w", a, err)
			}
			if len(m) == 0 {
				return nil, fmt.Errorf("%s: no files match", a)
			}
			matches = m
		}
		for _, p := range matches {
			fi, err := os.Stat(p)
			if err != nil {
				return nil, err
			}
			if !fi.IsDir() {
				add(p)
				continue
			}
			var files []string
			err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if strings.HasPrefix(d.Name(), ".") && path != p {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.Type().IsRegular() {
					files = append(files, path)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			if len(files) == 0 {
				return nil, fmt.Errorf("%s: folder has no files", p)
			}
			sort.Strings(files)
			for _, f := range files {
				add(f)
			}
		}
	}
	return out, nil
}

// Input is an opened source: its content, decompressed.
type Input struct {
	// Path is the path as given ("-" for standard input).
	Path string
	// Compressed reports gzip content (recognised by its magic bytes, not its name).
	Compressed bool
	// Final reports content that cannot grow (gzip, standard input): its last line
	// counts even without a final newline.
	Final bool
	// Size is the size of the file on disk, -1 for standard input.
	Size int64
	// ModTime is the file's modification time, zero for standard input: formats
	// that omit the year infer it from here.
	ModTime time.Time

	f      *os.File
	gz     *gzip.Reader
	r      *bufio.Reader
	offset int64 // content bytes consumed
}

// Open opens path ("-" for standard input), recognising gzip by its magic bytes.
// Its own errors, like those of Skip, do not repeat the path: callers name it
// ("ingest PATH: ...").
func Open(path string) (*Input, error) {
	in := &Input{Path: path, Size: -1}
	if path == Stdin {
		f, size, err := spool(os.Stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		in.f, in.Size, in.Final = f, size, true
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		fi, err := f.Stat()
		if err != nil {
			return nil, errors.Join(err, f.Close())
		}
		if !fi.Mode().IsRegular() {
			return nil, errors.Join(errors.New("not a regular file"), f.Close())
		}
		in.f, in.Size, in.ModTime = f, fi.Size(), fi.ModTime()
	}
	raw := bufio.NewReaderSize(in.f, bufSize)
	magic, _ := raw.Peek(2)
	if bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(raw)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("gzip header: %w", err), in.Close())
		}
		in.gz, in.Compressed, in.Final = gz, true, true
		in.r = bufio.NewReaderSize(gz, bufSize)
	} else {
		in.r = raw
	}
	return in, nil
}

// Name returns the base name that catalog file rules match.
func (in *Input) Name() string {
	if in.Path == Stdin {
		return "stdin"
	}
	return filepath.Base(in.Path)
}

// Peek returns up to n bytes at the current position without consuming them
// (fewer only at the end of the content). n must not exceed 64 KiB.
func (in *Input) Peek(n int) ([]byte, error) {
	b, err := in.r.Peek(n)
	if err == io.EOF || errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	return b, wrapGzip(in, err)
}

// Offset returns how many content bytes have been consumed.
func (in *Input) Offset() int64 { return in.offset }

// Read reads content.
func (in *Input) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	in.offset += int64(n)
	return n, wrapGzip(in, err)
}

// Skip consumes content up to offset and returns the Tail there, whose Sum is
// the mark at offset; writing the content that follows to it keeps it current. It
// fails if the content is shorter.
func (in *Input) Skip(offset int64) (*Tail, error) {
	if offset < in.offset {
		return nil, fmt.Errorf("skip to %d: already at %d", offset, in.offset)
	}
	// Plain files seek; compressed content is read through.
	if in.gz == nil && offset > MarkBytes {
		if offset > in.Size {
			return nil, fmt.Errorf("content ends at %d bytes, before the ingested offset %d", in.Size, offset)
		}
		if _, err := in.f.Seek(offset-MarkBytes, io.SeekStart); err != nil {
			return nil, err
		}
		in.r.Reset(in.f)
		in.offset = offset - MarkBytes
	}
	ring := NewTail()
	if _, err := io.CopyN(ring, in, offset-in.offset); err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("content ends before the ingested offset %d", offset)
		}
		return nil, err
	}
	return ring, nil
}

// Close closes the input.
func (in *Input) Close() error {
	// gzip's Close only repeats the stream's read error (io.ErrUnexpectedEOF for
	// a truncated file), which Read has already reported as ErrTruncatedGzip.
	if in.f != nil {
		return in.f.Close()
	}
	return nil
}

// spool copies r into an unlinked temporary file, so standard input can be read
// twice (fingerprint, then content) and skipped like a file, in bounded memory.
func spool(r io.Reader) (*os.File, int64, error) {
	f, err := os.CreateTemp("", "outagelens-stdin-*")
	if err != nil {
		return nil, 0, err
	}
	// Unlinked at once: the data lives until the file is closed.
	if err := os.Remove(f.Name()); err != nil {
		return nil, 0, errors.Join(err, f.Close())
	}
	n, err := io.Copy(f, r)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		return nil, 0, errors.Join(err, f.Close())
	}
	return f, n, nil
}

// ErrTruncatedGzip reports a gzip stream that ends early: the complete lines read
// before the damage are kept and the rest is missing.
var ErrTruncatedGzip = errors.New("truncated gzip stream")

func wrapGzip(in *Input, err error) error {
	if err != nil && in.gz != nil && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum)) {
		return fmt.Errorf("%w after %d bytes of content: %v", ErrTruncatedGzip, in.offset, err)
	}
	return err
}

// Fingerprint returns the SHA-256 (hex) of head.
func Fingerprint(head []byte) string {
	s := sha256.Sum256(head)
	return hex.EncodeToString(s[:])
}

// Tail keeps the last MarkBytes bytes written to it, to compute a mark.
type Tail struct {
	buf  []byte
	n    int
	full bool
	pos  int
}

// NewTail returns an empty Tail.
func NewTail() *Tail { return &Tail{buf: make([]byte, MarkBytes), n: MarkBytes} }

// Write keeps the end of p.
func (t *Tail) Write(p []byte) (int, error) {
	w := len(p)
	if len(p) >= t.n {
		copy(t.buf, p[len(p)-t.n:])
		t.pos, t.full = 0, true
		return w, nil
	}
	for len(p) > 0 {
		c := copy(t.buf[t.pos:], p)
		p = p[c:]
		t.pos += c
		if t.pos == t.n {
			t.pos, t.full = 0, true
		}
	}
	return w, nil
}

func (t *Tail) bytes() []byte {
	if !t.full {
		return t.buf[:t.pos]
	}
	return append(append([]byte{}, t.buf[t.pos:]...), t.buf[:t.pos]...)
}

// Sum returns the mark of everything written so far.
func (t *Tail) Sum() string { return Fingerprint(t.bytes()) }
