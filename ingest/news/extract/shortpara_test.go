package extract

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"text/tabwriter"
	"unicode/utf8"

	readeck "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// probablyReaderable runs Readability's page-level gate (isProbablyReaderable:
// only paragraphs of 140+ bytes count, and their summed sqrt(len-140) must
// exceed 20). Body never uses it; the tests log it to show what such a gate
// would do to pages of short paragraphs.
func probablyReaderable(page []byte) bool {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return false
	}
	p := readeck.NewParser()
	return p.CheckDocument(doc)
}

// fixture pages in testdata: <name>.html is a synthetic page written for
// these tests (short one- or two-sentence paragraphs, a "read more" insert,
// related links, share bar, footer); <name>.want.txt is its article body.
var fixtures = []struct {
	name        string
	boilerplate []string // strings that must not appear in the body
}{
	{"hindi_ration_server", []string{
		"होम", "संबंधित खबरें", "पानी की आपूर्ति", "मकर संक्रांति", "ये भी पढ़ें",
		"बिजली बिल", "फेसबुक", "टिप्पणियां", "हमारे गांव", "सर्वाधिकार", "गोपनीयता",
		"राशन दुकानों पर ई-केवाईसी सर्वर ठप, लाभार्थी लौटे खाली हाथ",
	}},
	{"hindi_exam_portal", []string{
		"लॉगिन", "ई-पेपर", "यह भी पढ़ें", "पिछली परीक्षा", "विज्ञापन", "शेयर करें",
		"और पढ़ें", "पुलिस भर्ती", "ट्रेंडिंग", "कोहरे", "कॉपीराइट",
		"भर्ती परीक्षा का आवेदन पोर्टल धीमा, अभ्यर्थी परेशान",
	}},
	{"bengali_smart_meter", []string{
		"প্রথম পাতা", "আরও পড়ুন", "জলের বিল", "শেয়ার", "সম্পর্কিত খবর", "পার্কিং",
		"যোগাযোগ", "সর্বস্বত্ব", "স্মার্ট মিটারের সার্ভার বিভ্রাট, রিচার্জ করতে পারছেন না গ্রাহকরা",
	}},
}

func readFixture(t *testing.T, name string) (page []byte, want []string) {
	t.Helper()
	page, err := os.ReadFile("testdata/" + name + ".html")
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.ReadFile("testdata/" + name + ".want.txt")
	if err != nil {
		t.Fatal(err)
	}
	return page, strings.Split(strings.TrimSpace(string(w)), "\n\n")
}

// TestShortParagraphFixtures checks the Hindi and Bengali pages built of
// short paragraphs: Auto must return exactly the article paragraphs, and
// the other methods must keep every one of them.
func TestShortParagraphFixtures(t *testing.T) {
	for _, f := range fixtures {
		page, want := readFixture(t, f.name)
		for _, w := range want {
			if n := utf8.RuneCountInString(w); n >= 140 {
				t.Fatalf("%s: fixture paragraph of %d runes; they are meant to be short", f.name, n)
			}
		}
		t.Logf("%s: %d paragraphs, longest %d runes; Readability's 140-char page gate says readerable=%v",
			f.name, len(want), longestRunes(want), probablyReaderable(page))
		for _, m := range []Method{Auto, Trafilatura, Readability} {
			got, err := Body(page, nil, Options{Method: m})
			if err != nil {
				t.Errorf("%s/%v: %v", f.name, m, err)
				continue
			}
			paras := strings.Split(got, "\n\n")
			kept := 0
			for _, w := range want {
				if strings.Contains(got, w) {
					kept++
				}
			}
			if kept != len(want) {
				t.Errorf("%s/%v: kept %d of %d short paragraphs:\n%s", f.name, m, kept, len(want), got)
			}
			for _, b := range f.boilerplate {
				if strings.Contains(got, b) {
					t.Errorf("%s/%v: boilerplate %q leaked into the body", f.name, m, b)
				}
			}
			if m == Auto && strings.Join(paras, "\n\n") != strings.Join(want, "\n\n") {
				t.Errorf("%s/%v: got\n%s\nwant\n%s", f.name, m, got, strings.Join(want, "\n\n"))
			}
		}
	}
}

