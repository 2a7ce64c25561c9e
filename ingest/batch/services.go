package batch

import (
	"sync"

	"github.com/apache/arrow/go/v17/arrow/array"
)

// Access-log rows (request_rows) hold their service as an integer key that the
// table service_keys names; the view requests joins the name back. Storing the
// name on every row cost DuckDB string statistics, dictionary analysis and
// compression per value: 0.5-0.6 CPU-seconds per GB of access log, measured on
// the benchmark log (README, "Ingest benchmark").

// RequestRows is the table access-log rows are stored in; read them through the
// view requests, which has their service's name.
const RequestRows = "request_rows"

// ServiceKeysTable names the keys of request_rows.service_key. Its rows belong to
// no source: a key stays when the rows of the source that brought it are replaced.
const ServiceKeysTable = "service_keys"

var serviceKeysSchema = arrowSchema(
	field("service_key", i32, false),
	field("service_id", str, false),
)

// ServiceKey is one row of service_keys.
type ServiceKey struct {
	Key  int32
	Name string
}

// ServiceKeys hands out service keys: the stored ones, and new ones for services
// met for the first time, which the Set that met them adds to its service_keys
// rows (so they are stored in the same transaction as the rows that use them).
// Sets loading into one transaction share one that holds the stored keys (the
// database admits one writer at a time). Safe for concurrent use.
type ServiceKeys struct {
	mu   sync.Mutex
	keys map[string]int32
	next int32
}

// NewServiceKeys returns the keys of stored, the rows of service_keys.
func NewServiceKeys(stored []ServiceKey) *ServiceKeys {
	k := &ServiceKeys{keys: make(map[string]int32, len(stored)), next: 1}
	for _, s := range stored {
		k.keys[s.Name] = s.Key
		k.next = max(k.next, s.Key+1)
	}
	return k
}

// key returns the key of the service name and whether it is new. (Services come
// from the catalog, --service and "unknown": 32 bits are plenty.)
func (k *ServiceKeys) key(name string) (key int32, added bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if key, ok := k.keys[name]; ok {
		return key, false
	}
	key = k.next
	k.next++
	k.keys[name] = key
	return key, true
}

// serviceKeysBuilder builds rows of service_keys.
type serviceKeysBuilder struct {
	key  *array.Int32Builder
	name *array.StringBuilder
}

func newServiceKeys(b *array.RecordBuilder) serviceKeysBuilder {
	return serviceKeysBuilder{key: b.Field(0).(*array.Int32Builder), name: b.Field(1).(*array.StringBuilder)}
}

// serviceKey returns the key of the service name, adding a service_keys row to s
// when the key is new.
func (s *Set) serviceKey(name string) int32 {
	key, added := s.ServiceKeys.key(name)
	if added {
		s.serviceKeys.key.Append(key)
		appendString(s.serviceKeys.name, name)
	}
	return key
}
