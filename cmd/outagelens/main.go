// Command outagelens turns server logs and news reports into outage numbers for
// public e-services: month-end outage frequency, capacity saturation and
// per-service reliability, for analysts (CLI reports) and planners (HTML).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"

	"outagelens/data/store"
)

// Exit codes, stable for scripts (listed in --help and the README).
const (
	exitOK       = 0 // success
	exitError    = 1 // any other failure
	exitUsage    = 2 // bad flags or arguments
	exitRejects  = 3 // a file's reject rate exceeded --max-reject-rate
	exitDBLocked = 4 // another outagelens run holds the database
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// profileEnv names a file to write a Go CPU profile of the whole run to
// (go tool pprof reads it); for performance work, not for users.
const profileEnv = "OUTAGELENS_CPUPROFILE"

// startProfile starts the CPU profile $OUTAGELENS_CPUPROFILE asks for and returns
// the function that ends it.
func startProfile(stderr io.Writer) func() {
	path := os.Getenv(profileEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "outagelens: %s: %v\n", profileEnv, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "outagelens: %s: %v\n", profileEnv, err)
		}
	}
}

// run executes the command line and returns the process exit code.
func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	streams := systemStreams()
	defer startProfile(streams.Err)()
	root := newRoot(streams)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return exitCode(err, streams.Err)
}

// usageError marks a mistake in how the command was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errRejects reports that a file had more rejected lines than allowed.
var errRejects = errors.New("reject rate exceeded")

// exitCode prints err once, to stderr, and maps it to an exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "outagelens: %v\n", err)
	var ue *usageError
	switch {
	case errors.As(err, &ue), isCobraUsage(err):
		fmt.Fprintln(stderr, "Run 'outagelens --help' for usage.")
		return exitUsage
	case errors.Is(err, store.ErrLocked):
		return exitDBLocked
	case errors.Is(err, errRejects):
		return exitRejects
	}
	return exitError
}

// isCobraUsage recognises cobra's own usage errors (unknown commands, wrong
// argument counts), which it returns as plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "received ", "invalid argument"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}
