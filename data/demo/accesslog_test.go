package demo

import (
	"bytes"
	"crypto/sha256"
	"io"
	"testing"
	"time"
)

func TestAccessLog(t *testing.T) {
	const size = 10 << 20
	var a bytes.Buffer
	if err := AccessLog(&a, size, AccessLogOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := a.Len(); n > size || n < size*98/100 {
		t.Fatalf("wrote %d bytes for %d asked", n, size)
	}
	// Deterministic: the same options give the same bytes; another seed does not.
	h := sha256.New()
	if err := AccessLog(h, size, AccessLogOptions{}); err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(a.Bytes()); !bytes.Equal(h.Sum(nil), sum[:]) {
		t.Errorf("two runs with the same options differ")
	}
	var c bytes.Buffer
	if err := AccessLog(&c, 1<<20, AccessLogOptions{Seed: 2}); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(a.Bytes(), c.Bytes()[:4096]) {
		t.Errorf("seed 2 gives the same lines as seed 1")
	}

	reqs := parseCombined(t, a.Bytes()) // fails on any line the regexp does not take
	var ipv6, dashes, escaped int
	type minute struct{ n, e int }
	var mins []minute
	var last time.Time
	for i, r := range reqs {
		if r.at.Before(last) {
			t.Fatalf("line %d goes back in time: %v after %v", i+1, r.at, last)
		}
		if m := r.at.Truncate(time.Minute); !m.Equal(last.Truncate(time.Minute)) || i == 0 {
			mins = append(mins, minute{})
		}
		last = r.at
		mins[len(mins)-1].n++
		if r.status >= 500 {
			mins[len(mins)-1].e++
		}
		if bytes.ContainsRune([]byte(r.client), ':') {
			ipv6++
		}
		if r.bytes < 0 {
			dashes++
		}
		if bytes.Contains([]byte(r.ua), []byte(`\"`)) {
			escaped++
		}
	}
	if ipv6 == 0 || dashes == 0 || escaped == 0 {
		t.Errorf("%d IPv6 clients, %d '-' byte counts, %d escaped quotes: want some of each", ipv6, dashes, escaped)
	}
	// Outage windows: runs of at least 10 minutes where half or more of the
	// requests are 5xx; elsewhere a 5xx is rare.
	var runs []int
	var run, calm, calm5xx int
	for _, m := range mins {
		if m.n >= 3 && 2*m.e >= m.n {
			run++
			continue
		}
		if run > 0 {
			runs = append(runs, run)
			run = 0
		}
		calm += m.n
		calm5xx += m.e
	}
	t.Logf("%d lines over %d minutes; outage runs (minutes): %v", len(reqs), len(mins), runs)
	if len(runs) == 0 {
		t.Fatalf("no outage in %d minutes", len(mins))
	}
	for _, r := range runs {
		if r < 10 || r > 45 {
			t.Errorf("an outage of %d minutes, want 10 to 45", r)
		}
	}
	if share := float64(calm5xx) / float64(calm); share > 0.01 {
		t.Errorf("%.3f of requests outside outages are 5xx", share)
	}
}

func TestAccessLogTinySizes(t *testing.T) {
	for _, size := range []int64{0, 1, 100} {
		var b bytes.Buffer
		if err := AccessLog(&b, size, AccessLogOptions{}); err != nil {
			t.Fatal(err)
		}
		if int64(b.Len()) > size {
			t.Errorf("size %d: wrote %d bytes", size, b.Len())
		}
	}
}

func BenchmarkAccessLog(b *testing.B) {
	const size = 64 << 20
	b.SetBytes(size)
	for b.Loop() {
		if err := AccessLog(io.Discard, size, AccessLogOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
