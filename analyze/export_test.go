package analyze

import (
	"context"
	"fmt"
	"slices"

	"outagelens/data/store"
)

// Exported for tests.
var (
	DeclaredParams = declaredParams
	ParamRE        = paramRE
)

// RunOne runs one analysis step on its own, in a transaction of its own, for
// benchmarks and timing.
func RunOne(ctx context.Context, db *store.DB, name string, o Options) error {
	o = o.withDefaults()
	tz, err := fixedOffsetMinutes(ctx, db, o.Location)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(steps, func(s step) bool { return s.name == name })
	if i < 0 {
		return fmt.Errorf("analyze: no step %s", name)
	}
	return db.Write(ctx, func(tx *store.Tx) error {
		return steps[i].run(ctx, tx, o, o.params(tz))
	})
}
