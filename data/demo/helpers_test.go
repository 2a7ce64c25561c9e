package demo

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The default demo set is generated once, into a temporary directory, for all
// tests that read it.
var (
	genOnce     sync.Once
	genDir      string
	genManifest Manifest
	genErr      error
)

func generated(t *testing.T) (string, Manifest) {
	t.Helper()
	genOnce.Do(func() {
		genDir, genErr = os.MkdirTemp("", "outagelens-demo-")
		if genErr == nil {
			genManifest, genErr = Generate(genDir, Options{})
		}
	})
	if genErr != nil {
		t.Fatalf("generate: %v", genErr)
	}
	return genDir, genManifest
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if genDir != "" {
		os.RemoveAll(genDir)
	}
	os.Exit(code)
}

// gunzip returns the decompressed content of a .gz file.
func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

func lines(b []byte) [][]byte {
	ls := bytes.Split(b, []byte{'\n'})
	if len(ls) > 0 && len(ls[len(ls)-1]) == 0 {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// combinedRE is a plain reading of the combined format with the request time
// appended; quoted fields may hold backslash escapes.
var combinedRE = regexp.MustCompile(`^(\S+) \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)" (\d+\.\d{3})$`)

type request struct {
	client string
	at     time.Time
	method string
	path   string
	status int
	bytes  int // -1 for "-"
	ua     string
	secs   float64
}

func parseCombined(t *testing.T, b []byte) []request {
	t.Helper()
	var out []request
	for i, l := range lines(b) {
		m := combinedRE.FindSubmatch(l)
		if m == nil {
			t.Fatalf("line %d does not parse: %q", i+1, l)
		}
		ts, err := time.Parse("02/Jan/2006:15:04:05 -0700", string(m[2]))
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		method, path, _ := bytes.Cut(m[3], []byte(" "))
		path, _, _ = bytes.Cut(path, []byte(" "))
		status, _ := strconv.Atoi(string(m[4]))
		size := -1
		if string(m[5]) != "-" {
			size, _ = strconv.Atoi(string(m[5]))
		}
		secs, _ := strconv.ParseFloat(string(m[8]), 64)
		out = append(out, request{client: string(m[1]), at: ts, method: string(method), path: string(path),
			status: status, bytes: size, ua: string(m[7]), secs: secs})
	}
	return out
}

// accessLog reads and parses every access log of service in dir.
func accessLog(t *testing.T, dir string, m Manifest, service string) []request {
	t.Helper()
	var out []request
	for _, f := range m.Files {
		if f.Service == service && f.Format == "combined" {
			out = append(out, parseCombined(t, gunzip(t, filepath.Join(dir, "logs", f.Name)))...)
		}
	}
	return out
}

// jsonEvents reads a JSON-lines file into generic objects.
func jsonEvents(t *testing.T, path string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for i, l := range lines(gunzip(t, path)) {
		var obj map[string]any
		if err := json.Unmarshal(l, &obj); err != nil {
			t.Fatalf("%s line %d: %v", filepath.Base(path), i+1, err)
		}
		out = append(out, obj)
	}
	return out
}

func eventTime(t *testing.T, e map[string]any) time.Time {
	t.Helper()
	s, _ := e["ts"].(string)
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("event time %q: %v", s, err)
	}
	return ts
}

// csvRows reads a CSV file with a header into maps.
func csvRows(t *testing.T, path string, header string) []map[string]string {
	t.Helper()
	b := gunzip(t, path)
	first, _, _ := bytes.Cut(b, []byte{'\n'})
	if string(first) != header {
		t.Fatalf("%s: header %q, want %q", filepath.Base(path), first, header)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, name := range recs[0] {
			row[name] = rec[i]
		}
		out = append(out, row)
	}
	return out
}

func inWindow(t time.Time, w Window) bool { return !t.Before(w.Start) && t.Before(w.End) }

func windows(tr Truth, service string) []Window {
	var out []Window
	for _, w := range tr.Windows {
		if w.Service == service {
			out = append(out, w)
		}
	}
	return out
}
