package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// A migration is one embedded file migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in version order. A malformed file name
// is a programmer error found at start-up, hence the panic.
func migrations() []migration {
	files, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	var ms []migration
	for _, f := range files {
		base := path.Base(f)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("store: migration %s is not named NNNN_name.sql", base))
		}
		b, err := migrationFS.ReadFile(f)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := range ms {
		if ms[i].version != i+1 {
			panic(fmt.Sprintf("store: migration %s breaks the sequence 1..n", ms[i].name))
		}
	}
	return ms
}

// SchemaVersion is the schema version this binary migrates to.
func SchemaVersion() int { return len(migrations()) }

func (db *DB) currentVersion(ctx context.Context) (int, error) {
	var exists bool
	if err := db.sql.QueryRowContext(ctx,
		`SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = 'schema_migrations'`).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	if err := db.sql.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

func (db *DB) checkVersion(ctx context.Context) error {
	v, err := db.currentVersion(ctx)
	if err != nil {
		return err
	}
	if want := SchemaVersion(); v != want {
		return fmt.Errorf("open %s: schema version %d, this outagelens needs %d (a write command such as `outagelens analyze` migrates it)", db.path, v, want)
	}
	return nil
}

// migrate applies every migration newer than the database, all in one transaction
// with their version bumps: a failure leaves the schema as it was. There is no
// CHECKPOINT here (it was half of creating a database, about 40 ms of a fresh
// ingest): the migrations stay in the WAL until DuckDB checkpoints, at the latest
// when the database is closed; opening the file replays them, read-only opens too.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	cur, err := db.currentVersion(ctx)
	if err != nil {
		return err
	}
	all := migrations()
	if cur > len(all) {
		return fmt.Errorf("open %s: schema version %d is newer than this outagelens (%d): use a newer build", db.path, cur, len(all))
	}
	if cur == len(all) {
		return nil
	}
	return db.apply(ctx, all[cur:])
}

// apply runs ms in one transaction.
func (db *DB) apply(ctx context.Context, ms []migration) (err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, tx.Rollback())
		}
	}()
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	for _, m := range ms {
		db.log.Info("applied migration", "name", m.name)
	}
	return nil
}
