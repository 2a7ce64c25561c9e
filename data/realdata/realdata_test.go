package realdata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirFromEnvAndAncestors(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "shared", "realdata")
	deep := filepath.Join(root, "wt", "extract", "pkg")
	for _, d := range []string{data, deep} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(EnvVar, "")
	t.Chdir(deep)
	got, err := Dir()
	if err != nil || got != data {
		t.Fatalf("Dir() = %q, %v; want %q", got, err, data)
	}

	t.Setenv(EnvVar, deep)
	if got, err := Dir(); err != nil || got != deep {
		t.Fatalf("with %s: Dir() = %q, %v", EnvVar, got, err)
	}
	t.Setenv(EnvVar, filepath.Join(root, "missing"))
	if _, err := Dir(); err == nil {
		t.Fatal("a missing override was accepted")
	}

}
