package analyze_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/store/storetest"
)

// Result tables use the types reports scan into: integer counts are BIGINT, not
// DuckDB's HUGEINT (what sum() of BIGINT gives), which database/sql cannot scan
// into an int64.
func TestResultColumnTypes(t *testing.T) {
	ctx := context.Background()
	db := storetest.Memory(t)
	_, err := analyze.Run(ctx, db, analyze.Options{})
	require.NoError(t, err)
	rows, err := db.Query(ctx, `SELECT table_name || '.' || column_name FROM duckdb_columns()
		WHERE starts_with(table_name, 'result_') AND data_type IN ('HUGEINT', 'UHUGEINT', 'DECIMAL')
		ORDER BY 1`)
	require.NoError(t, err)
	var bad []string
	for _, r := range scanAll(t, rows) {
		bad = append(bad, r[0].(string))
	}
	require.Empty(t, bad)
}
