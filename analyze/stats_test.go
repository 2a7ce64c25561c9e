package analyze

import (
	"math"
	"testing"
)

// Reference values computed independently, with exact rational binomial sums and
// mpmath root finding (30 digits): x=10 of n=15 against 0.5 has p-value 0.3017578
// and 95% interval 0.3838037..0.8817589; x=2 of 20 against 0.3 has p-value
// 0.0526279 and interval 0.0123485..0.3169827.
func TestBinomialAgainstR(t *testing.T) {
	cases := []struct {
		x, n      int64
		p0        float64
		p, lo, hi float64
	}{
		{10, 15, 0.5, 0.3017578, 0.3838037, 0.8817589},
		{2, 20, 0.3, 0.0526279, 0.01234853, 0.31698271},
	}
	for _, c := range cases {
		if got := binomTest(c.x, c.n, c.p0); math.Abs(got-c.p) > 1e-6 {
			t.Errorf("binomTest(%d,%d,%v) = %v, want %v", c.x, c.n, c.p0, got, c.p)
		}
		lo, hi := clopperPearson(c.x, c.n, 0.05)
		if math.Abs(lo-c.lo) > 1e-6 || math.Abs(hi-c.hi) > 1e-6 {
			t.Errorf("clopperPearson(%d,%d) = %v,%v, want %v,%v", c.x, c.n, lo, hi, c.lo, c.hi)
		}
	}
}

// Equal exposures: 10 month-end incidents against 5 on other days is a ratio of 2,
// and its interval is the binomial one for 10 of 15 mapped by p/(1-p).
func TestRateRatio(t *testing.T) {
	rr, lo, hi, p := RateRatio(10, 100, 5, 100)
	if rr != 2 {
		t.Fatalf("rr = %v", rr)
	}
	if want := 0.3838037 / (1 - 0.3838037); math.Abs(lo-want) > 1e-5 {
		t.Errorf("lo = %v, want %v", lo, want)
	}
	if want := 0.8817589 / (1 - 0.8817589); math.Abs(hi-want) > 1e-4 {
		t.Errorf("hi = %v, want %v", hi, want)
	}
	if math.Abs(p-0.3018) > 5e-4 {
		t.Errorf("p = %v", p)
	}
	if rr, lo, _, _ := RateRatio(0, 1, 0, 1); !math.IsNaN(rr) || !math.IsNaN(lo) {
		t.Errorf("no events must give NaN, got %v %v", rr, lo)
	}
	if rr, _, hi, _ := RateRatio(3, 1, 0, 1); !math.IsNaN(rr) || !math.IsInf(hi, 1) {
		t.Errorf("no events in the other window: rr NaN, hi +Inf; got %v %v", rr, hi)
	}
}

// Swapping the windows inverts everything: the ratio, and the interval with its
// ends exchanged; the two-sided p-value stays. Checked over a grid of counts and
// exposures, including unequal ones like month end's 36 of 366 days.
func TestRateRatioSymmetry(t *testing.T) {
	for _, x1 := range []int64{1, 2, 5, 17} {
		for _, x0 := range []int64{1, 3, 9, 40} {
			for _, e := range [][2]float64{{1, 1}, {36, 330}, {207, 1904}} {
				rr, lo, hi, p := RateRatio(x1, e[0], x0, e[1])
				rr2, lo2, hi2, p2 := RateRatio(x0, e[1], x1, e[0])
				near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }
				if !near(rr*rr2, 1) || !near(lo*hi2, 1) || !near(hi*lo2, 1) || !near(p, p2) {
					t.Errorf("x1=%d x0=%d e=%v: (%v %v %v %v) vs swapped (%v %v %v %v)", x1, x0, e, rr, lo, hi, p, rr2, lo2, hi2, p2)
				}
				if !(lo <= rr && rr <= hi) {
					t.Errorf("x1=%d x0=%d e=%v: ratio %v outside its interval %v..%v", x1, x0, e, rr, lo, hi)
				}
			}
		}
	}
}
