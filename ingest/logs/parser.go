package logs

import (
	"errors"
	"fmt"
	"io"
	"time"

	"outagelens/ingest/batch"
)

// A Parser turns one line (or one record of a document format) of its format into
// rows of b: usually one row; a status snapshot may give one per component; a
// continuation line folded into the previous event gives none.
//
// line excludes the newline (and a carriage return before it) and is valid only
// during the call: Parse copies what it keeps. A line it cannot parse returns a
// *LineError with lineNo and appends nothing. A Parser is used by one goroutine
// at a time; a Format whose lines depend on earlier lines (a header, an inferred
// year, continuation lines) is read by one Parser from the first line on.
type Parser interface {
	Parse(line []byte, lineNo int64, b *batch.Set) error
}

// A Flusher is a Parser that holds back a row until it knows the row is complete
// (an event whose message may continue on the next lines). Flush appends what it
// holds; the runner calls it once, after the last line.
type Flusher interface {
	Flush(b *batch.Set) error
}

// A Splitter reads a whole document from r and calls yield with each record and
// its number, from 1, in order; rec is valid only during the call. A record longer
// than maxRecord bytes is passed on truncated, for the parser to reject. A
// document that breaks off returns a *LineError numbered like the record that
// would have come next; the records before it have been yielded. An error from
// yield stops the split and is returned.
type Splitter func(r io.Reader, maxRecord int, yield func(rec []byte, n int64) error) error

// Format is one supported log format.
type Format struct {
	// Name is what --format takes and what sources.format stores.
	Name string
	// Description says what the format is, for --help.
	Description string
	// Table is the table the format's rows go to.
	Table string
	// Independent reports that lines parse alone, so a file may be split between
	// workers. Formats with a header or a year carried between lines are not.
	Independent bool
	// Split, when set, makes this a document format: the content is read as a
	// whole (a JSON array, say) and cut into records by Split instead of lines;
	// rejects are numbered by record. A document is one unit: if its content
	// changes, the next run re-reads it whole and replaces its rows.
	Split Splitter
	// New returns a parser.
	New func(opts Options) Parser
}

// Options configure parsers. The zero value reads naive times as UTC, puts every
// line in catalog.Unknown and classifies nothing.
type Options struct {
	// Location is where naive timestamps (no offset in the line) were written.
	Location *time.Location
	// Service assigns a line to a service from what the line says: its host, URL
	// path and declared service name (any may be empty).
	Service func(host, path []byte, declared string) string
	// Classify names the event a message reports ("" for none).
	Classify func(service, message string) string
	// JSON maps JSON-lines keys to event fields; the zero value recognises common names.
	JSON JSONMapping
	// Reference is a time near the end of the file (its modification time), for
	// formats that omit the year.
	Reference time.Time
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o Options) service(host, path []byte, declared string) string {
	if o.Service == nil {
		return "unknown"
	}
	return o.Service(host, path, declared)
}

func (o Options) classify(service, msg string) string {
	if o.Classify == nil {
		return ""
	}
	return o.Classify(service, msg)
}

// Reasons a line is rejected. They group the rejects table.
var (
	ErrBadTimestamp = errors.New("bad timestamp")
	ErrFieldCount   = errors.New("wrong number of fields")
	ErrSyntax       = errors.New("syntax error")
	ErrBadValue     = errors.New("bad value")
	ErrHeader       = errors.New("bad header")
	ErrTooLong      = errors.New("line too long")
	ErrBinary       = errors.New("binary data (NUL bytes)")
)

// A LineError records why one input line was rejected.
type LineError struct {
	Line   int64
	Reason error  // one of the Err* values above
	Detail string // what exactly, e.g. the offending field
}

func (e *LineError) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Reason)
	}
	return fmt.Sprintf("line %d: %v: %s", e.Line, e.Reason, e.Detail)
}

func (e *LineError) Unwrap() error { return e.Reason }

func lineErr(line int64, reason error, format string, args ...any) *LineError {
	return &LineError{Line: line, Reason: reason, Detail: fmt.Sprintf(format, args...)}
}
