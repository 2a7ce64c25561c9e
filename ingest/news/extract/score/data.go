package score

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// ReadGz reads a whole gzip-compressed file.
func ReadGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

// Page is one page of the article-extraction benchmark.
type Page struct {
	ID, URL, Truth string
}

// AEB is the article-extraction benchmark as stored under
// realdata/article-extraction-benchmark.
type AEB struct {
	Dir   string
	Pages []Page // sorted by ID
}

// LoadAEB reads ground-truth.json from dir.
func LoadAEB(dir string) (*AEB, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, fmt.Errorf("ground-truth.json: %w", err)
	}
	a := &AEB{Dir: dir}
	for id, v := range gt {
		a.Pages = append(a.Pages, Page{ID: id, URL: v.URL, Truth: v.ArticleBody})
	}
	sort.Slice(a.Pages, func(i, j int) bool { return a.Pages[i].ID < a.Pages[j].ID })
	return a, nil
}

// HTML returns the raw (decompressed) HTML of a page.
func (a *AEB) HTML(id string) ([]byte, error) {
	return ReadGz(filepath.Join(a.Dir, "html", id+".html.gz"))
}

// LoadPredictions reads a bundled output/<name>.json.gz file, whose content is
// {"version":..., "output": {id: {"articleBody": ...}}} (a bare {id: {...}}
// map is accepted too).
func LoadPredictions(path string) (map[string]string, error) {
	raw, err := ReadGz(path)
	if err != nil {
		return nil, err
	}
	type body struct {
		ArticleBody string `json:"articleBody"`
	}
	var wrapped struct {
		Output map[string]body `json:"output"`
	}
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := wrapped.Output
	if m == nil {
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v.ArticleBody
	}
	return out, nil
}

// Score rates predictions (id -> body) against the ground truth. Like
// evaluate.py it refuses a prediction set whose keys differ from the ground
// truth's. It returns the aggregate and the per-page counts in Pages order.
func (a *AEB) Score(pred map[string]string) (Result, []TPFPFN, error) {
	if len(pred) != len(a.Pages) {
		return Result{}, nil, fmt.Errorf("prediction has %d pages, ground truth %d", len(pred), len(a.Pages))
	}
	per := make([]TPFPFN, 0, len(a.Pages))
	exact := 0
	for _, p := range a.Pages {
		body, ok := pred[p.ID]
		if !ok {
			return Result{}, nil, fmt.Errorf("prediction lacks page %s", p.ID)
		}
		per = append(per, ShingleMatch(p.Truth, body))
		if TokensEqual(p.Truth, body) {
			exact++
		}
	}
	r := Aggregate(per)
	r.Accuracy = float64(exact) / float64(len(a.Pages))
	return r, per, nil
}

// EvalPage is one annotated page of the trafilatura evaluation that has its
// HTML stored locally.
type EvalPage struct {
	URL, HTMLPath string
	Segments
}

// LoadTrafilaturaEval reads evaldata.json and html_manifest.json from dir and
// returns the annotated pages whose HTML is present, sorted by URL. Pages in
// the manifest without annotation (e.g. the extra Meta-outage article) are
// left out.
func LoadTrafilaturaEval(dir string) ([]EvalPage, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return nil, err
	}
	var ev map[string]struct {
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &ev); err != nil {
		return nil, fmt.Errorf("evaldata.json: %w", err)
	}
	raw, err = os.ReadFile(filepath.Join(dir, "html_manifest.json"))
	if err != nil {
		return nil, err
	}
	var man map[string]struct {
		HTMLGz string `json:"html_gz"`
	}
	if err := json.Unmarshal(raw, &man); err != nil {
		return nil, fmt.Errorf("html_manifest.json: %w", err)
	}
	var out []EvalPage
	for u, m := range man {
		seg, ok := ev[u]
		if !ok {
			continue
		}
		out = append(out, EvalPage{
			URL:      u,
			HTMLPath: filepath.Join(dir, m.HTMLGz),
			Segments: Segments{With: seg.With, Without: seg.Without},
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out, nil
}
