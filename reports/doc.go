// Package reports turns analysis results into report models: flat rows with the
// field names, units and order analysts and planners see.
//
// Data flow: result_* tables (written by analyze) -> the functions here
// (Reliability, Incidents, MonthEnd, Saturation, Promises, News) -> reports/text
// (table, CSV, JSON, Markdown) for the CLI, or reports/html for the planners'
// site. Reports read results; they never recompute them.
//
// Times are returned in the report's location (India Standard Time by default),
// so JSON and CSV carry RFC 3339 times with their offset.
package reports
