// Package batch holds the Arrow side of ingest: one schema and one typed builder
// per stored table, grouped in a Set that a parser appends rows to.
//
// Data flow: a parser (ingest/logs) appends rows to a Set; the ingest runner
// flushes the Set every few tens of thousands of rows into one arrow.Record per
// table and hands them to data/store, which inserts them into DuckDB by column
// name. Column names and types here must match data/store's migrations; a test
// checks every schema against a freshly migrated database.
//
// Builders copy what they are given: a parser may reuse its line buffer as soon
// as an Append returns. Text is stored as valid UTF-8: invalid bytes become U+FFFD.
// Access-log rows go to request_rows with integers only: their text goes to
// request_strings once per distinct value (per Set, within bounded dictionaries)
// and their service to service_keys once per database, and the rows hold ids (the
// views requests and requests_text join the names back). Sets that load in one
// transaction share their StringIDs and ServiceKeys. A Set is not safe for
// concurrent use; give each worker its own.
package batch
