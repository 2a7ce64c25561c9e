package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Method selects the extraction algorithm.
type Method uint8

const (
	// Auto is the measured best: go-trafilatura and readeck go-readability
	// combined as described in the package documentation.
	Auto Method = iota
	// Trafilatura is Auto without the tail trim: go-trafilatura (balanced
	// focus, fallback comparison with readeck and go-domdistiller
	// candidates) followed by the title, repeat and insert filters.
	Trafilatura
	// Readability is readeck go-readability v2 alone, followed by the title,
	// repeat and insert filters. It is the cheapest (about a third of the
	// CPU time) but scored lowest of the three.
	Readability
)

func (m Method) String() string {
	switch m {
	case Auto:
		return "auto"
	case Trafilatura:
		return "trafilatura"
	case Readability:
		return "readability"
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// DefaultMaxBytes is the input size limit used when Options.MaxBytes is 0.
const DefaultMaxBytes = 8 << 20

// Options tunes Body. The zero value is the default.
type Options struct {
	// Method selects the algorithm; the zero value is Auto.
	Method Method
	// ContentType is the HTTP Content-Type header the page was served with,
	// if known. It is consulted only for pages that are not valid UTF-8.
	ContentType string
	// KeepHeadline keeps leading paragraphs that repeat the page title.
	KeepHeadline bool
	// KeepInserts keeps "read more" inserts and advertisement labels.
	KeepInserts bool
	// MaxBytes rejects larger inputs with ErrTooLarge. 0 means
	// DefaultMaxBytes; a negative value means no limit.
	MaxBytes int
}

var (
	// ErrNoContent is returned when no extractor finds any article text.
	ErrNoContent = errors.New("extract: no article text found")
	// ErrTooLarge is returned for inputs above Options.MaxBytes.
	ErrTooLarge = errors.New("extract: page too large")
)

// Body returns the main text of an article page: paragraphs separated by
// "\n\n" (see the package documentation for the exact form). pageURL may be
// nil; when given it helps the extractors resolve links and recognise the
// site. A page without recognisable article text gives ErrNoContent.
func Body(html []byte, pageURL *url.URL, opts Options) (string, error) {
	limit := opts.MaxBytes
	if limit == 0 {
		limit = DefaultMaxBytes
	}
	if limit > 0 && len(html) > limit {
		return "", fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(html), limit)
	}
	p, err := pipelineFor(opts)
	if err != nil {
		return "", err
	}
	paras, err := p.run(html, pageURL, opts.ContentType)
	if err != nil {
		return "", err
	}
	if len(paras) == 0 {
		return "", ErrNoContent
	}
	return strings.Join(paras, "\n\n"), nil
}
