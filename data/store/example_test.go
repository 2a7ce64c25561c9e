package store_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"outagelens/data/store"
)

// Open a database file, load an Arrow batch in one transaction, and query it.
func Example() {
	dir, err := os.MkdirTemp("", "outagelens-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	db, err := store.Open(ctx, filepath.Join(dir, "outagelens.duckdb"), store.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	// Two quarantined lines of source 1, as an Arrow record.
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "source_id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "line", Type: arrow.PrimitiveTypes.Int64},
		{Name: "reason", Type: arrow.BinaryTypes.String},
		{Name: "raw", Type: arrow.BinaryTypes.String},
	}, nil)
	b := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
	defer b.Release()
	b.Field(0).(*array.Int64Builder).AppendValues([]int64{1, 1}, nil)
	b.Field(1).(*array.Int64Builder).AppendValues([]int64{7, 9}, nil)
	b.Field(2).(*array.StringBuilder).AppendValues([]string{"bad timestamp", "wrong number of fields"}, nil)
	b.Field(3).(*array.StringBuilder).AppendValues([]string{"[32/Sep/2024:10:00:00 +0530]", "garbage"}, nil)
	rec := b.NewRecord()
	defer rec.Release()

	err = db.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Load(ctx, "rejects", rec)
		fmt.Println("loaded", n, "rows")
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	var reasons int
	if err := db.QueryRow(ctx, "SELECT count(DISTINCT reason) FROM rejects").Scan(&reasons); err != nil {
		log.Fatal(err)
	}
	fmt.Println(reasons, "reasons")
	// Output:
	// loaded 2 rows
	// 2 reasons
}
