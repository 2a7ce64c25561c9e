// Package extract is the generic article-body extraction fallback of the news
// stage: for pages that no site profile covers, Body returns the main text of
// an article page without navigation, related links, "READ MORE" inserts,
// share bars, comments, ads and footers.
//
// # Method
//
// The default (Auto) combines two maintained Go extractors and keeps only what
// they agree on at the end of the article:
//
//  1. codeberg.org/readeck/go-readability/v2 (a Readability.js port) extracts
//     a candidate;
//  2. github.com/markusmobius/go-trafilatura extracts the article with its
//     fallback comparison enabled, with the readeck candidate passed in as its
//     Readability candidate (go-domdistiller is its second candidate);
//  3. the trafilatura paragraphs are cut after the last one that also occurs
//     in the readeck text, which drops trailing related-story lists,
//     copyright lines and the like (skipped when the cut would keep less
//     than 30% of the text, i.e. when the two disagree about where the
//     article is);
//  4. up to three leading paragraphs that repeat the page title (<title>,
//     og:title, twitter:title or an <h1>) are dropped: the headline is
//     metadata, not body;
//  5. single-line "read more" inserts (English, Hindi, Bengali, Marathi cues)
//     and bare advertisement labels are dropped.
//
// The measured quality of every method on the article-extraction benchmark and
// the trafilatura evaluation set is in README.md beside this file; the test
// TestBenchmarkScores reproduces it from ../shared/realdata.
//
// # Output
//
// Body returns paragraphs separated by "\n\n". Inside a paragraph every run of
// Unicode white space (unicode.IsSpace, which includes U+00A0) becomes one
// ASCII space and <br> becomes "\n"; <pre> text keeps its lines and
// indentation but loses blank lines. Paragraphs are trimmed, never empty and
// never contain "\n\n".
// Nothing else is normalised: the text is not NFC-normalised, and zero-width
// characters (U+200B, and ZWJ/ZWNJ, which matter in Indic scripts) are kept.
// Table cells are separated by a space and each table row is its own
// paragraph. The result is valid UTF-8: pages are decoded as UTF-8 when they
// are valid UTF-8, otherwise by Options.ContentType, a byte order mark or a
// <meta> charset declaration, else as windows-1252.
package extract
