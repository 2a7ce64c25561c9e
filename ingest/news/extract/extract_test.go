package extract

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

const englishPage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Passport portal down for six hours - City Daily</title></head><body>
<nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sports">Sports</a></nav>
<article><h1>Passport portal down for six hours</h1>
<p>The online passport appointment portal was unavailable from 9 a.m. to 3 p.m. on Tuesday, officials said.</p>
<p>Applicants who had booked slots were turned away at two regional offices, and many said they had travelled from neighbouring districts.</p>
<p><strong>READ MORE:</strong> <a href="/x">New rules for tatkal applications</a></p>
<p>The ministry said a failed database upgrade caused the outage and that missed appointments would be rescheduled within a week.</p>
<p>Advertisement</p>
<p>An official said the portal had handled twice its usual load on Monday after a holiday weekend.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Metro fares to rise next month</a></li><li><a href="/b">Water supply cut in three wards on Friday</a></li></ul></aside>
<footer><p>Copyright 2025 City Daily. All rights reserved.</p></footer>
</body></html>`

func TestBodyEnglish(t *testing.T) {
	u, _ := url.Parse("https://city.example/news/passport-portal")
	got, err := Body([]byte(englishPage), u, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"The online passport appointment portal was unavailable from 9 a.m. to 3 p.m. on Tuesday, officials said.",
		"Applicants who had booked slots were turned away at two regional offices, and many said they had travelled from neighbouring districts.",
		"The ministry said a failed database upgrade caused the outage and that missed appointments would be rescheduled within a week.",
		"An official said the portal had handled twice its usual load on Monday after a holiday weekend.",
	}
	if got != strings.Join(want, "\n\n") {
		t.Errorf("got\n%s", got)
	}
	// The headline and inserts stay when asked for.
	got, err = Body([]byte(englishPage), u, Options{KeepHeadline: true, KeepInserts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Passport portal down for six hours", "READ MORE:", "Advertisement"} {
		if !strings.Contains(got, s) {
			t.Errorf("KeepHeadline/KeepInserts: %q missing from\n%s", s, got)
		}
	}
}

func TestBodyErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "<html><body></body></html>", "<html><head><title>x</title></head></html>"} {
		if _, err := Body([]byte(in), nil, Options{}); !errors.Is(err, ErrNoContent) {
			t.Errorf("Body(%q): err = %v, want ErrNoContent", in, err)
		}
	}
	if _, err := Body([]byte(englishPage), nil, Options{MaxBytes: 100}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxBytes: err = %v, want ErrTooLarge", err)
	}
	if _, err := Body([]byte(englishPage), nil, Options{MaxBytes: -1}); err != nil {
		t.Errorf("MaxBytes -1: %v", err)
	}
	if _, err := Body([]byte(englishPage), nil, Options{Method: Method(99)}); err == nil {
		t.Error("unknown method accepted")
	}
}

func TestBodyMethods(t *testing.T) {
	for _, m := range []Method{Auto, Trafilatura, Readability} {
		got, err := Body([]byte(englishPage), nil, Options{Method: m})
		if err != nil {
			t.Errorf("%v: %v", m, err)
			continue
		}
		if !strings.Contains(got, "failed database upgrade") || strings.Contains(got, "Metro fares") {
			t.Errorf("%v: got\n%s", m, got)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	// "Café à Pune" in windows-1252, declared in a meta tag.
	latin := []byte("<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 \xe0 Pune</p></body></html>")
	if got := string(decodeHTML(latin, "")); !strings.Contains(got, "Café à Pune") {
		t.Errorf("windows-1252: %q", got)
	}
	// Declared in the Content-Type header instead.
	bare := []byte("<p>Caf\xe9</p>")
	if got := string(decodeHTML(bare, "text/html; charset=iso-8859-1")); !strings.Contains(got, "Café") {
		t.Errorf("Content-Type: %q", got)
	}
	// Valid UTF-8 wins over a wrong declaration (saved pages keep theirs).
	utf := []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>सर्वर डाउन</p></body></html>")
	if got := string(decodeHTML(utf, "")); !strings.Contains(got, "सर्वर डाउन") {
		t.Errorf("UTF-8 with wrong meta: %q", got)
	}
	// A BOM is dropped; invalid bytes in a page declared UTF-8 become U+FFFD.
	if got := decodeHTML([]byte("\xef\xbb\xbf<p>a</p>"), ""); string(got) != "<p>a</p>" {
		t.Errorf("BOM: %q", got)
	}
	bad := []byte("<meta charset=utf-8><p>a\xffb</p>")
	if got := decodeHTML(bad, ""); !utf8.Valid(got) || !strings.Contains(string(got), "a\uFFFDb") {
		t.Errorf("invalid UTF-8: %q", got)
	}
}

func render(t *testing.T, src string, inlineGaps bool) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return renderParagraphs(doc, inlineGaps)
}

func TestRenderParagraphs(t *testing.T) {
	src := `<div><h2>Title</h2><p>One  <b>bold</b>
	word,<br>next line</p><script>var x</script><p> </p>
	<ul><li>first</li><li>second</li></ul>
	<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
	<pre>  keep

  this	</pre><p>x&nbsp;y&#8203;z</p></div>`
	want := []string{"Title", "One bold word,\nnext line", "first", "second", "a b", "c d", "keep\n  this", "x y\u200bz"}
	if got := render(t, src, false); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Two or more <br> in a row separate paragraphs.
	brs := `<div>पहला अनुच्छेद।<br><br>दूसरा अनुच्छेद।<br> <br><br>तीसरा<br>पंक्ति</div>`
	if got := render(t, brs, false); !reflect.DeepEqual(got, []string{"पहला अनुच्छेद।", "दूसरा अनुच्छेद।", "तीसरा\nपंक्ति"}) {
		t.Errorf("<br><br>: %q", got)
	}
	// Inline gaps: trimmed inline boundaries become spaces, but not before
	// closing punctuation or a danda.
	gapped := `<p><b>Summary</b>Studies show<i>this</i>, and<b>more</b>।</p>`
	if got := render(t, gapped, true); !reflect.DeepEqual(got, []string{"Summary Studies show this, and more।"}) {
		t.Errorf("inline gaps: %q", got)
	}
	// Elements built without an atom (as go-trafilatura does) still count
	// as blocks.
	doc := &html.Node{Type: html.ElementNode, Data: "body"}
	for _, s := range []string{"one", "two"} {
		p := &html.Node{Type: html.ElementNode, Data: "p"}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: s})
		doc.AppendChild(p)
	}
	if got := renderParagraphs(doc, true); !reflect.DeepEqual(got, []string{"one", "two"}) {
		t.Errorf("atom-less nodes: %q", got)
	}
}

