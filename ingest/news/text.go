package news

import (
	"iter"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold is the matching key of text: Normalize, lower case, and the spelling
// variants Hindi news text mixes freely folded together: nukta dropped (फ़ = फ,
// ड़ = ड) and chandrabindu read as anusvara (पहुँच = पहुंच). Cue lists and
// aliases are folded the same way before they are compared.
func fold(s string) string {
	s = norm.NFC.String(strings.ToLower(s))
	if strings.ContainsAny(s, "\u093c\u09bc\u0901\u0981\u0949") {
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range s {
			switch r {
			case '\u093c', '\u09bc': // Devanagari and Bengali nukta
				continue
			case '\u0901':
				r = '\u0902'
			case '\u0981':
				r = '\u0982'
			case '\u0949': // candra o of loanwords: पॉस = पोस
				r = '\u094b'
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	return Normalize(s)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 0x250 {
			return false
		}
	}
	return true
}

// indexPhrase returns the byte offset of the first occurrence of phrase in text
// at a word start, or -1. Both must be folded. A Latin phrase must also end at a
// word end (a plural s is allowed); Indic phrases may carry suffixes
// ("রেশনের", "सोमवारी"), as case endings attach to the word.
func indexPhrase(text, phrase string) int {
	return indexPhraseFrom(text, phrase, 0)
}

func indexPhraseFrom(text, phrase string, from int) int {
	if phrase == "" {
		return -1
	}
	latin := isLatin(phrase)
	for from <= len(text) {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return -1
		}
		i += from
		ok := true
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:i])
			if isWordRune(r) && isWordRune(firstRune(phrase)) {
				ok = false
			}
		}
		if ok && latin {
			rest := text[i+len(phrase):]
			rest = strings.TrimPrefix(rest, "s")
			if r, _ := utf8.DecodeRuneInString(rest); rest != "" && isWordRune(r) && isWordRune(lastRune(phrase)) {
				ok = false
			}
		}
		if ok {
			return i
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
	return -1
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

// hasAny reports whether folded text contains any of the folded phrases at a word
// start, and returns the first phrase found.
func hasAny(text string, phrases []string) (string, bool) {
	for _, p := range phrases {
		if indexPhrase(text, p) >= 0 {
			return p, true
		}
	}
	return "", false
}

func countAny(text string, phrases []string) int {
	n := 0
	for _, p := range phrases {
		for i := indexPhrase(text, p); i >= 0; i = indexPhraseFrom(text, p, i+len(p)) {
			n++
		}
	}
	return n
}

func foldAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fold(s)
	}
	return out
}

// sentence is one sentence of an article with its folded matching key.
type sentence struct {
	Text  string // as written, for evidence
	Key   string // fold(Text)
	Title bool   // the headline
	Index int    // position among the body's sentences (the title is -1)
	Para  int    // paragraph number in the body
}

var abbreviations = map[string]bool{"mr": true, "mrs": true, "dr": true, "rs": true, "no": true, "st": true, "sr": true,
	"jr": true, "vs": true, "govt": true, "dept": true, "prof": true, "smt": true, "shri": true}

// splitSentences splits a paragraph at danda, ?, !, and at full stops that end
// a sentence (not "a.m.", "9.30", "Rs." or "Dr.").
func splitSentences(p string) []string {
	var out []string
	start := 0
	rs := []rune(p)
	flush := func(end int) {
		if s := strings.TrimSpace(string(rs[start:end])); s != "" {
			out = append(out, s)
		}
		start = end
	}
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '।', '॥', '?', '!', '\n':
			j := i + 1
			for j < len(rs) && strings.ContainsRune("\"'’”)", rs[j]) {
				j++
			}
			flush(j)
			i = j - 1
		case '.':
			j := i + 1
			for j < len(rs) && strings.ContainsRune("\"'’”)", rs[j]) {
				j++
			}
			if j < len(rs) && !unicode.IsSpace(rs[j]) {
				continue // 9.30, a.m, e.g.
			}
			k := j
			for k < len(rs) && unicode.IsSpace(rs[k]) {
				k++
			}
			if k < len(rs) && unicode.IsLower(rs[k]) {
				continue // "10 a.m. on Monday"
			}
			w := i
			for w > 0 && unicode.IsLetter(rs[w-1]) {
				w--
			}
			word := strings.ToLower(string(rs[w:i]))
			ampm := word == "m" && w >= 2 && rs[w-1] == '.' && (rs[w-2] == 'a' || rs[w-2] == 'p')
			if abbreviations[word] || (len([]rune(word)) == 1 && w > 0 && rs[w-1] == '.' && !ampm) {
				continue
			}
			flush(j)
			i = j - 1
		}
	}
	flush(len(rs))
	return out
}

