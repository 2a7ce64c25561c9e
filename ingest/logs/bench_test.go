package logs_test

import (
	"bytes"
	"testing"
	"time"
	"unsafe"

	"outagelens/data/catalog"
	"outagelens/data/demo"
	"outagelens/ingest/batch"
	"outagelens/ingest/logs"
)

// generated returns size bytes of the benchmark's access log (outagelens gen
// accesslog): realistic clients, paths, user agents and escaped quotes.
func generated(b *testing.B, size int64) []byte {
	var buf bytes.Buffer
	if err := demo.AccessLog(&buf, size, demo.AccessLogOptions{}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// split cuts data into lines and counts their spaces: the floor a parser is
// compared with.
func split(data []byte) int {
	fields := 0
	for rest := data; len(rest) > 0; {
		j := bytes.IndexByte(rest, '\n')
		fields += bytes.Count(rest[:j], []byte{' '})
		rest = rest[j+1:]
	}
	return fields
}

// parser parses data's lines into set as the ingest pipeline's workers do (the
// default catalog's service rules, chunks known to be valid UTF-8) and flushes.
type parser struct {
	set *batch.Set
	p   logs.Parser
}

func newParser() *parser {
	m := catalog.Default().Matcher()
	opts := logs.Options{Service: func(host, path []byte, _ string) string {
		return m.ForLine(unsafe.String(unsafe.SliceData(host), len(host)), unsafe.String(unsafe.SliceData(path), len(path)))
	}}
	return &parser{set: batch.NewSet(batch.NewPool(), 1), p: logs.Combined.New(opts)}
}

func (p *parser) parse(b *testing.B, data []byte) {
	n := int64(0)
	for rest := data; len(rest) > 0; {
		j := bytes.IndexByte(rest, '\n')
		n++
		if err := p.p.Parse(rest[:j], n, p.set); err != nil {
			b.Fatal(err)
		}
		rest = rest[j+1:]
		if n%(1<<16) == 0 {
			p.flush()
		}
	}
	p.flush()
}

func (p *parser) flush() {
	for _, r := range p.set.Flush() {
		r.Record.Release()
	}
}

// BenchmarkParseCombined parses the generated access log into Arrow builders.
// "split" only cuts the same bytes into lines and fields by spaces; "ratio"
// times both in every iteration and reports parse time / split time, a figure
// that does not depend on how busy the machine is.
func BenchmarkParseCombined(b *testing.B) {
	data := generated(b, 16<<20)
	b.Run("split", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			split(data)
		}
	})
	b.Run("parse", func(b *testing.B) {
		p := newParser()
		defer p.set.Release()
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			p.parse(b, data)
		}
	})
	b.Run("ratio", func(b *testing.B) {
		p := newParser()
		defer p.set.Release()
		var splitTime, parseTime time.Duration
		for b.Loop() {
			t0 := time.Now()
			split(data)
			t1 := time.Now()
			p.parse(b, data)
			splitTime += t1.Sub(t0)
			parseTime += time.Since(t1)
		}
		b.ReportMetric(float64(parseTime)/float64(splitTime), "parse/split")
	})
}
