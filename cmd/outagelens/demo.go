package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"
)

// demoConfig is the bundled run config over the demo data, relative to the
// repository root.
const demoConfig = "data/demo/demo.toml"

func newDemoCmd(a *app) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the whole pipeline on the bundled demo data and print the reliability table",
		Long: heredoc.Doc(`
			Ingest the bundled demo set (13 months of logs for four Indian e-services
			and news pages about their outages; see data/demo/SCENARIO.md), analyze it,
			print the per-service reliability table and write the HTML summary.
			It is 'outagelens run --config data/demo/demo.toml', run from the
			repository root. Running it again is a no-op that says so.
		`),
		Example: "  $ go run ./cmd/outagelens demo",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := os.Stat(demoConfig); err != nil {
				wd, _ := os.Getwd()
				return fmt.Errorf("demo: %s not found under %s: run the demo from the outagelens repository root", demoConfig, wd)
			}
			c, err := loadRunConfig(demoConfig)
			if err != nil {
				return err
			}
			c.HTML.Out, _ = filepath.Abs(out)
			return a.runConfig(cmd, c)
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", defaultHTMLDir, "folder to write the HTML summary into")
	return cmd
}
