package demo

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGenerateIsDeterministic(t *testing.T) {
	dir1, m1 := generated(t)
	dir2 := t.TempDir()
	m2, err := Generate(dir2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m1.Files) != len(m2.Files) {
		t.Fatalf("first run wrote %d files, second %d", len(m1.Files), len(m2.Files))
	}
	for i, f := range m1.Files {
		if m2.Files[i].Name != f.Name {
			t.Fatalf("file %d: first run %s, second %s", i, f.Name, m2.Files[i].Name)
		}
		a := gunzip(t, filepath.Join(dir1, "logs", f.Name))
		b := gunzip(t, filepath.Join(dir2, "logs", f.Name))
		if d := firstDiff(a, b); d != "" {
			t.Errorf("%s differs between two runs: %s", f.Name, d)
		}
		// The .gz bytes are stable too on one Go version (no name, zero mtime).
		za, _ := os.ReadFile(filepath.Join(dir1, "logs", f.Name))
		zb, _ := os.ReadFile(filepath.Join(dir2, "logs", f.Name))
		if !bytes.Equal(za, zb) {
			t.Errorf("%s: the compressed bytes differ between two runs", f.Name)
		}
	}
	for _, name := range []string{"manifest.json", "truth.json"} {
		a, _ := os.ReadFile(filepath.Join(dir1, name))
		b, _ := os.ReadFile(filepath.Join(dir2, name))
		if d := firstDiff(a, b); d != "" {
			t.Errorf("%s differs between two runs: %s", name, d)
		}
	}
}

func TestSeedChangesTheDraws(t *testing.T) {
	dir1, m1 := generated(t)
	dir2 := t.TempDir()
	opts := Options{Seed: 2, From: at(2025, 6, 27, 0, 0), To: at(2025, 6, 28, 0, 0)}
	m2, err := Generate(dir2, opts)
	if err != nil {
		t.Fatal(err)
	}
	a := gunzip(t, filepath.Join(dir1, "logs", "chips-access.log.gz"))
	b := gunzip(t, filepath.Join(dir2, "logs", "chips-access.log.gz"))
	if bytes.Contains(a, b[:200]) {
		t.Errorf("seed 2 gave the same chips lines as seed 1")
	}
	// The scenario's fixed windows stay; the drawn CHIPS bursts move.
	if got, want := windows(m2.Truth, rationID), windows(m1.Truth, rationID); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ration windows changed with the seed")
	}
	if got, want := windows(m2.Truth, chipsID), windows(m1.Truth, chipsID); fmt.Sprint(got) == fmt.Sprint(want) {
		t.Errorf("CHIPS bursts did not change with the seed")
	}
}

// A day's lines do not depend on the period generated.
func TestShorterPeriodIsASlice(t *testing.T) {
	dir, full := generated(t)
	from, to := at(2024, 9, 28, 0, 0), at(2024, 9, 30, 0, 0)
	part := t.TempDir()
	m, err := Generate(part, Options{From: from.Add(3 * time.Hour), To: to.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if !m.From.Equal(from) || !m.To.Equal(to) {
		t.Fatalf("period %v to %v, want whole days %v to %v", m.From, m.To, from, to)
	}
	if len(m.Files) != 1+len(full.Files)-13 {
		t.Errorf("%d files for two days, want one ration month and the %d others", len(m.Files), len(full.Files)-13)
	}
	for _, f := range m.Files {
		fullName := f.Name
		got := gunzip(t, filepath.Join(part, "logs", f.Name))
		want := gunzip(t, filepath.Join(dir, "logs", fullName))
		if f.Format == "combined" {
			want = linesIn(t, want, from, to)
		}
		if f.Format == "combined" && !bytes.Equal(got, want) {
			t.Errorf("%s: two days generated alone differ from the same days of the full set: %s", f.Name, firstDiff(got, want))
		}
		if f.Format != "combined" && len(got) == 0 {
			t.Errorf("%s is empty", f.Name)
		}
	}
}

// linesIn keeps the access-log lines of [from, to).
func linesIn(t *testing.T, b []byte, from, to time.Time) []byte {
	var out []byte
	for _, l := range lines(b) {
		r := parseCombined(t, l)[0]
		if !r.at.Before(from) && r.at.Before(to) {
			out = append(append(out, l...), '\n')
		}
	}
	return out
}

func TestGenerateRejectsAnEmptyPeriod(t *testing.T) {
	_, err := Generate(t.TempDir(), Options{From: at(2025, 1, 2, 0, 0), To: at(2025, 1, 1, 0, 0)})
	if err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Fatalf("err = %v, want an empty-period error", err)
	}
}

func TestManifestDescribesTheFiles(t *testing.T) {
	dir, m := generated(t)
	formats := map[string]bool{"combined": true, "jsonl": true, "probe-csv": true, "capacity-csv": true}
	services := map[string]bool{rationID: true, chipsID: true, csmclID: true, meterID: true}
	names := map[string]bool{}
	for _, f := range m.Files {
		names[f.Name] = true
		if !formats[f.Format] || !services[f.Service] {
			t.Errorf("%s: format %q, service %q", f.Name, f.Format, f.Service)
		}
		b := gunzip(t, filepath.Join(dir, "logs", f.Name))
		if n := int64(bytes.Count(b, []byte{'\n'})); n != f.Lines || int64(len(b)) != f.Bytes {
			t.Errorf("%s: manifest says %d lines, %d bytes; file has %d, %d", f.Name, f.Lines, f.Bytes, n, len(b))
		}
		if f.Lines == 0 {
			t.Errorf("%s is empty", f.Name)
		}
	}
	for _, want := range []string{"ration-access.log-202409.gz", "ration-access.log-202509.gz", "chips-access.log.gz",
		"csmcl-access.log.gz", "csmcl-payments.jsonl.gz", "smartmeter-events.jsonl.gz", "chips-app.jsonl.gz",
		"ration-probes.csv.gz", "smartmeter-probes.csv.gz", "chips-disk.csv.gz"} {
		if !names[want] {
			t.Errorf("no %s", want)
		}
	}
	if len(m.Files) != 13+8 {
		t.Errorf("%d files, want 13 ration months and 8 others", len(m.Files))
	}
}

// firstDiff describes where a and b first differ, or returns "" if they are
// equal.
func firstDiff(a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	la, lb := lines(a), lines(b)
	for i := range max(len(la), len(lb)) {
		var x, y []byte
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if !bytes.Equal(x, y) {
			return fmt.Sprintf("line %d:\n\thave %q\n\twant %q", i+1, x, y)
		}
	}
	return "line endings differ"
}
