package logs_test

import (
	"errors"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"

	"outagelens/ingest/batch"
	"outagelens/ingest/logs"
)

// maxFuzzInput caps inputs, as Prometheus' fuzzers do: the chunker rejects lines
// over a megabyte before a parser sees them.
const maxFuzzInput = 64 << 10

// fuzzParse checks a parser's promises on arbitrary lines: no panic; a line gives
// rows or a *LineError carrying its number, never both; the Arrow memory is freed.
// The corpus is in testdata/fuzz/<name>; the seeds below run with go test.
func fuzzParse(f *testing.F, format logs.Format, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if len(line) > maxFuzzInput {
			t.Skip()
		}
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		set := batch.NewSet(mem, 1)
		defer set.Release()
		p := format.New(testOptions())
		const n = 7
		err := p.Parse(line, n, set)
		rows := set.Rows()
		if err != nil {
			var le *logs.LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LineError", err)
			}
			if le.Line != n {
				t.Fatalf("LineError says line %d, want %d", le.Line, n)
			}
			if rows != 0 {
				t.Fatalf("a rejected line appended %d rows", rows)
			}
		}
		if fl, ok := p.(logs.Flusher); ok {
			_ = fl.Flush(set)
		}
		for _, b := range set.Flush() {
			b.Record.Release()
		}
	})
}

func FuzzParseCombined(f *testing.F) {
	fuzzParse(f, logs.Combined,
		`127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326`,
		`vh:443 ::1 - - [28/Sep/2024:18:10:01 +0530] "GET / HTTP/2.0" - - "-" "a \"b\"" 0.1 rt=1 urt="2, 3"`,
		`1.2.3.4 - - [28/Sep/2024:18:10:01 +0530] "GET /x HTTP/1.1" 200 5 "-" "cut`)
}

func FuzzParseJSONLines(f *testing.F) {
	fuzzParse(f, logs.JSONLines, `{"ts":1719477000000,"log":{"level":"WARN"},"msg":"disk full"}`, `{"time":"x"}`, `{`)
}

func FuzzParseSyslog3164(f *testing.F) {
	fuzzParse(f, logs.Syslog3164, "<11>Jan  3 09:47:03 h kernel: No space left on device", "Feb 29 00:00:00 h x", "\tcont")
}

func FuzzParseSyslog5424(f *testing.F) {
	fuzzParse(f, logs.Syslog5424, `<165>1 2003-10-11T22:14:15.003-07:00 host app 8710 - [a b="c\"]"] msg`, "<34>1 - - - - - -")
}

func FuzzParseAppLog(f *testing.F) {
	fuzzParse(f, logs.AppLog, "2025-08-13 01:46:12.212 PDT [12389] ERROR:  x", "[Sun Dec 04 04:47:44 2005] [error] x", "17/06/09 20:10:40 INFO x")
}

func FuzzParseNginxPlus(f *testing.F) {
	fuzzParse(f, logs.NginxPlus, `{"timestamp":1446249493000,"upstreams":{"a":{"peers":[{"server":"s","state":"up"}]}}}`)
}

func FuzzParseW3C(f *testing.F) {
	fuzzParse(f, logs.W3C, "#Fields: date time cs-method sc-status", "2015-01-13 00:32:17 GET 200")
}

func FuzzParseCapacityCSV(f *testing.F) {
	fuzzParse(f, logs.CapacityCSV, "time,host,resource,used_pct", `"a,b",c`)
}

func FuzzParseProbeCSV(f *testing.F) {
	fuzzParse(f, logs.ProbeCSV, "time,target,ok", "2025-06-27T14:00:00Z,/x,1")
}

func FuzzParseStatusCSV(f *testing.F) {
	fuzzParse(f, logs.StatusCSV, "time,component,status", "2021-03-12T19:02:22Z,Git,major_outage")
}

func FuzzParseIncidentsCSV(f *testing.F) {
	fuzzParse(f, logs.IncidentsCSV, "service,start,end", "x,2025-06-30T10:00:00Z,2025-06-30T09:00:00Z")
}

func FuzzParseIncidentsJSON(f *testing.F) {
	fuzzParse(f, logs.IncidentsJSON, `{"begin":"2020-06-29T15:15:42+00:00","service_name":"x","description":"yellowfg\"> 7:40 PM PDT"}`, `{"date":"1e99"}`)
}
