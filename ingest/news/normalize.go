package news

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Normalize prepares text for matching: Unicode NFC, zero-width characters
// removed, Devanagari and Bengali digits turned into ASCII, and runs of spaces
// collapsed. Offsets into the result do not map back to the original.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			continue
		case r >= '०' && r <= '९':
			r = '0' + (r - '०')
		case r >= '০' && r <= '৯':
			r = '0' + (r - '০')
		}
		if r == ' ' || r == '\t' || r == '\u00a0' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
