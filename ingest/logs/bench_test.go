package logs_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"outagelens/ingest/batch"
	"outagelens/ingest/logs"
)

// benchLines returns n combined-format lines like the benchmark's generated log.
func benchLines(n int) []byte {
	var b bytes.Buffer
	t := time.Date(2024, 9, 1, 0, 0, 0, 0, time.FixedZone("", 19800))
	uas := []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
		"ePoS/2.3 (Android 9)",
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "10.%d.%d.%d - - [%s] \"GET /epos/txn?id=%d HTTP/1.1\" %d %d \"https://epos.wbfood.example/\" \"%s\" 0.%03d 0.%03d\n",
			i%256, i/256%256, i%7, t.Add(time.Duration(i)*time.Second).Format("02/Jan/2006:15:04:05 -0700"),
			i, 200+303*(i%2), i%50000, uas[i%2], i%1000, i%997)
	}
	return b.Bytes()
}

// BenchmarkParseCombined parses access-log lines into Arrow builders; its
// sub-benchmark "split" only cuts the same bytes into lines and fields by spaces,
// the floor to compare with (ns/op of parse / ns/op of split is the ratio).
func BenchmarkParseCombined(b *testing.B) {
	data := benchLines(10000)
	b.Run("split", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		fields := 0
		for i := 0; i < b.N; i++ {
			rest := data
			for len(rest) > 0 {
				j := bytes.IndexByte(rest, '\n')
				line := rest[:j]
				rest = rest[j+1:]
				fields += bytes.Count(line, []byte{' '})
			}
		}
		_ = fields
	})
	b.Run("parse", func(b *testing.B) {
		set := batch.NewSet(batch.NewPool(), 1)
		defer set.Release()
		p := logs.Combined.New(logs.Options{})
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rest := data
			n := int64(0)
			for len(rest) > 0 {
				j := bytes.IndexByte(rest, '\n')
				n++
				if err := p.Parse(rest[:j], n, set); err != nil {
					b.Fatal(err)
				}
				rest = rest[j+1:]
			}
			for _, r := range set.Flush() {
				r.Record.Release()
			}
		}
	})
}