func TestTrimTail(t *testing.T) {
	paras := []string{"Lead para one here.", "Body two, with words.", "Body three ends.", "Related: other story", "Copyright line"}
	confirm := []string{"lead para one here", "body two with words", "body three ends"}
	if got := trimTail(paras, confirm, 0.3); len(got) != 3 {
		t.Errorf("trimTail = %q", got)
	}
	// Too little confirmed: left alone.
	if got := trimTail(paras, []string{"lead para one here"}, 0.5); len(got) != 5 {
		t.Errorf("minKeep: %q", got)
	}
	// Nothing confirmed: left alone.
	if got := trimTail(paras, []string{"unrelated"}, 0.3); len(got) != 5 {
		t.Errorf("unconfirmed: %q", got)
	}
}

func TestDropTitlesAndRepeats(t *testing.T) {
	titles := []string{matchKey("Server down at ration shops | City News"), matchKey("Server down at ration shops")}
	paras := []string{"Server down at ration shops", "By staff", "Body text about the server.", "Server down at ration shops"}
	got := dropTitles(paras, titles)
	want := []string{"By staff", "Body text about the server.", "Server down at ration shops"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dropTitles = %q", got)
	}
	// A short paragraph that is only part of the title stays.
	if got := dropTitles([]string{"Server", "Body."}, titles); len(got) != 2 {
		t.Errorf("partial title dropped: %q", got)
	}
	// A page that only repeats its title has no body.
	if got := dropTitles([]string{"Server down at ration shops"}, titles); len(got) != 0 {
		t.Errorf("title-only page: %q", got)
	}
	if got := dropRepeats([]string{"a b", "A, b!", "c", "a b"}); !reflect.DeepEqual(got, []string{"a b", "c", "a b"}) {
		t.Errorf("dropRepeats = %q", got)
	}
}

func TestIsInsert(t *testing.T) {
	inserts := []string{
		"READ MORE: Metro fares to rise", "» Also Read | Budget 2025", "ये भी पढ़ें: बिजली बिल",
		"यह भी पढ़ें - परिणाम घोषित", "আরও পড়ুন: জলের বিল", "हेही वाचा: पाणीपुरवठा बंद",
		"Advertisement", "विज्ञापन", "ADVERTISEMENT.",
		// The nukta written as a separate combining mark (U+0921 U+093C).
		"ये भी पढ\u093cें: खबर",
	}
	for _, s := range inserts {
		if !isInsert(s) {
			t.Errorf("isInsert(%q) = false", s)
		}
	}
	body := []string{
		"Readers were told the portal would reopen.", "The advertisement for the tender appeared on Monday.",
		"सर्वर डाउन होने से लोग परेशान रहे।", "READ MORE " + strings.Repeat("long text ", 30),
	}
	for _, s := range body {
		if isInsert(s) {
			t.Errorf("isInsert(%q) = true", s)
		}
	}
}

// TestBodyConcurrent runs Body from several goroutines (run with -race): the
// news stage extracts pages in parallel.
func TestBodyConcurrent(t *testing.T) {
	var pages [][]byte
	var wants []string
	for _, f := range fixtures {
		page, want := readFixture(t, f.name)
		pages = append(pages, page)
		wants = append(wants, strings.Join(want, "\n\n"))
	}
	done := make(chan error)
	for g := range 6 {
		go func() {
			var err error
			for i := range 6 {
				k := (g + i) % len(pages)
				got, e := Body(pages[k], nil, Options{})
				if e != nil {
					err = e
				} else if got != wants[k] {
					err = errors.New("concurrent result differs for " + fixtures[k].name)
				}
			}
			done <- err
		}()
	}
	for range 6 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
