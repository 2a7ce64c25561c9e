package demo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
)

// output is one generated file: gzip-compressed on disk, hashed and counted as
// it is written (the hash and counts are of the decompressed content).
type output struct {
	path  string
	f     *os.File
	zw    *gzip.Writer
	bw    *bufio.Writer
	sum   hash.Hash
	lines int64
	bytes int64
	err   error
}

func create(dir, name string) (*output, error) {
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	// A zero Header (no name, zero ModTime) keeps the .gz bytes stable too.
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return &output{path: path, f: f, zw: zw, bw: bufio.NewWriterSize(zw, 256<<10), sum: sha256.New()}, nil
}

// Write adds p to the decompressed content. After an error it writes nothing
// and returns that error again.
func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	o.sum.Write(p)
	o.lines += int64(bytes.Count(p, []byte{'\n'}))
	o.bytes += int64(len(p))
	n, err := o.bw.Write(p)
	if err != nil {
		o.err = fmt.Errorf("write %s: %w", o.path, err)
	}
	return n, o.err
}

// Close finishes the gzip stream and the file and fills in what the manifest
// says about it.
func (o *output) Close(info *File) error {
	if o.err != nil {
		return errors.Join(o.err, o.f.Close())
	}
	err := o.bw.Flush()
	if err2 := o.zw.Close(); err == nil {
		err = err2
	}
	if err2 := o.f.Close(); err == nil {
		err = err2
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", o.path, err)
	}
	info.Lines = o.lines
	info.Bytes = o.bytes
	info.SHA256 = hex.EncodeToString(o.sum.Sum(nil))
	return nil
}
