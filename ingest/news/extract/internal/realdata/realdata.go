// Package realdata locates the shared real-data folder (shared/realdata) that
// the benchmark tests read at test time. The data is never copied into the
// repository; tests skip when it cannot be found.
package realdata

import (
	"errors"
	"os"
	"path/filepath"
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
