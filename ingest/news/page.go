package news

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"outagelens/data/catalog"
	"outagelens/ingest/news/extract"
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

// ReadOptions configure Read. The zero value reads dates in India Standard
// Time with the embedded site profiles.
type ReadOptions struct {
	// Location is where naive dates on the page were written; nil means IST.
	Location *time.Location
	// Profiles are the known sites' layouts; nil means DefaultProfiles().
	Profiles *Profiles
	// Fallback extracts the body of a page no profile knows (or whose profile
	// finds nothing); nil means the generic extractor, extract.Body with its
	// defaults (go-trafilatura and readeck go-readability, see
	// ingest/news/extract/README.md).
	Fallback func(html []byte, pageURL *url.URL) (string, error)
}

// Read parses a page. pageURL is where it came from, for resolving links and
// choosing the site profile; it may be nil for a saved file, whose canonical URL
// then decides the profile.
func Read(html []byte, pageURL *url.URL, opts ReadOptions) (Article, error) {
	loc := opts.Location
	if loc == nil {
		loc = catalog.IST
	}
	profiles := opts.Profiles
	if profiles == nil {
		profiles = defaultProfiles()
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return Article{}, err
	}
	doc.Find("script:not([type='application/ld+json']), style, noscript, template").Remove()
	var a Article
	if pageURL != nil {
		a.URL = pageURL.String()
	}
	ld := jsonLD(doc)
	a.Title = normSpace(firstNonEmpty(ld.Headline, meta(doc, "og:title"), doc.Find("h1").First().Text(), doc.Find("title").First().Text()))
	a.CanonicalURL = firstNonEmpty(attr(doc, `link[rel="canonical"]`, "href"), meta(doc, "og:url"), ld.URL)
	if pageURL != nil && a.CanonicalURL != "" {
		if u, err := pageURL.Parse(a.CanonicalURL); err == nil {
			a.CanonicalURL = u.String()
		}
	}
	var prof *Profile
	if pageURL != nil && pageURL.Host != "" {
		prof = profiles.For(pageURL.Host)
	}
	if u, err := url.Parse(a.CanonicalURL); err == nil && u.Host != "" {
		a.Site = u.Host
		if prof == nil {
			prof = profiles.For(u.Host)
		}
	}
	a.Site = firstNonEmpty(a.Site, meta(doc, "og:site_name"))
	a.Author = firstNonEmpty(ld.Author, meta(doc, "author"), meta(doc, "article:author"))
	if a.Author == "" && prof != nil {
		a.Author = normSpace(firstText(doc, prof.Author))
	}
	for _, s := range []string{ld.DatePublished, meta(doc, "article:published_time"), meta(doc, "og:published_time"),
		meta(doc, "datePublished"), attr(doc, "[itemprop=datePublished]", "datetime"), meta(doc, "date"),
		attr(doc, "time[datetime]", "datetime")} {
		if t, ok := parsePageTime(s, loc); ok {
			a.Published = t
			break
		}
	}
	if a.Published.IsZero() {
		a.Published = visibleDate(doc, prof, loc)
	}
	a.Body = ""
	if prof != nil {
		a.Body = profileBody(doc, prof)
	}
	if a.Body == "" {
		fallback := opts.Fallback
		if fallback == nil {
			fallback = genericBody
		}
		// A page with no recognisable article text keeps an empty body; the
		// title is still read.
		if b, err := fallback(html, pageURL); err == nil {
			a.Body = dropReadMore(b)
		}
	}
	lang, _ := doc.Find("html").Attr("lang")
	a.Language = languageOf(lang, a.Title+" "+a.Body)
	return a, nil
}

var (
	defaultProfilesOnce sync.Once
	defaultProfilesVal  *Profiles
)

func defaultProfiles() *Profiles {
	defaultProfilesOnce.Do(func() { defaultProfilesVal = DefaultProfiles() })
	return defaultProfilesVal
}

// firstText returns the text of the first element any of sels matches.
func firstText(doc *goquery.Document, sels []string) string {
	for _, sel := range sels {
		if t := strings.TrimSpace(doc.Find(sel).First().Text()); t != "" {
			return t
		}
	}
	return ""
}

// publishedMarkers introduce the publication date in visible page text.
var publishedMarkers = []string{"first published", "published on", "published", "प्रकाशित", "প্রকাশিত", "প্রকাশ", "प्रसिद्ध", "प्रकाशन"}

// updatedMarkers introduce a later date that is not the publication date.
var updatedMarkers = []string{"last updated", "updated", "अपडेट", "আপডেট", "अद्यतन"}

