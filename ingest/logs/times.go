package logs

import (
	"bytes"
	"time"
)

// Leading timestamps of text logs, read without time.Parse (which allocates and
// tries one layout at a time). Each reader takes the start of a line and returns
// the time, the rest of the line after the timestamp, and whether it matched.

// zoneAbbrevs are the zone abbreviations text logs print (PostgreSQL's %t, for
// one) that outagelens reads; IST is India's, as it is for this tool's users.
var zoneAbbrevs = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0,
	"IST": 19800,
	"PST": -8 * 3600, "PDT": -7 * 3600, "MST": -7 * 3600, "MDT": -6 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600, "EST": -5 * 3600, "EDT": -4 * 3600,
	"CET": 3600, "CEST": 7200, "BST": 3600, "JST": 9 * 3600, "SGT": 8 * 3600,
}

// zones caches fixed zones by offset, shared by all parsers (read-only after init
// for the common ones; others are made on the spot).
var fixedZones = func() map[int]*time.Location {
	m := map[int]*time.Location{}
	for h := -12 * 4; h <= 14*4; h++ {
		off := h * 900
		m[off] = time.FixedZone("", off)
	}
	return m
}()

func fixedZone(off int) *time.Location {
	if l, ok := fixedZones[off]; ok {
		return l
	}
	return time.FixedZone("", off)
}

func digits(b []byte, n int) (int, bool) {
	if len(b) < n {
		return 0, false
	}
	v := 0
	for _, c := range b[:n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// civil builds a time and checks that no field overflowed (31 Sep, 25:00).
func civil(y int, mo time.Month, d, h, mi, s, ns int, loc *time.Location) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false
	}
	t := time.Date(y, mo, d, h, mi, s, ns, loc)
	return t, t.Day() == d
}

// fraction reads ".123" or ",123" (up to 9 digits) at the start of b.
func fraction(b []byte) (ns int, rest []byte) {
	if len(b) < 2 || (b[0] != '.' && b[0] != ',') || b[1] < '0' || b[1] > '9' {
		return 0, b
	}
	i, scale := 1, 100_000_000
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if scale > 0 {
			ns += int(b[i]-'0') * scale
			scale /= 10
		}
		i++
	}
	return ns, b[i:]
}

// zone reads an offset right after a time: "Z", "+05:30", "+0530", "-07", or, after
// one space, "+0530" or a known abbreviation. It returns nil when there is none.
func zone(b []byte) (loc *time.Location, rest []byte) {
	if len(b) > 0 && b[0] == 'Z' && (len(b) == 1 || !isLetter(b[1])) {
		return time.UTC, b[1:]
	}
	s := b
	spaced := false
	if len(s) > 1 && s[0] == ' ' {
		s, spaced = s[1:], true
	}
	if len(s) > 2 && (s[0] == '+' || s[0] == '-') {
		hh, ok := digits(s[1:], 2)
		if ok && hh <= 14 {
			r := s[3:]
			mm := 0
			if m, ok := digits(r, 2); ok {
				mm, r = m, r[2:]
			} else if len(r) > 2 && r[0] == ':' {
				if m, ok := digits(r[1:], 2); ok {
					mm, r = m, r[3:]
				}
			}
			if mm < 60 && (len(r) == 0 || !isDigit(r[0])) {
				off := hh*3600 + mm*60
				if s[0] == '-' {
					off = -off
				}
				return fixedZone(off), r
			}
		}
	}
	if spaced {
		i := 0
		for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
			i++
		}
		if i >= 3 && (i == len(s) || !isLetter(s[i])) {
			if off, ok := zoneAbbrevs[string(s[:i])]; ok {
				return fixedZone(off), s[i:]
			}
		}
	}
	return nil, b
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isoTime reads "2006-01-02T15:04:05", with a space or T, an optional fraction
// after '.' or ',', and an optional zone; naive times are read in loc.
func isoTime(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, b, false
	}
	y, ok1 := digits(b, 4)
	mo, ok2 := digits(b[5:], 2)
	d, ok3 := digits(b[8:], 2)
	h, ok4 := digits(b[11:], 2)
	mi, ok5 := digits(b[14:], 2)
	s, ok6 := digits(b[17:], 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return time.Time{}, b, false
	}
	ns, rest := fraction(b[19:])
	if z, r := zone(rest); z != nil {
		loc, rest = z, r
	}
	t, ok := civil(y, time.Month(mo), d, h, mi, s, ns, loc)
	return t, rest, ok
}

