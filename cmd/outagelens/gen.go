package main

import (
	"bufio"
	"errors"
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
		Short: "Generate data: the demo set, or a large access log for benchmarks",
	}
	cmd.AddCommand(newGenDemoCmd(a), newGenAccessLogCmd(a))
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = unknownSubcommand([]string{"demo", "accesslog"})
	return cmd
}

func newGenDemoCmd(a *app) *cobra.Command {
	var dir string
	var seed int64
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Regenerate the demo logs (seeded, deterministic)",
		Long: heredoc.Doc(`
			Write the demo logs, manifest.json and truth.json into a folder. With the
			default seed the content is exactly what data/demo holds (a test checks it).
		`),
		Example: "  $ outagelens gen demo -o /tmp/demo",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := demo.Generate(dir, demo.Options{Seed: seed})
			if err != nil {
				return err
			}
			a.say("wrote %d files into %s", len(m.Files), dir)
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "out", "o", "data/demo", "folder to write into (logs/ is created inside)")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random seed")
	return cmd
}

func newGenAccessLogCmd(a *app) *cobra.Command {
	var out, size string
	var seed int64
	cmd := &cobra.Command{
		Use:   "accesslog",
		Short: "Write a large realistic combined access log with outage windows (for benchmarks)",
		Example: examples(`
			$ outagelens gen accesslog --size 1GB -o bench/out/access.log
		`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := parseSize(size)
			if err != nil {
				return usagef("--size: %v", err)
			}
			if out == "" {
				return usagef("--out is required")
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(f, 1<<20)
			err = demo.AccessLog(w, n, demo.AccessLogOptions{Seed: seed})
			if err == nil {
				err = w.Flush()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return errors.Join(fmt.Errorf("gen accesslog %s: %w", out, err), os.Remove(out))
			}
			a.say("wrote %s (%s)", out, humanBytes(n))
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "file to write")
	cmd.Flags().StringVar(&size, "size", "1GB", "approximate size: bytes, or with KB, MB, GB (powers of 1000)")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random seed")
	return cmd
}

// parseSize reads "1GB", "500MB", "10000".
func parseSize(orig string) (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(orig))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.m
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a size", orig)
	}
	return int64(v * float64(mult)), nil
}
