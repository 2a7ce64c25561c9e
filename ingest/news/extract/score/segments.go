package score

import (
	"strings"
	"unicode"
)

// isPySpace reports whether Python's str.isspace() (and so re's \s on str
// input) is true for r: Go's unicode.IsSpace plus the information separators
// U+001C..U+001F, which Python counts as whitespace.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// Norm collapses every whitespace run to one space and trims the ends, like
// trafilatura's eval_common.norm (re.sub(r"\s+", " ", text).strip()).
func Norm(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if isPySpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Segments is one annotated page of the trafilatura evaluation: With holds
// main-text snippets that must appear in the extraction, Without holds
// boilerplate snippets that must not.
type Segments struct {
	With, Without []string
}

// Confusion accumulates segment counts over pages (micro averaging).
type Confusion struct{ TP, FP, FN, TN int }

// Add scores one extraction result against its annotation. A failed
// extraction (ok == false) counts as a full miss: every With segment is a
// false negative and every Without segment a true negative, as in
// eval_common.count_item.
func (c *Confusion) Add(seg Segments, result string, ok bool) {
	tp, fp := 0, 0
	if ok {
		res := Norm(result)
		for _, w := range seg.With {
			if strings.Contains(res, Norm(w)) {
				tp++
			}
		}
		for _, w := range seg.Without {
			if strings.Contains(res, Norm(w)) {
				fp++
			}
		}
	}
	c.TP += tp
	c.FP += fp
	c.FN += len(seg.With) - tp
	c.TN += len(seg.Without) - fp
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Precision is tp/(tp+fp).
func (c Confusion) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is tp/(tp+fn).
func (c Confusion) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// Accuracy is (tp+tn)/all.
func (c Confusion) Accuracy() float64 { return ratio(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN) }

// F1 is 2tp/(2tp+fp+fn).
func (c Confusion) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }
