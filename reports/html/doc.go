// Package html writes the planners' summary: a static, self-contained site (inline
// CSS and SVG, no scripts, nothing fetched at view time) built from report models.
//
// Data flow: reports (models read from result tables) -> Site (view model) ->
// html/template -> files written to a temporary name, then renamed. Everything that
// came from a scraped page is escaped by html/template; template.HTML is used only
// for SVG this package built itself from numbers.
package html
