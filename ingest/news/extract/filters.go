package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// wordRE matches words for paragraph matching. Unlike the benchmark's
// tokeniser it keeps combining marks (Devanagari and Bengali vowel signs,
// virama, nukta) inside words.
var wordRE = regexp.MustCompile(`[\p{L}\p{M}\p{N}_]+`)

// matchKey reduces text to its lower-cased NFC words joined by single
// spaces, so that paragraphs can be compared across extractors that differ
// in punctuation and white space.
func matchKey(s string) string {
	return strings.Join(wordRE.FindAllString(norm.NFC.String(strings.ToLower(s)), -1), " ")
}

func countWords(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(wordRE.FindAllStringIndex(p, -1))
	}
	return n
}

// trimTail cuts paras after the last paragraph whose words also occur, in
// order, in confirm. It leaves paras alone when no paragraph is confirmed or
// when the cut would keep less than minKeep of the words.
func trimTail(paras, confirm []string, minKeep float64) []string {
	hay := " " + matchKey(strings.Join(confirm, "\n")) + " "
	last := -1
	for i := len(paras) - 1; i >= 0; i-- {
		if k := matchKey(paras[i]); k != "" && strings.Contains(hay, " "+k+" ") {
			last = i
			break
		}
	}
	if last < 0 || last == len(paras)-1 {
		return paras
	}
	kept := paras[:last+1]
	if float64(countWords(kept)) < minKeep*float64(countWords(paras)) {
		return paras
	}
	return kept
}

// pageTitles collects the match keys of the page's title candidates:
// <title>, og:title and twitter:title meta tags, and every <h1>.
func pageTitles(doc *html.Node) []string {
	var out []string
	add := func(s string) {
		if k := matchKey(s); k != "" {
			out = append(out, k)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title, atom.H1:
				add(textContent(n))
			case atom.Meta:
				var prop, content string
				for _, a := range n.Attr {
					switch strings.ToLower(a.Key) {
					case "property", "name":
						prop = strings.ToLower(a.Val)
					case "content":
						content = a.Val
					}
				}
				if prop == "og:title" || prop == "twitter:title" {
					add(content)
				}
			case atom.Script, atom.Style, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// maxTitleParas bounds how far into the text a paragraph that repeats the
// title is dropped.
const maxTitleParas = 3

// dropTitles removes, among the first maxTitleParas paragraphs, those that
// repeat a title: their words occur in a title and make up at least half of
// it. A page whose only text is its title thus has no body.
func dropTitles(paras, titles []string) []string {
	if len(titles) == 0 {
		return paras
	}
	out := paras[:0:0]
	for i, p := range paras {
		if i < maxTitleParas {
			if k := matchKey(p); k != "" && repeatsTitle(k, titles) {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

func repeatsTitle(k string, titles []string) bool {
	for _, t := range titles {
		if 2*len(k) >= len(t) && strings.Contains(" "+t+" ", " "+k+" ") {
			return true
		}
	}
	return false
}

// dropRepeats removes a paragraph whose words repeat the paragraph just
// before it. go-trafilatura's fallback comparison can emit the same
// paragraph twice on very short pages. Repeats further apart are kept: real
// articles repeat lines (interview prompts, embedded-post signatures).
func dropRepeats(paras []string) []string {
	out := paras[:0:0]
	prev := ""
	for _, p := range paras {
		k := matchKey(p)
		if k != "" && k == prev {
			continue
		}
		prev = k
		out = append(out, p)
	}
	return out
}

// insertCues start one-line inserts that point to other stories. They are
// matched, after NFC normalisation and lower-casing, at the start of a
// paragraph of at most maxInsertRunes runes.
var insertCues = normAll([]string{
	// English
	"read more", "read also", "also read", "also see", "see also", "read:",
	"related:", "related stories", "related news", "related articles",
	"recommended:", "must read", "don't miss", "click here to read",
	// Hindi
	"ये भी पढ़ें", "यह भी पढ़ें", "इसे भी पढ़ें", "ये भी पढ़े", "यह भी पढ़े",
	"इसे भी पढ़े", "और पढ़ें", "पढ़ें:", "पढ़ें -", "संबंधित खबरें", "संबंधित ख़बरें",
	// Bengali
	"আরও পড়ুন", "আরো পড়ুন", "এটাও পড়ুন", "আরও পড়ুন", "পড়ুন:", "সম্পর্কিত খবর",
	// Marathi
	"हेही वाचा", "हे पण वाचा", "हे सुद्धा वाचा", "हे देखील वाचा", "अधिक वाचा", "वाचा:",
})

// adLabels are whole paragraphs that only label an advertisement slot.
var adLabels = normAll([]string{
	"advertisement", "advertisment", "ad", "ads", "sponsored", "sponsored content",
	"story continues below advertisement", "article continues below advertisement",
	"scroll to continue with content", "continue reading below",
	"विज्ञापन", "বিজ্ঞাপন", "जाहिरात",
})

const maxInsertRunes = 200

func normAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = norm.NFC.String(strings.ToLower(s))
	}
	return out
}

// isInsert reports whether a paragraph is a "read more" insert or an
// advertisement label.
func isInsert(p string) bool {
	if utf8.RuneCountInString(p) > maxInsertRunes {
		return false
	}
	s := norm.NFC.String(strings.ToLower(p))
	// Skip leading bullets, arrows and dashes.
	s = strings.TrimLeftFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	for _, c := range insertCues {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	bare := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	})
	for _, l := range adLabels {
		if bare == l {
			return true
		}
	}
	return false
}

// dropInserts removes "read more" inserts and advertisement labels.
func dropInserts(paras []string) []string {
	out := paras[:0:0]
	for _, p := range paras {
		if !isInsert(p) {
			out = append(out, p)
		}
	}
	return out
}
