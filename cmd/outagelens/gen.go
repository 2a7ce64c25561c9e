package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"outagelens/data/demo"
)

func newGenCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Generate test inputs (a large access log for the ingest benchmark)",
	}
	cmd.AddCommand(newGenAccessLogCmd(a))
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = unknownSubcommand([]string{"accesslog"})
	return cmd
}

func newGenAccessLogCmd(a *app) *cobra.Command {
	var size, out string
	var seed int64
	cmd := &cobra.Command{
		Use:   "accesslog --size SIZE -o FILE",
		Short: "Write a deterministic, realistic combined access log with outage windows",
		Long: heredoc.Doc(`
			Write a combined access log of about --size bytes (the demo services'
			traffic over a daily shape, with outages every few hours), for the ingest
			benchmark (bench/ingest.sh). The same --seed and --size give the same bytes.
		`),
		Example: examples(`
			$ outagelens gen accesslog --size 1GB -o bench/out/access.log
		`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := parseSize(size)
			if err != nil {
				return &usageError{fmt.Errorf("--size: %w", err)}
			}
			if out == "" {
				return usagef("-o FILE is required")
			}
			return genAccessLog(a, out, n, seed)
		},
	}
	cmd.Flags().StringVar(&size, "size", "100MB", "size of the log: bytes or with a unit (KB, MB, GB; KiB, MiB, GiB)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write")
	cmd.Flags().Int64Var(&seed, "seed", 1, "seed of every random draw")
	return cmd
}

func genAccessLog(a *app, path string, size, seed int64) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	if err := demo.AccessLog(w, size, demo.AccessLogOptions{Seed: seed}); err != nil {
		return fmt.Errorf("gen accesslog: %w", err)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	a.say("wrote %s (%.1f MB)", path, float64(size)/1e6)
	return nil
}

// parseSize reads "1GB", "512MiB", "1000" (bytes).
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, x := range units {
		if strings.HasSuffix(u, x.suffix) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, x.suffix)), x.mult
			break
		}
	}
	v, err := strconv.ParseFloat(u, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a size (want like 1GB or 500MiB)", s)
	}
	return int64(v * float64(mult)), nil
}
