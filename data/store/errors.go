package store

import (
	"errors"
	"regexp"
	"strings"

	"github.com/marcboeker/go-duckdb"
)

// translateOpen maps errors from opening a file. go-duckdb v1.8.2 returns these as
// plain text, not *duckdb.Error, so the lock conflict is recognised by its message;
// TestOpenTwiceIsLocked pins the wording.
func translateOpen(err error) error {
	if err == nil {
		return nil
	}
	if strings.Contains(err.Error(), "Could not set lock") {
		return ErrLocked
	}
	return err
}

// translate maps query errors from DuckDB to the store's errors. It keeps the
// original error in the chain so callers can still errors.As it.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var de *duckdb.Error
	if errors.As(err, &de) && de.Type == duckdb.ErrorTypeInterrupt {
		return errors.Join(ErrInterrupted, err)
	}
	return err
}

// ErrInterrupted reports a query cancelled by its context.
var ErrInterrupted = errors.New("query interrupted")

// MissingTable returns the name of the table whose absence failed a query
// (DuckDB's catalog error "Table with name X does not exist"), or "" when err is
// something else. Reports use it to tell "not analysed yet" from a failure.
func MissingTable(err error) string {
	var de *duckdb.Error
	if !errors.As(err, &de) || de.Type != duckdb.ErrorTypeCatalog {
		return ""
	}
	if m := missingTableMsg.FindStringSubmatch(de.Msg); m != nil {
		return m[1]
	}
	return ""
}

var missingTableMsg = regexp.MustCompile(`Table with name "?([^"\s!]+)"? does not exist`)
