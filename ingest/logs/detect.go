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
	JSONLines,
	ProbeCSV,
	CapacityCSV,
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

// Detect picks the format that parses most of the first lines of sample (the
// start of a file; a partial last line is ignored). At least half of the lines
// must parse.
func Detect(sample []byte, opts Options) (Format, error) {
	lines := SampleLines(sample, DetectLines)
	if len(lines) == 0 {
		return Format{}, fmt.Errorf("detect format: no complete line to look at")
	}
	best, bestScore := -1, 0
	set := batch.NewSet(memory.NewGoAllocator(), 0)
	defer set.Release()
	for i, f := range Formats {
		p := f.New(opts)
		score := 0
		for j, l := range lines {
			if p.Parse(l, int64(j+1), set) == nil {
				score++
			}
		}
		for _, b := range set.Flush() {
			b.Record.Release()
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 || 2*bestScore < len(lines) {
		return Format{}, fmt.Errorf("detect format: the first %d lines look like none of %s (use --format)",
			len(lines), strings.Join(Names(), ", "))
	}
	return Formats[best], nil
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
