// Package golden compares test output with testdata/*.golden files, the way
// go/printer's tests do: run the package's tests with -update to rewrite them,
// then review the diff. Only tests import it.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is the -update flag of the test binary that imports this package.
var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// Check compares got with the file at path, or rewrites the file with -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file %s (run the package's tests with -update): %v", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (if the change is intended, run the package's tests with -update and review the diff)\n--- got\n%s", path, clip(got))
	}
}

// clip keeps failure messages readable for pages of HTML.
func clip(b []byte) []byte {
	if len(b) > 4000 {
		return append(b[:4000:4000], "…"...)
	}
	return b
}
