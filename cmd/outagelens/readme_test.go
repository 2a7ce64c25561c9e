package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/store/storetest"
	"outagelens/reports"
	"outagelens/reports/text"
)

// readmeSection returns the README's text from the line "heading" to the next
// heading of the same or a higher level.
func readmeSection(t *testing.T, readme, heading string) string {
	t.Helper()
	i := strings.Index(readme, "\n"+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "README has no %q", heading)
	level := heading[:strings.IndexByte(heading, ' ')+1]
	rest := readme[i+len(heading)+2:]
	for _, h := range []string{"\n" + level, "\n" + strings.TrimSuffix(level, "# ") + " "} {
		if j := strings.Index(rest, h); j >= 0 {
			rest = rest[:j]
		}
	}
	return rest
}

var backticked = regexp.MustCompile("`([^`]+)`")

// firstColumn returns the backticked names in the first cell of a table row.
func firstColumn(line string) []string {
	cells := strings.Split(line, "|")
	if len(cells) < 3 {
		return nil
	}
	var out []string
	for _, m := range backticked.FindAllStringSubmatch(cells[1], -1) {
		out = append(out, m[1])
	}
	return out
}

// TestReadmeReportFields keeps the README's report documentation true: the
// reports table names every report the CLI has and no other, and the field
// reference lists each report's CSV and JSON fields, in the order the report
// prints them.
func TestReadmeReportFields(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	readme := string(b)

	var names []string
	for _, s := range reportSpecs {
		names = append(names, s.name)
	}
	var listed []string
	for _, line := range strings.Split(readmeSection(t, readme, "### The reports: `outagelens report NAME`"), "\n") {
		if c := firstColumn(line); strings.HasPrefix(line, "| `") && len(c) == 1 && !strings.HasPrefix(c[0], "--") {
			listed = append(listed, c[0])
		}
	}
	require.ElementsMatch(t, names, listed, "reports in the README's table")

	// The field reference: "**name** (...)" then a table whose first column
	// names the fields, or "the same fields as **other**".
	documented := map[string][]string{}
	same := map[string]string{}
	var current string
	sameRE := regexp.MustCompile(`the same fields as \*\*([a-z-]+)\*\*`)
	for _, line := range strings.Split(readmeSection(t, readme, "### Report fields"), "\n") {
		if strings.HasPrefix(line, "**") {
			current = strings.SplitN(line[2:], "**", 2)[0]
			documented[current] = nil
			if m := sameRE.FindStringSubmatch(line); m != nil {
				same[current] = m[1]
			}
			continue
		}
		if current != "" && strings.HasPrefix(line, "| `") {
			documented[current] = append(documented[current], firstColumn(line)...)
		}
	}
	for name, other := range same {
		documented[name] = documented[other]
	}

	ctx := context.Background()
	db := storetest.Memory(t)
	_, err = analyze.Run(ctx, db, analyze.Options{})
	require.NoError(t, err)
	for _, s := range reportSpecs {
		rows, err := s.rows(ctx, db, reports.Filter{}, false)
		require.NoError(t, err, s.name)
		var csv bytes.Buffer
		require.NoError(t, text.Write(&csv, rows, text.Options{Format: text.CSV}), s.name)
		head, _, _ := strings.Cut(csv.String(), "\n")
		require.Contains(t, documented, s.name, "the README's field reference has no %s", s.name)
		require.Equal(t, strings.Split(head, ","), documented[s.name], "README fields of %s", s.name)
	}
	require.Len(t, documented, len(reportSpecs), "the field reference documents a report the CLI does not have")
	require.True(t, slices.Contains(names, "services"))
}
