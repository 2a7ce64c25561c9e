// Command duckload is the benchmark's DuckDB-only baseline (package sqlonly): it
// loads a combined access log into a typed table of a fresh database file using
// nothing but DuckDB SQL, with the same embedded DuckDB outagelens uses.
//
//	duckload ACCESS.LOG DB
package main

import (
	"context"
	"fmt"
	"os"

	"outagelens/bench/duckload/sqlonly"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: duckload ACCESS.LOG DB")
		os.Exit(2)
	}
	n, err := sqlonly.Run(context.Background(), os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "duckload:", err)
		os.Exit(1)
	}
	fmt.Printf("%d rows\n", n)
}
