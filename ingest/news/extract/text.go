package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are elements whose content is rendered as its own paragraph.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Legend: true,
	atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: false,
	atom.Tfoot: true, atom.Th: false, atom.Thead: true, atom.Tr: true,
	atom.Ul: true, atom.Html: true,
}

// skipAtoms are elements whose content is never text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true, atom.Select: true, atom.Textarea: true, atom.Button: true,
	atom.Input: true, atom.Img: true, atom.Picture: true, atom.Source: true,
}

// textRenderer turns a DOM subtree into paragraphs.
type textRenderer struct {
	paras []string
	cur   strings.Builder
	// pendingSpace records collapsed whitespace not yet written.
	pendingSpace bool
	// inlineGaps treats every inline element boundary as whitespace. Use it
	// on trees whose builder trimmed the text around inline elements (as
	// go-trafilatura does), where "<b>Summary</b> Studies" arrives as
	// "<b>Summary</b>Studies".
	inlineGaps bool
	// inferred marks a pendingSpace that came from an element boundary
	// rather than from whitespace in the text.
	inferred bool
}

// noSpaceBefore holds characters before which a gap inferred from an inline
// element boundary is not written.
const noSpaceBefore = ",.;:!?)]}%\u0964\u0965"

func (r *textRenderer) flush() {
	p := strings.TrimSpace(r.cur.String())
	if p != "" {
		r.paras = append(r.paras, p)
	}
	r.cur.Reset()
	r.pendingSpace = false
	r.inferred = false
}

// gap records an inferred word boundary.
func (r *textRenderer) gap() {
	if !r.pendingSpace {
		r.pendingSpace = true
		r.inferred = true
	}
}

func (r *textRenderer) text(s string) {
	for _, c := range s {
		if unicode.IsSpace(c) {
			r.pendingSpace = true
			r.inferred = false
			continue
		}
		if r.pendingSpace && r.cur.Len() > 0 {
			last := r.cur.String()[r.cur.Len()-1]
			if last != '\n' && !(r.inferred && strings.ContainsRune(noSpaceBefore, c)) {
				r.cur.WriteByte(' ')
			}
		}
		r.pendingSpace = false
		r.inferred = false
		r.cur.WriteRune(c)
	}
}

// nodeAtom returns n's atom, looking it up from the tag name when the node
// was built without one (extractors that synthesise elements often set only
// Data).
func nodeAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

func (r *textRenderer) walk(n *html.Node) {
	a := nodeAtom(n)
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if skipAtoms[a] {
			return
		}
		switch a {
		case atom.Br:
			// One <br> breaks the line; two or more in a row (many Indian
			// news sites separate paragraphs with <br><br>) break the
			// paragraph.
			if r.cur.Len() > 0 {
				if strings.HasSuffix(r.cur.String(), "\n") {
					r.flush()
				} else {
					r.cur.WriteByte('\n')
				}
			}
			r.pendingSpace = false
			return
		case atom.Pre:
			// Preformatted text keeps its lines and their indentation;
			// blank lines are dropped so that "\n\n" only ever separates
			// paragraphs.
			r.flush()
			var lines []string
			for _, l := range strings.Split(textContent(n), "\n") {
				if strings.TrimSpace(l) != "" {
					lines = append(lines, strings.TrimRightFunc(l, unicode.IsSpace))
				}
			}
			r.cur.WriteString(strings.Join(lines, "\n"))
			r.flush()
			return
		}
	}
	elem := n.Type == html.ElementNode
	block := elem && blockAtoms[a]
	cell := a == atom.Td || a == atom.Th
	if block {
		r.flush()
	} else if cell || (elem && r.inlineGaps) {
		r.gap()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if block {
		r.flush()
	} else if cell || (elem && r.inlineGaps) {
		r.gap()
	}
}

// textContent concatenates the text nodes below n.
func textContent(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && skipAtoms[nodeAtom(n)] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// renderParagraphs returns the text below n as paragraphs: every block-level
// element starts a new paragraph, whitespace inside a paragraph is collapsed
// to single spaces, <br> becomes a line break, and empty paragraphs are
// dropped.
func renderParagraphs(n *html.Node, inlineGaps bool) []string {
	if n == nil {
		return nil
	}
	r := textRenderer{inlineGaps: inlineGaps}
	r.walk(n)
	r.flush()
	return r.paras
}
