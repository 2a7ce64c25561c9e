package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"outagelens/data/store"
)

const lockChildEnv = "OUTAGELENS_STORE_LOCK_CHILD"

// TestMain lets the test binary act as a second process that tries to open a
// database: the parent runs it with lockChildEnv set to the path.
func TestMain(m *testing.M) {
	if path := os.Getenv(lockChildEnv); path != "" {
		db, err := store.Open(context.Background(), path, store.Options{})
		if err == nil {
			db.Close()
			fmt.Print("opened")
			os.Exit(0)
		}
		if errors.Is(err, store.ErrLocked) {
			fmt.Print("locked")
			os.Exit(0)
		}
		fmt.Print(err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func openInChild(t *testing.T, path string) error {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), lockChildEnv+"="+path)
	out, err := cmd.CombinedOutput()
	switch s := strings.TrimSpace(string(out)); {
	case s == "locked":
		return store.ErrLocked
	case s == "opened":
		return nil
	default:
		return fmt.Errorf("child: %v: %s", err, s)
	}
}
