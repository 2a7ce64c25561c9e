package html

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// A Chart is an SVG drawn by this package from numbers and escaped text, with
// the table behind it and a sentence saying what it shows (the text
// alternative, also the SVG's <desc>).
type Chart struct {
	ID    string
	Title string
	Alt   string
	SVG   template.HTML // empty when there is nothing to draw; Empty says why
	Empty string
	Head  []string
	Rows  [][]string
	// Num marks the columns to right-align.
	Num []bool
}

// svg accumulates SVG markup. Every text that goes in passes through esc; every
// number is formatted by the methods, so the result is safe to mark
// template.HTML.
type svg struct {
	b    strings.Builder
	w, h float64
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func newSVG(id, title, alt string, w, h float64) *svg {
	s := &svg{w: w, h: h}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 %g %g" role="img" aria-labelledby="%s-t %s-d" preserveAspectRatio="xMinYMin meet">`,
		w, h, esc(id), esc(id))
	fmt.Fprintf(&s.b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(alt))
	return s
}

func (s *svg) rect(x, y, w, h float64, class, tip string) {
	if tip == "" {
		fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="%s"/>`, x, y, math.Max(w, 0), math.Max(h, 0), esc(class))
		return
	}
	fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="%s"><title>%s</title></rect>`,
		x, y, math.Max(w, 0), math.Max(h, 0), esc(class), esc(tip))
}

func (s *svg) line(x1, y1, x2, y2 float64, class string) {
	fmt.Fprintf(&s.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="%s"/>`, x1, y1, x2, y2, esc(class))
}

func (s *svg) text(x, y float64, anchor, class, t string) {
	fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" text-anchor="%s" class="%s">%s</text>`, x, y, esc(anchor), esc(class), esc(t))
}

func (s *svg) circle(x, y, r float64, class, tip string) {
	fmt.Fprintf(&s.b, `<circle cx="%.1f" cy="%.1f" r="%.1f" class="%s"><title>%s</title></circle>`, x, y, r, esc(class), esc(tip))
}

func (s *svg) polyline(pts [][2]float64, class string) {
	if len(pts) == 0 {
		return
	}
	var p []string
	for _, xy := range pts {
		p = append(p, fmt.Sprintf("%.1f,%.1f", xy[0], xy[1]))
	}
	fmt.Fprintf(&s.b, `<polyline points="%s" class="%s"/>`, strings.Join(p, " "), esc(class))
}

func (s *svg) polygon(pts [][2]float64, class string) {
	var p []string
	for _, xy := range pts {
		p = append(p, fmt.Sprintf("%.1f,%.1f", xy[0], xy[1]))
	}
	fmt.Fprintf(&s.b, `<polygon points="%s" class="%s"/>`, strings.Join(p, " "), esc(class))
}

// link wraps what follows until endLink in a link to a page of this site or an
// article; html/template-style URL filtering: only http(s) and relative paths.
func (s *svg) link(href string) bool {
	if !safeURL(href) {
		return false
	}
	fmt.Fprintf(&s.b, `<a href="%s">`, esc(href))
	return true
}

func (s *svg) endLink() { s.b.WriteString(`</a>`) }

func (s *svg) html() template.HTML {
	return template.HTML(s.b.String() + `</svg>`) // built from numbers and esc'd text only
}

// safeURL accepts http(s) URLs and relative links without a scheme.
func safeURL(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		return true
	}
	return !strings.Contains(l, ":") && !strings.HasPrefix(l, "//")
}

// axis is a linear mapping from data to pixels.
type axis struct{ d0, d1, p0, p1 float64 }

func (a axis) at(v float64) float64 {
	if a.d1 == a.d0 {
		return (a.p0 + a.p1) / 2
	}
	return a.p0 + (v-a.d0)/(a.d1-a.d0)*(a.p1-a.p0)
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