// articleSentences returns the title (first) and the body's sentences.
func articleSentences(title, body string) []sentence {
	var out []sentence
	if t := strings.TrimSpace(Normalize(title)); t != "" {
		out = append(out, sentence{Text: t, Key: fold(t), Title: true, Index: -1, Para: -1})
	}
	n := 0
	for pi, p := range articleParagraphs(body) {
		ss := splitSentences(Normalize(p))
		// A dateline ("रायपुर।") is not a sentence of its own.
		if pi == 0 && len(ss) > 1 && len(strings.Fields(ss[0])) <= 3 && strings.HasSuffix(ss[0], "।") {
			ss = append([]string{ss[0] + " " + ss[1]}, ss[2:]...)
		}
		for _, s := range ss {
			out = append(out, sentence{Text: s, Key: fold(s), Index: n, Para: pi})
			n++
		}
	}
	return out
}

var dateline = regexp.MustCompile(`^\s*([\p{L}\p{M} .-]{2,40}?)\s*(?:[।:]|,\s*\d|\(|—|–)`)

// metaMarkers start the byline and date lines a generic extractor may keep at
// the top of a body ("Last Updated: ... | First Published: ...", "प्रकाशित: 22
// नवंबर 2024 रीवा टाइम्स संवाददाता").
var metaMarkers = foldAll([]string{"published", "first published", "last updated", "updated", "posted", "by ",
	"प्रकाशित", "अपडेट", "प्रकाशन", "প্রকাশিত", "আপডেট", "प्रसिद्ध", "अद्यतन"})

// isMetaLine: a short paragraph that is a byline or a date line, not article text.
func isMetaLine(p string) bool {
	// A separator before the marker ("· Published: ...", "| Updated ...") is
	// part of the meta line's layout, not text.
	k := strings.TrimLeftFunc(fold(p), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(strings.Fields(k)) > 16 {
		return false
	}
	for _, m := range metaMarkers {
		if strings.HasPrefix(k, m) || strings.Contains(k, "| "+m) {
			return true
		}
	}
	// "रविवार, 12 जनवरी 2025 कोसी किरण संवाददाता": a short line with a full date
	// that is not a sentence (no closing danda or full stop).
	if len(strings.Fields(k)) <= 10 && !strings.ContainsAny(k, "।.!?") {
		if _, ok := DateInText(k, time.UTC); ok {
			return true
		}
	}
	return false
}

// articleParagraphs yields a body's paragraphs, numbered from 0, without byline
// and date lines. It reads only as far as the caller ranges: isMetaLine folds
// every paragraph it looks at.
func articleParagraphs(body string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		i := 0
		for p := range strings.SplitSeq(body, "\n\n") {
			if t := strings.TrimSpace(p); t != "" && !isMetaLine(t) {
				if !yield(i, t) {
					return
				}
				i++
			}
		}
	}
}

// datelineOf returns the place a body starts with ("रायपुर।", "KOLKATA:",
// "পুণে :"), folded, or "".
func datelineOf(body string) string {
	var first string
	for _, p := range articleParagraphs(body) {
		first, _, _ = strings.Cut(Normalize(p), "\n")
		break
	}
	if first == "" {
		return ""
	}
	m := dateline.FindStringSubmatch(first)
	if m == nil {
		return ""
	}
	words := strings.Fields(m[1])
	if len(words) == 0 || len(words) > 3 {
		return ""
	}
	return fold(m[1])
}
