// Package store is outagelens' DuckDB database: the hub every stage reads or writes.
//
// Data flow: ingest parses sources into Arrow record batches and loads them here
// (Write, Tx.Load); analyze runs embedded SQL over the stored rows and materialises
// result_* tables; reports and the sql command read those tables, usually through a
// read-only handle.
//
// Promises:
//   - Open creates the database file if needed and applies the embedded migrations
//     it lacks, in order, in one transaction together with their version bumps.
//   - A Write transaction is all or nothing: rows loaded from Arrow, rejects and a
//     source's new offset commit together, so a crash leaves the previous state.
//   - Arrow batches are exposed to DuckDB as views named with ArrowViewPrefix that are
//     dropped inside the same transaction; a view left behind by a killed process is
//     dropped when the file is next opened for writing (querying one would crash).
//   - A second outagelens process that opens a database in use fails fast with
//     ErrLocked instead of waiting or corrupting it.
package store
