// Package news turns news pages into outage reports.
//
// Data flow: pages fetched by Crawl (crawl.go) or saved HTML files -> Read
// (page.go: goquery; title, publication date, author, canonical URL, language,
// and the article body through a site profile from sites.toml, else the generic
// fallback) -> Extract (incident.go: is it an outage, which service, which state
// and district, when it started and ended, why, how many were hit, how much
// money, with the supporting sentence for each) -> the articles and
// news_reports tables (package ingest stores them).
//
// Promises:
//   - Everything read from a page is untrusted text: it is stored as text and
//     escaped wherever it is shown.
//   - Relative dates ("कल", "গতকাল", "on Tuesday") resolve against the page's
//     publication date, never against today; a sentence about the future or a
//     deadline never gives a start or an end.
//   - Report.Event groups reports of one outage: the catalog service (or the
//     lower-cased name the article gives) and the start day. reports/news.sql
//     computes the same key from the stored columns; `outagelens report news`
//     prints one incident per key until analyze has grouped the reports
//     (result_news_incidents), and analyze's grouping after.
//   - Crawl is polite (robots.txt with Crawl-delay, a per-host rate, a global
//     concurrency bound, retries with backoff and jitter honouring Retry-After,
//     size, time and redirect limits, http and https only) and, given a
//     FetchLog, sends conditional requests so a re-run fetches only what changed.
//
// The cue words live in lexicon.go, one list per purpose, in English, Hindi,
// Bengali and Marathi; text is compared after fold (NFC, native digits, nukta
// and chandrabindu folded, lower case).
package news
