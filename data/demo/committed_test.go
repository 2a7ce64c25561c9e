package demo

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "regenerate the committed demo set under data/demo")

const stale = "the committed demo set is out of date with its generator: regenerate it with\n" +
	"\tgo test ./data/demo -run TestCommitted -update\n(or go generate ./data/demo) and commit the result"

// logsBudget is the most the committed logs/ may weigh, in bytes.
const logsBudget = 4_000_000

// TestCommitted checks that the files committed under data/demo are what the
// generator writes; with -update it rewrites them.
func TestCommitted(t *testing.T) {
	if *update {
		m, err := Generate(".", Options{})
		if err != nil {
			t.Fatal(err)
		}
		var total int64
		for _, f := range m.Files {
			st, err := os.Stat(filepath.Join("logs", f.Name))
			if err != nil {
				t.Fatal(err)
			}
			total += st.Size()
		}
		t.Logf("wrote %d files, %d bytes compressed", len(m.Files), total)
		return
	}
	dir, fresh := generated(t)
	var problems []string
	want := map[string]bool{}
	for _, f := range fresh.Files {
		want[f.Name] = true
		committed := filepath.Join("logs", f.Name)
		if _, err := os.Stat(committed); err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if d := firstDiff(gunzip(t, committed), gunzip(t, filepath.Join(dir, "logs", f.Name))); d != "" {
			problems = append(problems, committed+" differs from a fresh generation at "+d)
		}
	}
	entries, _ := os.ReadDir("logs")
	for _, e := range entries {
		if !want[e.Name()] {
			problems = append(problems, "logs/"+e.Name()+" is not generated any more: delete it")
		}
	}
	for _, name := range []string{"manifest.json", "truth.json"} {
		a, err := os.ReadFile(name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, name))
		if d := firstDiff(a, b); d != "" {
			problems = append(problems, name+" differs from a fresh generation at "+d)
		}
	}
	if len(problems) > 0 {
		t.Errorf("%s\n%s", strings.Join(problems, "\n"), stale)
	}
}

func TestCommittedSize(t *testing.T) {
	entries, err := os.ReadDir("logs")
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		total += info.Size()
	}
	t.Logf("data/demo/logs: %d files, %d bytes", len(entries), total)
	if total > logsBudget {
		t.Errorf("data/demo/logs weighs %d bytes, over the budget of %d", total, logsBudget)
	}
}
