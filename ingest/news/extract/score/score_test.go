package score

import (
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"outagelens/data/realdata"
)

func TestTokensUnicode(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Hello, world_2 3.5", []string{"Hello", "world_2", "3", "5"}},
		{"Ação à São-Paulo", []string{"Ação", "à", "São", "Paulo"}},
		{"Привет мир", []string{"Привет", "мир"}},
		{"한국어 뉴스", []string{"한국어", "뉴스"}},
		// Combining vowel signs and the virama (Mn/Mc) are not \w in
		// Python 3's re, so Devanagari words split at them.
		{"सर्वर डाउन", []string{"सर", "वर", "ड", "उन"}},
		{"হ্যালো সার্ভার", []string{"হ", "য", "ল", "স", "র", "ভ", "র"}},
		{"½ ①² x", []string{"½", "①²", "x"}},
		{"  ", nil},
	}
	for _, c := range cases {
		if got := Tokens(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestShingleMatchEdgeCases(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	// identical
	c := ShingleMatch("a b c d e", "a b c d e")
	if !near(c.TP, 1) || c.FP != 0 || c.FN != 0 {
		t.Errorf("identical: %+v", c)
	}
	// both empty: all zero, page excluded from both means
	if c := ShingleMatch("", ""); c != (TPFPFN{}) {
		t.Errorf("empty: %+v", c)
	}
	// short texts give one shorter shingle
	if c := ShingleMatch("a b", "a b"); !near(c.TP, 1) {
		t.Errorf("short: %+v", c)
	}
	// multiset: a repeated shingle predicted once is one fn
	c = ShingleMatch("w x y z w x y z", "w x y z")
	// truth shingles: wxyz x2, xyzw, yzwx, zwxy (5); pred: wxyz (1)
	if !near(c.TP, 1.0/5) || !near(c.FN, 4.0/5) || c.FP != 0 {
		t.Errorf("multiset: %+v", c)
	}
	// empty prediction: tp=fp=0, so the page counts for recall only
	r := Aggregate([]TPFPFN{ShingleMatch("a b c d", ""), ShingleMatch("a b c d", "a b c d")})
	if !near(r.Precision, 1) || !near(r.Recall, 0.5) {
		t.Errorf("aggregate: %+v", r)
	}
}

func TestNorm(t *testing.T) {
	if got := Norm(" a\t\n b\u00a0c\u2003 \x1f"); got != "a b c" {
		t.Errorf("Norm = %q", got)
	}
	// zero-width space is not whitespace for Python either
	if got := Norm("a\u200bb"); got != "a\u200bb" {
		t.Errorf("Norm = %q", got)
	}
}

// published holds the figures of the benchmark's README (latest evaluation)
// for the predictions bundled in output/.
var published = map[string]struct{ f1, p, r, acc float64 }{
	"go_domdistiller":     {0.927, 0.901, 0.956, 0.061},
	"go_readability":      {0.934, 0.900, 0.971, 0.188},
	"go_readability_fork": {0.947, 0.914, 0.982, 0.166},
	"go_trafilatura":      {0.960, 0.940, 0.980, 0.287},
	"trafilatura":         {0.958, 0.938, 0.978, 0.293},
	"readability_js":      {0.947, 0.914, 0.982, 0.166},
	"html-text":           {0.665, 0.500, 0.994, 0.000},
}

func aebDir(t testing.TB) string {
	t.Helper()
	dir, err := realdata.Dir()
	if err != nil {
		t.Skip("realdata absent: " + err.Error())
	}
	return filepath.Join(dir, "article-extraction-benchmark")
}

// TestReproducePublishedScores checks the metric port: scoring the bundled
// outputs must give the published F1, precision, recall and accuracy to three
// decimals.
func TestReproducePublishedScores(t *testing.T) {
	dir := aebDir(t)
	aeb, err := LoadAEB(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(aeb.Pages) != 181 {
		t.Fatalf("ground truth has %d pages, want 181", len(aeb.Pages))
	}
	for name, want := range published {
		pred, err := LoadPredictions(filepath.Join(dir, "output", name+".json.gz"))
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := aeb.Score(pred)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%-20s F1 %.3f  P %.3f  R %.3f  acc %.3f", name, got.F1, got.Precision, got.Recall, got.Accuracy)
		r3 := func(x float64) float64 { return math.Round(x*1000) / 1000 }
		if r3(got.F1) != want.f1 || r3(got.Precision) != want.p || r3(got.Recall) != want.r {
			t.Errorf("%s: got F1 %.4f P %.4f R %.4f, published %.3f/%.3f/%.3f",
				name, got.F1, got.Precision, got.Recall, want.f1, want.p, want.r)
		}
		if r3(got.Accuracy) != want.acc {
			t.Errorf("%s: accuracy %.4f, published %.3f", name, got.Accuracy, want.acc)
		}
	}
}

func TestBootstrapF1Diff(t *testing.T) {
	a := []TPFPFN{{1, 0, 0}, {0.5, 0.5, 0}, {0.8, 0, 0.2}}
	if m, ci := BootstrapF1Diff(a, a, 200, 7); m != 0 || ci != 0 {
		t.Errorf("identical inputs: %v ± %v", m, ci)
	}
	b := []TPFPFN{{0.5, 0.5, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}}
	m1, ci1 := BootstrapF1Diff(a, b, 200, 7)
	m2, ci2 := BootstrapF1Diff(a, b, 200, 7)
	if m1 != m2 || ci1 != ci2 || m1 <= 0 {
		t.Errorf("not reproducible or wrong sign: %v ± %v, %v ± %v", m1, ci1, m2, ci2)
	}
}
