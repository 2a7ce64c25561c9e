package news

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
)

// Article is what a page says about itself.
type Article struct {
	URL          string // where it came from (a file path for saved pages)
	CanonicalURL string // <link rel=canonical> or og:url
	Site         string // host of the canonical URL, or og:site_name
	Title        string
	Published    time.Time // zero when the page gives no date
	Author       string
	Language     string // ISO 639-1, from <html lang> or the script of the text
	Body         string // paragraphs separated by blank lines
}

// Read parses a page. pageURL is where it came from, for resolving links; it may
// be nil for a saved file.
func Read(html []byte, pageURL *url.URL, loc *time.Location) (Article, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return Article{}, err
	}
	var a Article
	if pageURL != nil {
		a.URL = pageURL.String()
	}
	ld := jsonLD(doc)
	a.Title = firstNonEmpty(ld.Headline, meta(doc, "og:title"), strings.TrimSpace(doc.Find("h1").First().Text()), strings.TrimSpace(doc.Find("title").First().Text()))
	a.CanonicalURL = firstNonEmpty(attr(doc, `link[rel="canonical"]`, "href"), meta(doc, "og:url"), ld.URL)
	if u, err := url.Parse(a.CanonicalURL); err == nil && u.Host != "" {
		a.Site = u.Host
	}
	a.Site = firstNonEmpty(a.Site, meta(doc, "og:site_name"))
	a.Author = firstNonEmpty(ld.Author, meta(doc, "author"), meta(doc, "article:author"))
	for _, s := range []string{ld.DatePublished, meta(doc, "article:published_time"), meta(doc, "og:published_time"),
		meta(doc, "datePublished"), meta(doc, "date"), attr(doc, "time[datetime]", "datetime")} {
		if t, ok := parsePageTime(s, loc); ok {
			a.Published = t
			break
		}
	}
	a.Body = body(doc)
	if a.Published.IsZero() {
		if t, ok := DateInText(doc.Find("body").Text(), loc); ok {
			a.Published = t
		}
	}
	lang, _ := doc.Find("html").Attr("lang")
	a.Language = languageOf(lang, a.Title+" "+a.Body)
	return a, nil
}

type ldArticle struct {
	Headline      string
	DatePublished string
	Author        string
	URL           string
}

// jsonLD reads the first schema.org NewsArticle/Article in ld+json scripts.
func jsonLD(doc *goquery.Document) ldArticle {
	var out ldArticle
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		for _, obj := range ldObjects(v) {
			t, _ := obj["@type"].(string)
			if !strings.Contains(t, "Article") && t != "ReportageNewsArticle" {
				continue
			}
			out.Headline, _ = obj["headline"].(string)
			out.DatePublished, _ = obj["datePublished"].(string)
			out.URL, _ = obj["url"].(string)
			switch au := obj["author"].(type) {
			case string:
				out.Author = au
			case map[string]any:
				out.Author, _ = au["name"].(string)
			case []any:
				if len(au) > 0 {
					if m, ok := au[0].(map[string]any); ok {
						out.Author, _ = m["name"].(string)
					}
				}
			}
			return false
		}
		return true
	})
	return out
}

func ldObjects(v any) []map[string]any {
	switch t := v.(type) {
	case map[string]any:
		if g, ok := t["@graph"].([]any); ok {
			return ldObjects(g)
		}
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, x := range t {
			out = append(out, ldObjects(x)...)
		}
		return out
	}
	return nil
}

func meta(doc *goquery.Document, name string) string {
	for _, sel := range []string{`meta[property="` + name + `"]`, `meta[name="` + name + `"]`, `meta[itemprop="` + name + `"]`} {
		if v := attr(doc, sel, "content"); v != "" {
			return v
		}
	}
	return ""
}

func attr(doc *goquery.Document, sel, name string) string {
	v, _ := doc.Find(sel).First().Attr(name)
	return strings.TrimSpace(v)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func parsePageTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// boilerplate are elements that never hold the article's text.
const boilerplate = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, " +
	".ad, .ads, .advert, .advertisement, .share, .social, .related, .comments, .comment, .breadcrumb, .ticker, .newsletter, .cookie"

// body returns the text of the block holding most paragraph text, a simple
// generic fallback: paragraphs of the page's main container.
func body(doc *goquery.Document) string {
	doc.Find(boilerplate).Remove()
	var best *goquery.Selection
	bestLen := 0
	doc.Find("article, main, [itemprop=articleBody], div, section").Each(func(_ int, s *goquery.Selection) {
		n := 0
		s.ChildrenFiltered("p").Each(func(_ int, p *goquery.Selection) { n += len(strings.TrimSpace(p.Text())) })
		if n > bestLen {
			best, bestLen = s, n
		}
	})
	if best == nil {
		return normSpace(doc.Find("body").Text())
	}
	var paras []string
	best.ChildrenFiltered("p, h2, h3, li").Each(func(_ int, p *goquery.Selection) {
		if t := normSpace(p.Text()); t != "" {
			paras = append(paras, t)
		}
	})
	return strings.Join(paras, "\n\n")
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// languageOf trusts <html lang> when set, else guesses from the script of the text
// (Devanagari is read as Hindi unless Marathi markers appear).
func languageOf(lang, text string) string {
	if l := strings.ToLower(strings.TrimSpace(lang)); l != "" {
		l, _, _ = strings.Cut(l, "-")
		return l
	}
	var beng, deva, latin int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Bengali, r):
			beng++
		case unicode.Is(unicode.Devanagari, r):
			deva++
		case unicode.IsLetter(r) && r < 0x250:
			latin++
		}
	}
	switch {
	case beng > deva && beng > latin:
		return "bn"
	case deva > latin:
		if strings.Contains(text, "आहे") || strings.Contains(text, "झाले") {
			return "mr"
		}
		return "hi"
	case latin > 0:
		return "en"
	}
	return ""
}
