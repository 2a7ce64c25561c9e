package extract

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// decodeHTML converts a page to UTF-8.
//
// Bytes that are valid UTF-8 are taken as UTF-8 whatever the page declares:
// saved and re-served pages are often transcoded to UTF-8 while keeping their
// original <meta charset>, and legacy-encoded text that contains non-ASCII
// bytes is almost never valid UTF-8 by accident. Otherwise the encoding comes
// from contentType (an HTTP Content-Type value, may be empty), a byte order
// mark, or a <meta> declaration in the first 1024 bytes, else windows-1252, as
// the HTML standard prescribes. Any invalid sequences left become U+FFFD.
func decodeHTML(raw []byte, contentType string) []byte {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if utf8.Valid(raw) {
		return raw
	}
	if contentType == "" {
		contentType = "text/html"
	}
	enc, name, _ := charset.DetermineEncoding(raw, contentType)
	if name != "utf-8" {
		if out, _, err := transform.Bytes(enc.NewDecoder(), raw); err == nil {
			raw = out
		}
	}
	return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
}

// parseHTML decodes and parses a page.
func parseHTML(raw []byte, contentType string) (*html.Node, error) {
	return html.Parse(bytes.NewReader(decodeHTML(raw, contentType)))
}
