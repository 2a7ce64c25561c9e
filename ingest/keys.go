package ingest

import (
	"context"
	"fmt"

	"outagelens/data/store"
	"outagelens/ingest/batch"
)

// keys are the numbering every batch.Set of one transaction shares: the ids of
// new request_strings rows and the keys of services (new ones go to the database
// with the Sets' batches).
type keys struct {
	strings  *batch.StringIDs
	services *batch.ServiceKeys
}

// loadKeys reads where the numbering stands in tx.
func loadKeys(ctx context.Context, tx *store.Tx) (keys, error) {
	var firstString int64
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(string_id), 0) + 1 FROM "+batch.RequestStrings).Scan(&firstString); err != nil {
		return keys{}, fmt.Errorf("next string id: %w", err)
	}
	rows, err := tx.Query(ctx, "SELECT service_key, service_id FROM "+batch.ServiceKeysTable)
	if err != nil {
		return keys{}, fmt.Errorf("service keys: %w", err)
	}
	defer rows.Close()
	var stored []batch.ServiceKey
	for rows.Next() {
		var k batch.ServiceKey
		if err := rows.Scan(&k.Key, &k.Name); err != nil {
			return keys{}, fmt.Errorf("service keys: %w", err)
		}
		stored = append(stored, k)
	}
	if err := rows.Err(); err != nil {
		return keys{}, fmt.Errorf("service keys: %w", err)
	}
	return keys{strings: batch.NewStringIDs(firstString), services: batch.NewServiceKeys(stored)}, nil
}
