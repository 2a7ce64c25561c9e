// Package score ports the two evaluation metrics used to compare article-body
// extractors:
//
//   - the article-extraction-benchmark metric (Scrapinghub/Zyte, evaluate.py):
//     token 4-gram shingles compared as multisets, per-page tp/fp/fn normalised
//     to sum 1, precision and recall averaged over pages, F1 from the averages;
//   - the trafilatura evaluation metric (tests/eval_common.py): whitespace-
//     normalised substring matching of annotated "with" (main text) and
//     "without" (boilerplate) segments, counts summed over pages (micro).
//
// The port is validated in score_test.go by re-scoring the predictions bundled
// with the benchmark and reproducing the published figures.
package score

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
)

// tokenRE matches what Python 3's re module matches with r'\w+' on str input:
// runs of characters for which str.isalnum() is true (Unicode letters L* and
// numbers N*) plus the underscore. Go's own \w is ASCII-only, so it cannot be
// used. Note that, as in Python, combining marks (Mn/Mc, e.g. Devanagari and
// Bengali vowel signs and virama) are NOT word characters: a Hindi word such
// as "सर्वर" is split into several tokens. That is the benchmark's behaviour and
// is kept for faithfulness.
var tokenRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// Tokens splits text the way the benchmark does.
func Tokens(text string) []string {
	return tokenRE.FindAllString(text, -1)
}

// NGram is the shingle size used by the benchmark.
const NGram = 4

// shingles returns the multiset of n-token shingles. As in evaluate.py, a text
// with fewer than n (but at least one) tokens yields one shorter shingle, and
// an empty text yields none.
func shingles(text string, n int) map[string]int {
	toks := Tokens(text)
	out := make(map[string]int)
	last := max(1, len(toks)-n+1)
	for i := 0; i < last; i++ {
		end := min(i+n, len(toks))
		if end <= i {
			continue
		}
		// "\x00" cannot occur inside a token, so joining is unambiguous.
		out[strings.Join(toks[i:end], "\x00")]++
	}
	return out
}

// TPFPFN holds one page's shingle counts, normalised so that they sum to 1
// (unless all are zero).
type TPFPFN struct{ TP, FP, FN float64 }

// ShingleMatch compares a predicted article body with the ground truth.
func ShingleMatch(truth, pred string) TPFPFN {
	ts := shingles(truth, NGram)
	ps := shingles(pred, NGram)
	var tp, fp, fn float64
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fp += float64(max(0, pc-tc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		if _, ok := ts[k]; !ok {
			fp += float64(pc)
		}
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return TPFPFN{tp, fp, fn}
}

// Result is an aggregate over pages.
type Result struct {
	F1, Precision, Recall float64
	// Accuracy is the share of pages whose token lists are exactly equal to the
	// ground truth (filled by Benchmark.Score, not by Aggregate).
	Accuracy float64
	Pages    int
}

func precisionScore(c TPFPFN) float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

func recallScore(c TPFPFN) float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// Aggregate computes the benchmark's macro precision (mean over pages with
// tp+fp > 0), macro recall (mean over pages with tp+fn > 0) and F1 = 2PR/(P+R).
func Aggregate(pages []TPFPFN) Result {
	var ps, rs float64
	var np, nr int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			ps += precisionScore(c)
			np++
		}
		if c.TP+c.FN > 0 {
			rs += recallScore(c)
			nr++
		}
	}
	r := Result{Pages: len(pages)}
	if np > 0 {
		r.Precision = ps / float64(np)
	}
	if nr > 0 {
		r.Recall = rs / float64(nr)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

// TokensEqual reports whether two texts tokenise to the same list (the
// benchmark's "accuracy" criterion).
func TokensEqual(a, b string) bool {
	ta, tb := Tokens(a), Tokens(b)
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		if ta[i] != tb[i] {
			return false
		}
	}
	return true
}

// BootstrapF1Diff estimates the F1 difference between two extractors scored
// on the same pages (a[i] and b[i] are the same page) as evaluate.py's
// --bootstrap-differences does: n resamples of the pages with replacement.
// It returns the mean difference F1(a)-F1(b) and 1.96 times its standard
// deviation. The seed makes the result reproducible.
func BootstrapF1Diff(a, b []TPFPFN, n int, seed uint64) (mean, ci float64) {
	if len(a) != len(b) || len(a) == 0 || n < 2 {
		return 0, 0
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	diffs := make([]float64, n)
	ra, rb := make([]TPFPFN, len(a)), make([]TPFPFN, len(a))
	for k := range diffs {
		for i := range ra {
			j := r.IntN(len(a))
			ra[i], rb[i] = a[j], b[j]
		}
		diffs[k] = Aggregate(ra).F1 - Aggregate(rb).F1
		mean += diffs[k]
	}
	mean /= float64(n)
	var ss float64
	for _, d := range diffs {
		ss += (d - mean) * (d - mean)
	}
	return mean, 1.96 * math.Sqrt(ss/float64(n-1))
}
