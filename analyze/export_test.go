package analyze

import (
	"context"

	"outagelens/data/store"
)

// Exported for tests.
var (
	DeclaredParams = declaredParams
	ParamRE        = paramRE
)

// RunOne runs one analysis step on its own, outside a transaction, for
// benchmarks and timing.
func RunOne(ctx context.Context, db *store.DB, name string, o Options) error {
	o = o.withDefaults()
	tz, err := fixedOffsetMinutes(ctx, db, o.Location)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *store.Tx) error {
		if err := runSQL(ctx, tx, name, o.params(tz)); err != nil {
			return err
		}
		for _, s := range steps {
			if s.name == name && s.finish != nil {
				return s.finish(ctx, tx, o)
			}
		}
		return nil
	})
}
