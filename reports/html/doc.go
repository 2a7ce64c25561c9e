// Package html writes the planners' summary: a static, self-contained site
// (inline CSS and SVG, no scripts, nothing fetched at view time) built from
// report models.
//
// Data flow: reports (models and small aggregates read from the result tables)
// -> Build -> Site -> for the whole period and each calendar month, view models
// (Overview, ServicePage, NewsView, NoticePage) -> html/template -> files
// written to a temporary name, then renamed. Pages are built from aggregates, so
// their size depends on days, services and bins, never on the number of log
// lines.
//
// Everything that came from a scraped page is escaped by html/template or, in
// SVG, by esc; template.HTML is used only for SVG this package drew itself from
// numbers and escaped text. Article links are kept only when they are http(s).
//
// Labels are English or Hindi (Options.Lang); public notices are in each
// service's own language (catalog language), with an English translation.
package html