func longestRunes(ps []string) int {
	n := 0
	for _, p := range ps {
		n = max(n, utf8.RuneCountInString(p))
	}
	return n
}

// Clauses of the generated sweep pages (written for this test).
var sweepClauses = []string{
	"पोर्टल दोबारा बंद हुआ", "लोग कतार में खड़े रहे", "अधिकारी ने जांच की बात कही",
	"मशीन ने अंगूठा नहीं पहचाना", "दुकानदार ने विभाग को सूचना दी", "सेवा शाम को बहाल हुई",
	"किसानों का पंजीकरण अटका", "हेल्पलाइन पर कोई जवाब नहीं मिला",
}

// sweepPage builds a Hindi news page with n body paragraphs of at least
// minRunes runes each, surrounded by navigation, related links and a footer.
func sweepPage(n, minRunes int) (page string, body []string) {
	for i := range n {
		var p strings.Builder
		fmt.Fprintf(&p, "दिन %d को", i+1)
		for j := 0; utf8.RuneCountInString(p.String()) < minRunes; j++ {
			p.WriteString(" " + sweepClauses[(i+j)%len(sweepClauses)] + ",")
		}
		s := strings.TrimSuffix(p.String(), ",") + "।"
		body = append(body, s)
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="hi"><head><meta charset="utf-8"><title>सर्वर ठप होने से सेवाएं प्रभावित | समाचार</title></head><body>`)
	b.WriteString(`<nav><ul><li><a href="/">होम</a></li><li><a href="/d">देश</a></li><li><a href="/r">राज्य</a></li><li><a href="/k">खेल</a></li><li><a href="/v">व्यापार</a></li></ul></nav>`)
	b.WriteString(`<div class="main"><h1>सर्वर ठप होने से सेवाएं प्रभावित</h1><div class="text">`)
	for _, p := range body {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</div></div><div class="related"><h3>संबंधित खबरें</h3><ul>`)
	for _, r := range []string{"बारिश से कई सड़कें बंद", "नगर निगम चुनाव की तारीख घोषित", "बस किराये में बढ़ोतरी", "अस्पताल में नई मशीन लगी", "स्टेडियम का नवीनीकरण पूरा"} {
		b.WriteString(`<li><a href="/x">` + r + `</a></li>`)
	}
	b.WriteString(`</ul></div><footer><p>हमारे बारे में | संपर्क | गोपनीयता नीति</p><p>© समाचार</p></footer></body></html>`)
	return b.String(), body
}

// TestShortParagraphSweep measures, for each method, how many body
// paragraphs survive and how much boilerplate leaks as pages get shorter. It
// fails if Auto loses a paragraph or leaks boilerplate on any of them.
func TestShortParagraphSweep(t *testing.T) {
	var out strings.Builder
	tw := tabwriter.NewWriter(&out, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, "paragraphs\tmin runes\tbody runes\t140-char gate\tmethod\tkept\tboilerplate leaked")
	for _, n := range []int{1, 2, 3, 6, 12} {
		for _, minRunes := range []int{12, 20, 40, 80, 140} {
			page, body := sweepPage(n, minRunes)
			gate := probablyReaderable([]byte(page))
			for _, m := range []Method{Auto, Trafilatura, Readability} {
				got, _ := Body([]byte(page), nil, Options{Method: m})
				kept := 0
				for _, p := range body {
					if strings.Contains(got, p) {
						kept++
					}
				}
				leaked := 0
				for _, bp := range []string{"होम", "देश", "संबंधित खबरें", "बारिश", "बस किराये", "संपर्क", "सर्वर ठप होने से सेवाएं प्रभावित"} {
					if strings.Contains(got, bp) {
						leaked++
					}
				}
				fmt.Fprintf(tw, "%d\t%d\t%d\t%v\t%v\t%d/%d\t%d/7\n", n, minRunes, utf8.RuneCountInString(strings.Join(body, "")), gate, m, kept, n, leaked)
				if m == Auto && (kept != n || leaked != 0) {
					t.Errorf("Auto on %d paragraphs of >= %d runes: kept %d, leaked %d", n, minRunes, kept, leaked)
				}
			}
		}
	}
	tw.Flush()
	t.Log("\n" + out.String())
}
