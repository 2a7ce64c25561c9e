package extract

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzMaxBytes caps fuzz inputs; pages this size already exercise every
// code path, and larger ones only slow the fuzzer down.
const fuzzMaxBytes = 64 << 10

// FuzzBody feeds arbitrary bytes to Body. It must not panic (panics inside
// the third-party extractors are recovered by Body, and the fuzzer reports
// them as failures too so that they get noticed), and what it returns must
// have the documented form.
func FuzzBody(f *testing.F) {
	for _, fx := range fixtures {
		if b, err := os.ReadFile("testdata/" + fx.name + ".html"); err == nil {
			f.Add(b, uint8(Auto))
		}
	}
	f.Add([]byte(englishPage), uint8(Readability))
	f.Fuzz(func(t *testing.T, page []byte, method uint8) {
		if len(page) > fuzzMaxBytes {
			t.Skip("input above the fuzz size cap")
		}
		m := Method(method % 3)
		got, err := Body(page, nil, Options{Method: m})
		if errors.Is(err, errPanic) {
			t.Fatalf("%v: extractor panicked: %v", m, err)
		}
		if err != nil {
			if got != "" {
				t.Fatalf("%v: error %v with output %q", m, err, got)
			}
			return
		}
		checkBodyForm(t, got)
	})
}

// checkBodyForm checks the documented output form.
func checkBodyForm(t *testing.T, got string) {
	t.Helper()
	if got == "" {
		t.Fatal("empty body without error")
	}
	if !utf8.ValidString(got) {
		t.Fatalf("invalid UTF-8: %q", got)
	}
	for _, p := range strings.Split(got, "\n\n") {
		if p == "" || strings.TrimSpace(p) != p {
			t.Fatalf("paragraph not trimmed or empty: %q in %q", p, got)
		}
		if strings.Contains(p, "\r") {
			t.Fatalf("carriage return in %q", p)
		}
	}
}
