package source_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/ingest/source"
)

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// markOf is the mark of content that ends with b, computed directly: the
// SHA-256 of its last MarkBytes bytes.
func markOf(b []byte) string {
	if len(b) > source.MarkBytes {
		b = b[len(b)-source.MarkBytes:]
	}
	return source.Fingerprint(b)
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := w.Write(b)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "logs", "b.log"), []byte("x\n"))
	write(t, filepath.Join(dir, "logs", "a.log.gz"), gz(t, []byte("x\n")))
	write(t, filepath.Join(dir, "logs", "old", "c.log"), []byte("x\n"))
	write(t, filepath.Join(dir, "logs", ".hidden"), []byte("x\n"))
	write(t, filepath.Join(dir, "logs", ".git", "d.log"), []byte("x\n"))

	got, err := source.Expand([]string{filepath.Join(dir, "logs"), filepath.Join(dir, "logs", "*.log"), "-"})
	require.NoError(t, err)
	rel := func(p string) string {
		if p == "-" {
			return p
		}
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	}
	var names []string
	for _, p := range got {
		names = append(names, rel(p))
	}
	// A folder gives its files recursively and sorted, hidden ones left out; a
	// glob adds nothing already listed; "-" stays.
	require.Equal(t, []string{"logs/a.log.gz", "logs/b.log", "logs/old/c.log", "-"}, names)

	_, err = source.Expand([]string{filepath.Join(dir, "nope-*.log")})
	require.ErrorContains(t, err, "no files match")
	_, err = source.Expand([]string{filepath.Join(dir, "missing.log")})
	require.ErrorIs(t, err, os.ErrNotExist)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "empty"), 0o755))
	_, err = source.Expand([]string{filepath.Join(dir, "empty")})
	require.ErrorContains(t, err, "folder has no files")
}

// Gzip is recognised by its magic bytes, whatever the name; offsets and marks
// are of the decompressed content.
func TestOpenGzipByContentAndSkip(t *testing.T) {
	content := []byte(strings.Repeat("line of content\n", 1000)) // 16,000 bytes
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.log")
	packed := filepath.Join(dir, "named-like-plain.log")
	write(t, plain, content)
	write(t, packed, gz(t, content))

	for _, path := range []string{plain, packed} {
		in, err := source.Open(path)
		require.NoError(t, err)
		require.Equal(t, path == packed, in.Compressed, path)
		require.Equal(t, path == packed, in.Final, "gzip content cannot grow: %s", path)
		head, err := in.Peek(source.HeadBytes)
		require.NoError(t, err)
		require.Equal(t, content[:source.HeadBytes], head)

		tail, err := in.Skip(10000)
		require.NoError(t, err)
		require.Equal(t, markOf(content[:10000]), tail.Sum(), "mark at the offset: %s", path)
		rest, err := io.ReadAll(in)
		require.NoError(t, err)
		require.Equal(t, content[10000:], rest)
		require.NoError(t, in.Close())

		in, err = source.Open(path)
		require.NoError(t, err)
		_, err = in.Skip(int64(len(content)) + 1)
		require.ErrorContains(t, err, "before the ingested offset", path)
		require.NoError(t, in.Close())
	}
}

func TestTailKeepsTheLastBytes(t *testing.T) {
	content := bytes.Repeat([]byte("0123456789abcdef"), 700) // 11,200 bytes
	tl := source.NewTail()
	for i := 0; i < len(content); i += 333 {
		_, _ = tl.Write(content[i:min(i+333, len(content))])
	}
	require.Equal(t, source.Fingerprint(content[len(content)-source.MarkBytes:]), tl.Sum())
}

func chunks(t *testing.T, c *source.Chunker) []*source.Chunk {
	t.Helper()
	var out []*source.Chunk
	for {
		ch, err := c.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		cp := *ch
		cp.Data = append([]byte(nil), ch.Data...)
		out = append(out, &cp)
		c.Release(ch)
	}
}

// Chunks end after a newline, number lines exactly, and leave an unfinished last
// line of a plain file for the next run.
func TestChunkerLinesOffsetsAndPartialLine(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 500; i++ {
		b.WriteString(strings.Repeat("x", i%37) + "\n")
	}
	b.WriteString("unfinished")
	content := []byte(b.String())
	path := filepath.Join(t.TempDir(), "a.log")
	write(t, path, content)
	in, err := source.Open(path)
	require.NoError(t, err)
	defer in.Close()
	tail := source.NewTail()
	c := source.NewChunker(in, 0, tail, 1024, 0)
	got := chunks(t, c)
	require.Greater(t, len(got), 5, "small chunks")
	var joined []byte
	next := int64(1)
	for _, ch := range got {
		require.Nil(t, ch.Reason)
		require.Equal(t, byte('\n'), ch.Data[len(ch.Data)-1])
		require.Equal(t, next, ch.FirstLine)
		require.Equal(t, int64(len(joined)), ch.Offset)
		next += ch.Lines
		joined = append(joined, ch.Data...)
	}
	require.Equal(t, int64(501), next, "500 complete lines")
	require.Equal(t, content[:len(content)-len("unfinished")], joined)
	require.Equal(t, int64(len("unfinished")), c.Partial())
	require.Equal(t, int64(len(joined)), c.Offset())
	require.Equal(t, markOf(joined), tail.Sum())
}

// A truncated gzip stream yields its complete lines, then one chunk marked with
// ErrTruncatedGzip holding what was left of the last line.
func TestChunkerTruncatedGzip(t *testing.T) {
	content := []byte(strings.Repeat("a complete line of text\n", 4000))
	packed := gz(t, content)
	path := filepath.Join(t.TempDir(), "cut.log.gz")
	write(t, path, packed[:len(packed)/2])
	in, err := source.Open(path)
	require.NoError(t, err)
	defer in.Close()
	got := chunks(t, source.NewChunker(in, 0, source.NewTail(), 0, 0))
	require.NotEmpty(t, got)
	last := got[len(got)-1]
	require.ErrorIs(t, last.Reason, source.ErrTruncatedGzip)
	var whole []byte
	for _, ch := range got[:len(got)-1] {
		require.Nil(t, ch.Reason)
		whole = append(whole, ch.Data...)
	}
	require.True(t, bytes.HasPrefix(content, whole), "the lines before the damage are the file's own")
	require.Greater(t, len(whole), 1000)
}

// A line over the limit comes out as one chunk with ErrLineTooLong holding its
// first bytes; the lines after it are unaffected.
func TestChunkerLineTooLong(t *testing.T) {
	content := []byte("short 1\n" + strings.Repeat("y", 5000) + "\nshort 3\n")
	path := filepath.Join(t.TempDir(), "long.log")
	write(t, path, content)
	in, err := source.Open(path)
	require.NoError(t, err)
	defer in.Close()
	got := chunks(t, source.NewChunker(in, 0, source.NewTail(), 1024, 2000))
	var lines []string
	for _, ch := range got {
		if ch.Reason != nil {
			require.ErrorIs(t, ch.Reason, source.ErrLineTooLong)
			require.Len(t, ch.Data, 2000)
			lines = append(lines, "too long")
			continue
		}
		for _, l := range strings.SplitAfter(string(ch.Data), "\n") {
			if l != "" {
				lines = append(lines, strings.TrimSuffix(l, "\n"))
			}
		}
	}
	require.Equal(t, []string{"short 1", "too long", "short 3"}, lines)
}
