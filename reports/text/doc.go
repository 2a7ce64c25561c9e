// Package text writes report rows for analysts: an aligned table on a terminal,
// or CSV, JSON or Markdown for other tools.
//
// Rows are slices of flat structs. A field's json tag names it in JSON and CSV
// (units in the name: duration_minutes, availability_minutes_pct); its head tag is
// the table header; unit:"pct|minutes|hours|days|time|date|ratio|p|pctpoints|count"
// picks the human rendering on a terminal; table:"hide" keeps it out of the table
// unless Wide. CSV and JSON always carry exact values: full-precision numbers,
// RFC 3339 times with offsets, and empty/null for unknown values.
package text
