// Package logs parses operator logs line by line into Arrow batches.
//
// Data flow: the ingest runner reads a source, Detect picks its Format from the
// first lines (or --format names it), and the Format's Parser appends one row per
// line to a batch.Set. A line a parser cannot read is not an error of the run: it
// comes back as a *LineError and the runner quarantines it in the rejects table.
//
// The set of formats is closed and listed in Formats (detect.go). Adding one means a
// file here, its tests and testdata, a fuzz target and a line in Formats.
package logs
