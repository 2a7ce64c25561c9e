package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/marcboeker/go-duckdb"
)

// DefaultPath is the database file used when --db is not given: in the working folder.
const DefaultPath = "outagelens.duckdb"

// ErrLocked reports that another process holds the database file.
var ErrLocked = errors.New("database is in use by another outagelens run")

// ErrNoDatabase reports a read-only open of a database file that does not exist yet.
var ErrNoDatabase = errors.New("no database yet")

// Options configures Open. The zero value opens the file for reading and writing.
type Options struct {
	// ReadOnly opens the file with access_mode=read_only: several readers may share
	// it, no writer may, and migrations are not applied.
	ReadOnly bool
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
}

// DB is an open outagelens database.
type DB struct {
	sql       *sql.DB
	connector *duckdb.Connector
	path      string
	readOnly  bool
	log       *slog.Logger
}

// Open opens (creating if needed) the database at path and migrates it to the
// current schema. An empty path opens a private in-memory database.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	dsn := path
	if opts.ReadOnly {
		if path == "" {
			return nil, errors.New("open: an in-memory database cannot be read-only")
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open %s: %w (run an ingest, `outagelens run` or `outagelens demo` first)", path, ErrNoDatabase)
		}
		dsn += "?access_mode=read_only"
	}
	connector, err := duckdb.NewConnector(dsn, bootConn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", displayPath(path), translateOpen(err))
	}
	db := &DB{sql: sql.OpenDB(connector), connector: connector, path: path, readOnly: opts.ReadOnly, log: log}
	if err := db.sql.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %w", displayPath(path), translateOpen(err)), db.Close())
	}
	if opts.ReadOnly {
		if err := db.checkVersion(ctx); err != nil {
			return nil, errors.Join(err, db.Close())
		}
		return db, nil
	}
	if err := db.dropLeftoverViews(ctx); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	if err := db.migrate(ctx); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return db, nil
}

// bootConn prepares every new connection. The DuckDB embedded in go-duckdb v1.8.2
// ships json and parquet but not icu, and would try to download missing extensions
// on first use; outagelens never needs the network for a query, so autoloading is off
// and such a query fails at once (TestNoExtensionDownloads).
func bootConn(execer driver.ExecerContext) error {
	for _, q := range []string{
		"SET autoinstall_known_extensions = false",
		"SET autoload_known_extensions = false",
	} {
		if _, err := execer.ExecContext(context.Background(), q, nil); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// Close closes the database; the file is checkpointed by DuckDB.
func (db *DB) Close() error {
	err := db.sql.Close()
	if cerr := db.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

// SQL returns the database/sql handle for queries.
func (db *DB) SQL() *sql.DB { return db.sql }

// Path returns the file the database lives in ("" when in memory).
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the database was opened read-only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Exec runs a statement that returns no rows.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := db.sql.ExecContext(ctx, query, args...)
	return res, translate(err)
}

// Query runs a statement that returns rows.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	return rows, translate(err)
}

// QueryRow runs a statement that returns at most one row.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, query, args...)
}

func (db *DB) dropLeftoverViews(ctx context.Context) error {
	rows, err := db.sql.QueryContext(ctx,
		`SELECT view_name FROM duckdb_views() WHERE NOT internal AND starts_with(view_name, ?)`, ArrowViewPrefix)
	if err != nil {
		return fmt.Errorf("list leftover arrow views: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return errors.Join(err, rows.Close())
		}
		names = append(names, n)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("list leftover arrow views: %w", err)
	}
	for _, n := range names {
		db.log.Warn("dropping arrow view left by an interrupted run", "view", n)
		if _, err := db.sql.ExecContext(ctx, "DROP VIEW IF EXISTS "+QuoteIdent(n)); err != nil {
			return fmt.Errorf("drop leftover view %s: %w", n, err)
		}
	}
	return nil
}

// QuoteIdent quotes a SQL identifier for DuckDB. Identifiers built from data go
// through here; values always go through placeholders.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func displayPath(path string) string {
	if path == "" {
		return "in-memory database"
	}
	return path
}
