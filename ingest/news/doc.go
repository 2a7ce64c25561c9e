// Package news turns news pages into outage reports.
//
// Data flow: saved HTML files (or pages the crawler fetched) -> Read (goquery:
// title, date, language, body) -> Extract (is it an outage? which service, where,
// since when, why, how many affected) -> the articles and news_reports tables.
// Grouping reports of the same event into one incident is analyze's job.
//
// Everything read from a page is untrusted text: it is stored as text and escaped
// wherever it is shown.
package news