// visibleDate reads the publication date from the page's visible text: the
// profile's date elements, then elements whose class or id says date, then the
// whole page. Text after "Published:" wins over text after "Updated:".
func visibleDate(doc *goquery.Document, prof *Profile, loc *time.Location) time.Time {
	var cands []string
	if prof != nil {
		for _, sel := range prof.Date {
			doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
				if v, ok := s.Attr("content"); ok {
					cands = append(cands, v)
				}
				cands = append(cands, s.Text())
			})
		}
	}
	doc.Find(`[class*="date"], [class*="publish"], [id*="date"], [class*="time"], [class*="dateline"]`).Each(func(_ int, s *goquery.Selection) {
		if cls, _ := s.Attr("class"); strings.Contains(cls, "rel-date") || s.Closest("li, aside, .related, .widget").Length() > 0 {
			return // dates of related stories
		}
		cands = append(cands, s.Text())
	})
	for _, c := range cands {
		if t, ok := publishedDate(c, loc); ok {
			return t
		}
	}
	if t, ok := publishedDate(doc.Find("body").Text(), loc); ok {
		return t
	}
	return time.Time{}
}

// publishedDate reads one date from a piece of visible text, preferring the one
// after a "published" marker and skipping one after an "updated" marker.
func publishedDate(text string, loc *time.Location) (time.Time, bool) {
	if t, ok := parsePageTime(text, loc); ok {
		return t, true
	}
	lower := strings.ToLower(Normalize(text))
	for _, m := range publishedMarkers {
		if i := strings.Index(lower, m); i >= 0 {
			if t, ok := DateInText(lower[i+len(m):], loc); ok {
				return t, true
			}
		}
	}
	for _, m := range updatedMarkers {
		if i := strings.Index(lower, m); i >= 0 {
			if t, ok := DateInText(lower[:i], loc); ok {
				return t, true
			}
		}
	}
	return DateInText(lower, loc)
}

// readMoreLabels start inline "read more" inserts, which are links to other stories.
var readMoreLabels = []string{"read more", "also read", "also see", "ये भी पढ़ें", "यह भी पढ़ें", "ये भी पढ़ें", "इसे भी पढ़ें",
	"हेही वाचा", "हे पण वाचा", "আরও পড়ুন", "আরো পড়ুন", "অারও পড়ুন"}

// dropReadMore removes "read more" paragraphs from a body.
func dropReadMore(body string) string {
	var keep []string
	for _, p := range strings.Split(body, "\n") {
		if t := strings.TrimSpace(p); t != "" && !isReadMore(t) {
			keep = append(keep, t)
		}
	}
	return strings.Join(keep, "\n\n")
}

func isReadMore(p string) bool {
	l := strings.ToLower(Normalize(p))
	for _, m := range readMoreLabels {
		if strings.HasPrefix(l, m) {
			return true
		}
	}
	return false
}

// profileBody returns the paragraphs of the profile's body element, or "".
func profileBody(doc *goquery.Document, prof *Profile) string {
	for _, sel := range prof.Body {
		s := doc.Find(sel).First()
		if s.Length() == 0 {
			continue
		}
		s = s.Clone()
		for _, d := range prof.Drop {
			s.Find(d).Remove()
		}
		if b := strings.Join(paragraphs(s), "\n\n"); b != "" {
			return b
		}
	}
	return ""
}

// blockElements end a paragraph.
var blockElements = map[string]bool{"p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "section": true, "article": true, "tr": true, "table": true, "ul": true,
	"ol": true, "figure": true, "figcaption": true, "header": true, "footer": true, "aside": true, "pre": true}

// paragraphs turns an element into paragraphs: block elements and <br> end one;
// "read more" inserts are left out.
func paragraphs(s *goquery.Selection) []string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "br" {
				b.WriteString("\n")
				return
			}
			if n.Data == "script" || n.Data == "style" {
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n")
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		if t := normSpace(line); t != "" && !isReadMore(t) {
			out = append(out, t)
		}
	}
	return out
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

// genericBody is the fallback for pages no site profile knows.
func genericBody(html []byte, pageURL *url.URL) (string, error) {
	return extract.Body(html, pageURL, extract.Options{})
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

// LooksLikeArticle tells an article page from a section front or tag page: it
// declares itself an article (og:type, JSON-LD, article:published_time), has an
// <article> element, or its site's profile finds a body in it. profiles nil
// means DefaultProfiles().
func LooksLikeArticle(html []byte, pageURL *url.URL, profiles *Profiles) bool {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return false
	}
	if strings.EqualFold(meta(doc, "og:type"), "article") || meta(doc, "article:published_time") != "" {
		return true
	}
	if ld := jsonLD(doc); ld.Headline != "" || ld.DatePublished != "" {
		return true
	}
	if doc.Find("article, [itemprop=articleBody]").Length() > 0 {
		return true
	}
	if profiles == nil {
		profiles = defaultProfiles()
	}
	hosts := []string{}
	if pageURL != nil {
		hosts = append(hosts, pageURL.Host)
	}
	if u, err := url.Parse(firstNonEmpty(attr(doc, `link[rel="canonical"]`, "href"), meta(doc, "og:url"))); err == nil && u.Host != "" {
		hosts = append(hosts, u.Host)
	}
	for _, h := range hosts {
		if p := profiles.For(h); p != nil {
			for _, sel := range p.Body {
				if strings.TrimSpace(doc.Find(sel).First().Text()) != "" {
					return true
				}
			}
		}
	}
	return false
}
