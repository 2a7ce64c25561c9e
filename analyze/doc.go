// Package analyze turns stored rows into the numbers outagelens reports.
//
// Data flow: ingested tables (requests, events, probes, capacity, status_*,
// news_reports) -> the embedded SQL in sql/*.sql, run in order by Run (minutes,
// states, state_days, incidents, news_incidents, days, monthend, reliability,
// components, saturation, storage_full, load, promises, links; sql/README.md lists
// what each writes) -> result_* tables. Reports, the html command and an analyst's
// `outagelens sql` all read those tables, so they always show the same numbers.
// The month-end rate ratio, its exact interval and p-value are computed in Go
// (monthend.go, stats.go) from counts the SQL writes.
//
// Each .sql file starts with a header that defines what it computes, in the words
// the README uses, and lists its parameters ("-- params: $name TYPE"); Run passes
// exactly those. A run is one transaction: results are replaced together or not at
// all, and a run over unchanged inputs is skipped.
//
// Times: DuckDB in go-duckdb v1.8.2 has no time-zone database (the icu extension is
// not bundled), so calendar days and months are computed with the analysis zone's
// fixed UTC offset. Zones whose offset changes over the data (daylight saving) are
// refused; India (Asia/Kolkata, +05:30) and UTC are fixed.
package analyze
