package analyze_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/store/storetest"
)

// Every analysis runs on a freshly migrated, empty database: the embedded SQL
// matches the schema, and an empty store gives empty results, not errors.
func TestRunOnEmptyStore(t *testing.T) {
	ctx := context.Background()
	db := storetest.Memory(t)
	sum, err := analyze.Run(ctx, db, analyze.Options{})
	require.NoError(t, err)
	require.False(t, sum.UpToDate)
	require.NotEmpty(t, sum.Steps)
	for _, s := range sum.Steps {
		require.Zero(t, s.Rows, s.Name)
	}
	sum, err = analyze.Run(ctx, db, analyze.Options{})
	require.NoError(t, err)
	require.True(t, sum.UpToDate, "a second run over the same inputs is skipped")
}

// Each query's header lists exactly the $parameters its body uses.
func TestQueryHeadersDeclareParams(t *testing.T) {
	for _, name := range analyze.StepNames() {
		q := analyze.Query(name)
		require.True(t, strings.HasPrefix(q, "-- "+name+":"), "%s.sql must start with a header naming it", name)
		declared := map[string]bool{}
		for _, p := range analyze.DeclaredParams(q) {
			declared[p] = true
		}
		body := q[strings.Index(q, "\nCREATE"):]
		for _, m := range analyze.ParamRE.FindAllStringSubmatch(body, -1) {
			require.True(t, declared[m[1]], "%s.sql uses $%s without declaring it in its header", name, m[1])
		}
	}
}