// clfTime reads "28/Sep/2024:18:10:03 +0530" (the offset optional).
func clfTimeOf(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	if len(b) < 20 || b[2] != '/' || b[6] != '/' || b[11] != ':' || b[14] != ':' || b[17] != ':' {
		return time.Time{}, b, false
	}
	d, ok1 := digits(b, 2)
	mo, ok2 := months[string(b[3:6])]
	y, ok3 := digits(b[7:], 4)
	h, ok4 := digits(b[12:], 2)
	mi, ok5 := digits(b[15:], 2)
	s, ok6 := digits(b[18:], 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return time.Time{}, b, false
	}
	ns, rest := fraction(b[20:])
	if z, r := zone(rest); z != nil {
		loc, rest = z, r
	}
	t, ok := civil(y, mo, d, h, mi, s, ns, loc)
	return t, rest, ok
}

// ctimeOf reads "Sun Dec 04 04:47:44 2005" (Apache's error log), with an
// optional fraction after the seconds.
func ctimeOf(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	if len(b) < 24 || b[3] != ' ' || b[7] != ' ' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, b, false
	}
	mo, ok1 := months[string(b[4:7])]
	d, ok2 := digits(bytes.TrimLeft(b[8:10], " "), len(bytes.TrimLeft(b[8:10], " ")))
	h, ok3 := digits(b[11:], 2)
	mi, ok4 := digits(b[14:], 2)
	s, ok5 := digits(b[17:], 2)
	ns, rest := fraction(b[19:])
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || len(rest) < 5 || rest[0] != ' ' {
		return time.Time{}, b, false
	}
	y, ok6 := digits(rest[1:], 4)
	if !ok6 {
		return time.Time{}, b, false
	}
	t, ok := civil(y, mo, d, h, mi, s, ns, loc)
	return t, rest[5:], ok
}

// slashTime reads Spark's (log4j "yy/MM/dd HH:mm:ss") "17/06/09 20:10:40".
func slashTime(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	if len(b) < 17 || b[2] != '/' || b[5] != '/' || b[8] != ' ' || b[11] != ':' || b[14] != ':' {
		return time.Time{}, b, false
	}
	y, ok1 := digits(b, 2)
	mo, ok2 := digits(b[3:], 2)
	d, ok3 := digits(b[6:], 2)
	h, ok4 := digits(b[9:], 2)
	mi, ok5 := digits(b[12:], 2)
	s, ok6 := digits(b[15:], 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return time.Time{}, b, false
	}
	ns, rest := fraction(b[17:])
	t, ok := civil(2000+y, time.Month(mo), d, h, mi, s, ns, loc)
	return t, rest, ok
}

// leadingTime reads the timestamp a text log line starts with, in any of the
// layouts above, optionally in square brackets.
func leadingTime(line []byte, loc *time.Location) (time.Time, []byte, bool) {
	b := line
	bracket := len(b) > 0 && b[0] == '['
	if bracket {
		b = b[1:]
	}
	for _, read := range []func([]byte, *time.Location) (time.Time, []byte, bool){isoTime, clfTimeOf, ctimeOf, slashTime} {
		t, rest, ok := read(b, loc)
		if !ok {
			continue
		}
		if bracket {
			if len(rest) == 0 || rest[0] != ']' {
				return time.Time{}, line, false
			}
			rest = rest[1:]
		}
		// The timestamp must end at a separator, not in the middle of a word.
		if len(rest) > 0 && !bytes.ContainsAny(rest[:1], " \t:|,]-") {
			return time.Time{}, line, false
		}
		return t, rest, true
	}
	return time.Time{}, line, false
}
