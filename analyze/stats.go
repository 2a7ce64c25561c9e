package analyze

import "math"

// RateRatio compares two Poisson counts x1 and x0 observed over exposures e1 and
// e0. It returns the rate ratio (x1/e1)/(x0/e0), its exact 95% confidence
// interval and the exact two-sided p-value for a ratio of 1.
//
// Method: conditional on n = x1 + x0, x1 is binomial with p = e1 r / (e1 r + e0).
// The interval is Clopper-Pearson's for p, mapped back to r; the p-value is the
// binomial test of p0 = e1 / (e1 + e0), summing the probabilities of every outcome
// no more likely than x1 (as R's binom.test). NaN marks what the data cannot say
// (no events, no exposure); an upper bound of +Inf means no events in the other window.
func RateRatio(x1 int64, e1 float64, x0 int64, e0 float64) (rr, lo, hi, p float64) {
	nan := math.NaN()
	if e1 <= 0 || e0 <= 0 || x1 < 0 || x0 < 0 {
		return nan, nan, nan, nan
	}
	n := x1 + x0
	if n == 0 {
		return nan, nan, nan, nan
	}
	rr = nan
	if x0 > 0 {
		rr = (float64(x1) / e1) / (float64(x0) / e0)
	}
	toRatio := func(pp float64) float64 {
		if pp >= 1 {
			return math.Inf(1)
		}
		return pp / (1 - pp) * e0 / e1
	}
	pl, pu := clopperPearson(x1, n, 0.05)
	lo, hi = toRatio(pl), toRatio(pu)
	p = binomTest(x1, n, e1/(e1+e0))
	return rr, lo, hi, p
}

// clopperPearson returns the exact two-sided 1-alpha interval for a binomial p.
func clopperPearson(x, n int64, alpha float64) (lo, hi float64) {
	if x > 0 {
		// smallest p with P(X >= x | p) >= alpha/2
		lo = bisect(func(p float64) bool { return 1-binomCDF(x-1, n, p) >= alpha/2 })
	}
	hi = 1
	if x < n {
		// largest p with P(X <= x | p) >= alpha/2
		hi = 1 - bisect(func(q float64) bool { return binomCDF(x, n, 1-q) >= alpha/2 })
	}
	return lo, hi
}

// bisect returns the smallest p in [0,1] where ok turns true (ok is monotone).
func bisect(ok func(float64) bool) float64 {
	lo, hi := 0.0, 1.0
	for i := 0; i < 100; i++ {
		mid := (lo + hi) / 2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func logPMF(k, n int64, p float64) float64 {
	if p <= 0 {
		if k == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	if p >= 1 {
		if k == n {
			return 0
		}
		return math.Inf(-1)
	}
	lg := func(x int64) float64 { v, _ := math.Lgamma(float64(x) + 1); return v }
	return lg(n) - lg(k) - lg(n-k) + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p)
}

func binomCDF(x, n int64, p float64) float64 {
	if x < 0 {
		return 0
	}
	if x >= n {
		return 1
	}
	s := 0.0
	for k := int64(0); k <= x; k++ {
		s += math.Exp(logPMF(k, n, p))
	}
	return math.Min(s, 1)
}

// binomTest is the exact two-sided binomial test (R's binom.test): the total
// probability of outcomes no more likely than x.
func binomTest(x, n int64, p0 float64) float64 {
	d := logPMF(x, n, p0)
	const relErr = 1 + 1e-7
	s := 0.0
	for k := int64(0); k <= n; k++ {
		if l := logPMF(k, n, p0); l <= d+math.Log(relErr) {
			s += math.Exp(l)
		}
	}
	return math.Min(s, 1)
}
