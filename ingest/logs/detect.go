package logs

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v17/arrow/memory"

	"outagelens/ingest/batch"
)

// Formats lists every supported format, in the order Detect prefers them on a tie.
var Formats = []Format{
	Combined,
	W3C,
	NginxPlus,
	JSONLines,
	Syslog5424,
	Syslog3164,
	ProbeCSV,
	CapacityCSV,
	StatusCSV,
	IncidentsCSV,
	IncidentsJSON,
	AppLog,
}

// Lookup returns the format called name.
func Lookup(name string) (Format, error) {
	for _, f := range Formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Names returns the names of all formats.
func Names() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// DetectLines is how many non-empty lines Detect reads.
const DetectLines = 64

// Detect picks the format that reads the largest share of the start of a file
// (sample; a partial last line or record is ignored): for line formats the share
// of the first DetectLines lines that parse, with at least one row for every
// eight lines; for document formats (a sample starting with '[') the share of the
// complete records. At least half must parse; on a tie the earlier format in
// Formats wins.
func Detect(sample []byte, opts Options) (Format, error) {
	lines := SampleLines(sample, DetectLines)
	start := bytes.TrimLeft(sample, " \t\r\n")
	document := len(start) > 0 && start[0] == '['
	if len(lines) == 0 && !document {
		return Format{}, fmt.Errorf("detect format: no complete line to look at")
	}
	best, bestScore := -1, 0.0
	set := batch.NewSet(memory.NewGoAllocator(), 0)
	defer set.Release()
	for i, f := range Formats {
		var score float64
		if f.Split != nil {
			if document {
				score = detectDocument(f, sample, opts, set)
			}
		} else {
			score = detectLines(f, lines, opts, set)
		}
		for _, b := range set.Flush() {
			b.Record.Release()
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 || bestScore < 0.5 {
		return Format{}, fmt.Errorf("detect format: the first %d lines look like none of %s (use --format)",
			len(lines), strings.Join(Names(), ", "))
	}
	return Formats[best], nil
}

func detectLines(f Format, lines [][]byte, opts Options, set *batch.Set) float64 {
	p := f.New(opts)
	ok := 0
	for j, l := range lines {
		if p.Parse(l, int64(j+1), set) == nil {
			ok++
		}
	}
	if fl, isFlusher := p.(Flusher); isFlusher {
		_ = fl.Flush(set)
	}
	if rows := set.Rows(); rows == 0 || 8*rows < len(lines) {
		return 0
	}
	return float64(ok) / float64(len(lines))
}

func detectDocument(f Format, sample []byte, opts Options, set *batch.Set) float64 {
	p := f.New(opts)
	ok, n := 0, 0
	_ = f.Split(bytes.NewReader(sample), len(sample), func(rec []byte, i int64) error {
		n++
		if p.Parse(rec, i, set) == nil {
			ok++
		}
		return nil
	})
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

// SampleLines returns up to max complete non-empty lines from the start of b,
// without their line endings.
func SampleLines(b []byte, max int) [][]byte {
	var out [][]byte
	for len(out) < max {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		l := bytes.TrimRight(b[:i], "\r")
		b = b[i+1:]
		if len(bytes.TrimSpace(l)) > 0 {
			out = append(out, l)
		}
	}
	return out
}
