// Package ingest reads operator logs and news pages into the store.
//
// Data flow: source (files, folders, globs, .gz, stdin) -> logs.Detect ->
// source.Chunker (newline-aligned 256 KiB chunks) -> workers, each with its own
// logs.Parser and batch.Set (Arrow builders; one worker when lines depend on
// earlier ones, or for whole documents) -> a streaming Arrow RecordReader ->
// data/store (one INSERT ... SELECT per segment). News pages take the sibling
// path in package ingest/news.
//
// Promises, per log source:
//   - A source's rows, its rejects and its new offset are committed in one
//     transaction; a crash or a cancelled run leaves the previous state.
//   - A source is identified by content (see package source). Content already
//     ingested is skipped with a message; content that has grown since, or a rotated
//     copy that has, ingests only the new part; Force replaces the source's rows.
//   - A last line without a newline is left for the next run, except in content
//     that cannot grow (gzip, standard input).
//   - A line that does not parse is quarantined in rejects with its reason, never
//     dropped. Line numbers are the file's physical line numbers (blank lines
//     count), so rows may reach DuckDB in any order. Memory stays bounded by the
//     chunks and batches in flight, the bounded dictionaries of access-log text
//     and DuckDB's memory limit while a file loads, whatever the file size.
package ingest
