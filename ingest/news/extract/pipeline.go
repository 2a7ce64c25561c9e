package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	readeck "codeberg.org/readeck/go-readability/v2"
	"github.com/go-shiori/dom"
	shiori "github.com/go-shiori/go-readability"
	distiller "github.com/markusmobius/go-domdistiller"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// baseKind is the extractor whose paragraphs form the output.
type baseKind uint8

const (
	baseTrafilatura baseKind = iota
	baseReadeck
	baseShiori    // github.com/go-shiori/go-readability (measured only)
	baseDistiller // github.com/markusmobius/go-domdistiller (measured only)
)

// pipeline is the full set of knobs behind a Method. Only the combinations
// that pipelineFor returns are reachable from the public API; the others
// exist so that the benchmark test can measure the variants it reports.
type pipeline struct {
	base baseKind
	// go-trafilatura settings.
	trafFocus    trafilatura.ExtractionFocus
	trafFallback bool
	// trafMinExtracted overrides go-trafilatura's MinExtractedSize (250
	// runes) when non-zero: below it, go-trafilatura widens its search and
	// finally falls back to the whole page's text.
	trafMinExtracted int
	// trafReadeckCandidate hands the readeck result to go-trafilatura as its
	// Readability fallback candidate instead of letting it run the
	// (deprecated) go-shiori go-readability itself.
	trafReadeckCandidate bool
	// trafRawText uses go-trafilatura's own ContentText (blocks joined by
	// spaces) instead of our paragraph rendering; it reproduces the
	// configuration of the published benchmark run.
	trafRawText bool
	// tailTrim cuts the base paragraphs after the last one found in the
	// readeck text, unless that keeps less than minKeep of the tokens.
	tailTrim bool
	minKeep  float64
	// dropRepeats removes a paragraph that repeats the one before it.
	dropRepeats bool
	// dropTitle removes paragraphs among the first three that repeat the
	// page title.
	dropTitle bool
	// dropInserts removes "read more" inserts and advertisement labels.
	dropInserts bool
}

// autoPipeline is the configuration measured best (see README.md).
var autoPipeline = pipeline{
	base:                 baseTrafilatura,
	trafFocus:            trafilatura.Balanced,
	trafFallback:         true,
	trafMinExtracted:     1,
	trafReadeckCandidate: true,
	tailTrim:             true,
	minKeep:              0.3,
	dropRepeats:          true,
	dropTitle:            true,
	dropInserts:          true,
}

func pipelineFor(o Options) (pipeline, error) {
	var p pipeline
	switch o.Method {
	case Auto:
		p = autoPipeline
	case Trafilatura:
		p = autoPipeline
		p.tailTrim = false
	case Readability:
		p = pipeline{base: baseReadeck, dropRepeats: true, dropTitle: true, dropInserts: true}
	default:
		return p, fmt.Errorf("extract: unknown method %v", o.Method)
	}
	if o.KeepHeadline {
		p.dropTitle = false
	}
	if o.KeepInserts {
		p.dropInserts = false
	}
	return p, nil
}

func (p pipeline) needReadeck() bool {
	return p.base == baseReadeck || p.tailTrim || (p.base == baseTrafilatura && p.trafFallback && p.trafReadeckCandidate)
}

// errPanic wraps a panic recovered from a third-party extractor.
var errPanic = errors.New("extract: extractor panicked")

// guard runs f and turns a panic into an error.
func guard(name string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s: %v", errPanic, name, r)
		}
	}()
	return f()
}

// placeholderURL is given to extractors that need a base URL when the caller
// has none.
var placeholderURL = &url.URL{Scheme: "http", Host: "page.invalid", Path: "/"}

// run extracts the paragraphs of one page. A failing extractor is skipped
// when the configuration has another source of text; panics inside
// extractors are recovered and reported as errors.
func (p pipeline) run(raw []byte, pageURL *url.URL, contentType string) ([]string, error) {
	doc, err := parseHTML(raw, contentType)
	if err != nil {
		return nil, fmt.Errorf("extract: parse: %w", err)
	}
	baseURL := pageURL
	if baseURL == nil {
		baseURL = placeholderURL
	}
	var titles []string
	if p.dropTitle {
		titles = pageTitles(doc)
	}

	var rdNode *html.Node
	var rdParas []string
	var rdErr error
	if p.needReadeck() {
		rdErr = guard("readeck", func() error {
			ps := readeck.NewParser()
			a, err := ps.ParseAndMutate(dom.Clone(doc, true), baseURL)
			if err != nil {
				return err
			}
			rdNode = a.Node
			rdParas = renderParagraphs(a.Node, false)
			return nil
		})
	}

	var paras []string
	var baseErr error
	switch p.base {
	case baseReadeck:
		paras, baseErr = rdParas, rdErr
	case baseShiori:
		baseErr = guard("go-readability", func() error {
			a, err := shiori.FromDocument(doc, baseURL)
			if err != nil {
				return err
			}
			paras = renderParagraphs(a.Node, false)
			return nil
		})
	case baseDistiller:
		baseErr = guard("go-domdistiller", func() error {
			r, err := distiller.Apply(doc, &distiller.Options{OriginalURL: pageURL, SkipPagination: true})
			if err != nil {
				return err
			}
			paras = renderParagraphs(r.Node, false)
			return nil
		})
	case baseTrafilatura:
		baseErr = guard("go-trafilatura", func() error {
			opts := trafilatura.Options{
				OriginalURL:     pageURL,
				EnableFallback:  p.trafFallback,
				Focus:           p.trafFocus,
				ExcludeComments: true,
				HtmlDateMode:    trafilatura.Disabled,
			}
			if p.trafMinExtracted > 0 {
				opts.Config = trafilatura.DefaultConfig()
				opts.Config.MinExtractedSize = p.trafMinExtracted
			}
			if p.trafFallback && p.trafReadeckCandidate && rdNode != nil {
				// go-trafilatura sanitises the candidate it picks in place.
				opts.FallbackCandidates = &trafilatura.FallbackCandidates{Readability: dom.Clone(rdNode, true)}
			}
			r, err := trafilatura.ExtractDocument(doc, opts)
			if err != nil {
				return err
			}
			if p.trafRawText {
				if t := strings.TrimSpace(r.ContentText); t != "" {
					paras = []string{t}
				}
				return nil
			}
			paras = renderParagraphs(r.ContentNode, true)
			return nil
		})
		if len(paras) == 0 && p.needReadeck() && len(rdParas) > 0 {
			// go-trafilatura found nothing: fall back to readeck alone.
			paras, baseErr = rdParas, nil
		}
	}
	if len(paras) == 0 {
		if baseErr != nil {
			return nil, fmt.Errorf("%w (%v)", ErrNoContent, baseErr)
		}
		return nil, nil
	}

	if p.tailTrim && len(rdParas) > 0 {
		paras = trimTail(paras, rdParas, p.minKeep)
	}
	if p.dropTitle {
		paras = dropTitles(paras, titles)
	}
	if p.dropRepeats {
		paras = dropRepeats(paras)
	}
	if p.dropInserts {
		paras = dropInserts(paras)
	}
	return paras, nil
}
