// Package realdata locates the shared real-data folder (shared/realdata: logs,
// pages and status histories written by other projects) that tests read at test
// time. The data is never copied into the repository; tests skip, saying why,
// when it cannot be found.
package realdata

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// EnvVar names an environment variable that, when set, points directly at the
// realdata folder and overrides the search.
const EnvVar = "OUTAGELENS_REALDATA"

// Dir returns the realdata folder: $OUTAGELENS_REALDATA if set, otherwise the
// first "shared/realdata" found beside the working directory or one of its
// ancestors (so ../shared/realdata seen from a checkout works). It returns an
// error naming what was tried when nothing is found.
func Dir() (string, error) {
	if env := os.Getenv(EnvVar); env != "" {
		if isDir(env) {
			return env, nil
		}
		return "", errors.New(EnvVar + "=" + env + " is not a directory")
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		cand := filepath.Join(dir, "shared", "realdata")
		if isDir(cand) {
			return cand, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", errors.New("no shared/realdata beside " + wd + " or any ancestor, and " + EnvVar + " is unset")
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// Path returns the file or folder rel inside the realdata folder, or skips the
// test with the reason when the folder (or rel in it) is absent.
func Path(t testing.TB, rel string) string {
	t.Helper()
	dir, err := Dir()
	if err != nil {
		t.Skipf("real data not found, test skipped: %v", err)
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data %s not found, test skipped: %v", rel, err)
	}
	return p
}
