package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"outagelens/data/store"
)

// TestMain lets scripts run the real CLI as the "outagelens" command, in-process
// and offline.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"outagelens": func() { os.Exit(run(os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("TZ", "UTC")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// holddb PATH opens the database in the test process until the script
			// ends, as a concurrent outagelens run would.
			"holddb": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: holddb PATH")
				}
				db, err := store.Open(context.Background(), ts.MkAbs(args[0]), store.Options{})
				ts.Check(err)
				ts.Defer(func() { ts.Check(db.Close()) })
			},
		},
	})
}

// TestExitCodes pins the exit codes scripts rely on.
func TestExitCodes(t *testing.T) {
	for _, c := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{errors.New("boom"), exitError},
		{usagef("--from is not before --to"), exitUsage},
		{fmt.Errorf("open x.duckdb: %w", store.ErrLocked), exitDBLocked},
		{fmt.Errorf("%w: above 1.0%% in a.log", errRejects), exitRejects},
		{errors.Join(errors.New("ingest a.log: bad"), fmt.Errorf("%w: above 1%%", errRejects)), exitRejects},
		{errors.New(`unknown command "frobnicate" for "outagelens"`), exitUsage},
	} {
		if got := exitCode(c.err, io.Discard); got != c.want {
			t.Errorf("exitCode(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}
