package news

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize prepares text for matching: Unicode NFC, zero-width characters and
// soft hyphens removed, Devanagari and Bengali digits turned into ASCII, runs of
// spaces collapsed, and two artefacts of text converted from legacy Hindi fonts
// (Kruti Dev and the like) repaired: an ASCII "|" used as the danda after
// Devanagari becomes "।", and a vowel sign or other combining mark typed twice
// is kept once. Nukta and chandrabindu spellings are left as written; fold
// folds them for matching. Offsets into the result do not map back to the
// original.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	var prev, prevLetter rune
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
			continue
		case r >= '०' && r <= '९':
			r = '0' + (r - '०')
		case r >= '০' && r <= '৯':
			r = '0' + (r - '০')
		case r == '|' && unicode.Is(unicode.Devanagari, prevLetter):
			r = '।'
		case unicode.IsMark(r) && r == prev:
			continue // "ाा", "ंं": a doubled mark from a legacy-font conversion
		}
		if r == ' ' || r == '\t' || r == '\u00a0' || r == '\u2009' || r == '\u202f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			prev = ' '
			continue
		}
		space = false
		b.WriteRune(r)
		prev = r
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			prevLetter = r
		} else if !unicode.IsSpace(r) {
			prevLetter = 0
		}
	}
	return norm.NFC.String(b.String())
}
