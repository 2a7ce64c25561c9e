package news

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"outagelens/data/catalog"
)

// Report is what an article says about an outage.
type Report struct {
	IsOutage         bool
	ServiceID        string // catalog id, "" when unknown
	ServiceName      string // the name the article uses
	State            string // canonical gazetteer name, "" for a national outage or when unknown
	District         string // set only when the article is about one district's outage
	Started          time.Time
	StartedTimeKnown bool // Started carries a time of day (a clock time or a time-of-day word)
	Ended            time.Time
	EndedTimeKnown   bool
	DurationMinutes  float64 // 0 when unknown
	// Ongoing: no end, and the article says the outage was still going on when it
	// was written ("पिछले एक हफ्ते से", "keeps failing", "কাজ করছে না", "कल से
	// सेवा बहाल होगी"); Evidence["ended"] says so and quotes the sentence.
	Ongoing    bool
	Cause      string // storage_full | load_surge | software | network | power | maintenance | unknown
	Affected   int64
	MoneyINR   float64
	Confidence float64           // 0..1: how much of the report rests on explicit evidence
	Evidence   map[string]string // field -> the sentence it came from
	// Event is a grouping key: reports with the same Event describe one outage
	// (same service, same start day). Empty for non-outages.
	Event string
}

// ExtractOptions configure Extract. The zero value resolves dates in IST with
// the embedded catalog and gazetteer.
type ExtractOptions struct {
	// Location is the calendar relative dates are resolved in; nil means IST.
	Location *time.Location
	// Gazetteer names states, districts and cities; nil means catalog.DefaultGazetteer().
	Gazetteer *catalog.Gazetteer
}

// Cause classes.
const (
	CauseStorageFull = "storage_full"
	CauseLoadSurge   = "load_surge"
	CauseSoftware    = "software"
	CauseNetwork     = "network"
	CausePower       = "power"
	CauseMaintenance = "maintenance"
	CauseUnknown     = "unknown"
)

var (
	defaultGazOnce sync.Once
	defaultGaz     *placeIndex
	gazMu          sync.Mutex
	gazCache       = map[*catalog.Gazetteer]*placeIndex{}
)

type placeIndex struct {
	names []catalog.PlaceName // folded names, longest first
}

func indexFor(g *catalog.Gazetteer) *placeIndex {
	build := func(g *catalog.Gazetteer) *placeIndex {
		pi := &placeIndex{}
		for _, n := range g.Names() {
			n.Name = fold(n.Name)
			if len([]rune(n.Name)) < 3 && isLatin(n.Name) {
				continue // "UP", "CG", "MP": too ambiguous in English text
			}
			pi.names = append(pi.names, n)
		}
		return pi
	}
	if g == nil {
		defaultGazOnce.Do(func() { defaultGaz = build(catalog.DefaultGazetteer()) })
		return defaultGaz
	}
	gazMu.Lock()
	defer gazMu.Unlock()
	if pi, ok := gazCache[g]; ok {
		return pi
	}
	pi := build(g)
	gazCache[g] = pi
	return pi
}

// placeMention is one place named in a sentence.
type placeMention struct {
	place    catalog.Place
	sentence int
	at       int
}

// places finds the gazetteer places each sentence names, longest names first,
// never two at one spot.
func (pi *placeIndex) places(sents []sentence) []placeMention {
	var out []placeMention
	for si, s := range sents {
		taken := make([]bool, len(s.Key)+1)
		for _, n := range pi.names {
			for i := indexPhrase(s.Key, n.Name); i >= 0; i = indexPhraseFrom(s.Key, n.Name, i+len(n.Name)) {
				if taken[i] {
					continue
				}
				// A Latin name must end at a word end, an Indic one may carry a case
				// ending but not run into a longer name ("रीवा" in "रीवांचल" is fine).
				for k := i; k < i+len(n.Name); k++ {
					taken[k] = true
				}
				out = append(out, placeMention{place: n.Place, sentence: si, at: i})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].sentence != out[j].sentence {
			return out[i].sentence < out[j].sentence
		}
		return out[i].at < out[j].at
	})
	return out
}

// Extract reads an article for an outage report: is it one, which service,
// where, when it started and ended, why, how many were hit, with the sentence
// each field came from.
func Extract(a Article, cat *catalog.Catalog, opts ExtractOptions) Report {
	loc := opts.Location
	if loc == nil {
		loc = catalog.IST
	}
	r := Report{Cause: CauseUnknown, Evidence: map[string]string{}}
	sents := articleSentences(a.Title, a.Body)
	if len(sents) == 0 {
		return r
	}
	svc := matchService(sents, cat)

	// Is it an outage?
	var outageSents []int
	ctx := make([]bool, len(sents))
	for i, s := range sents {
		if isOutageSentence(s, svc.aliases) {
			outageSents = append(outageSents, i)
			ctx[i] = true
		}
	}
	// Markets and sport use outage words ("fares down", "two down"): on such a
	// page only a strong cue ("crashed", "ठप") counts. Their words are counted
	// in the headline and in sentences with an outage word, so that a ticker of
	// other stories ("सेंसेक्स 600 अंक लुढ़का") leaves the page on topic.
	all := ""
	for _, s := range sents {
		if s.Title || hasOutageWord(s.Key) {
			all += s.Key + "\n"
		}
	}
	offTopic := countAny(all, marketCues) >= 2 || countAny(all, sportCues) >= 2
	for _, i := range outageSents {
		if _, strong := hasAny(sents[i].Key, strongOutageCues); strong || !offTopic {
			r.IsOutage = true
			r.Evidence["is_outage"] = sents[i].Text
			break
		}
	}
	if offTopic && !r.IsOutage && len(outageSents) > 0 {
		r.Evidence["not_outage"] = "market or sports sense of \"down\": " + sents[outageSents[0]].Text
	}
	// Whether an outage sentence names the matched service; notAnOutage and
	// abroad both ask, and abroad runs only on a page still held an outage.
	namesService := false
	if r.IsOutage {
		namesService = svc.id != "" && outageNamesService(sents, outageSents, svc)
		if why := notAnOutage(sents, outageSents, namesService); why != "" {
			r.withdrawOutage(why)
		}
	}

	// Service.
	if svc.id != "" {
		r.ServiceID, r.ServiceName = svc.id, svc.name
		r.Evidence["service"] = sents[svc.sentence].Text
	} else if name, si := namedService(sents); name != "" {
		r.ServiceName = name
		r.Evidence["service"] = sents[si].Text
	}

	// Place.
	where(sents, a.Body, cat, svc, indexFor(opts.Gazetteer), &r)
	if r.IsOutage && r.State == "" {
		if why := abroad(sents, outageSents, namesService); why != "" {
			r.withdrawOutage(why)
		}
	}

	// Cause.
	r.Cause, r.Evidence["cause"] = causeOf(sents, svc.aliases)
	if r.Evidence["cause"] == "" {
		delete(r.Evidence, "cause")
	}

	if !r.IsOutage {
		r.Confidence = confidence(r, len(outageSents), false)
		return r
	}

	// When.
	pub := a.Published
	if pub.IsZero() {
		pub = time.Now()
	}
	pub = pub.In(loc)
	pubDay := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, loc)
	fromText := when(sents, ctx, pubDay, &r)

	// Figures.
	figures(sents, &r)

	if r.ServiceID != "" || r.ServiceName != "" {
		id := r.ServiceID
		if id == "" {
			id = "name:" + strings.ToLower(r.ServiceName) // as reports/news.sql computes it
		}
		r.Event = id + "/" + r.Started.In(loc).Format("2006-01-02")
	}
	r.Confidence = confidence(r, len(outageSents), fromText)
	return r
}

// withdrawOutage turns an outage verdict into none, with why as the evidence.
func (r *Report) withdrawOutage(why string) {
	r.IsOutage = false
	delete(r.Evidence, "is_outage")
	r.Evidence["not_outage"] = why
}

// notAnOutage says why a page with outage sentences reports no e-governance
// outage, or "": its headline denies one ("'No outage': X rejects claims of a
// booking failure") or calls a claim of one false ("'पोर्टल बंद' वाला मैसेज
// फर्जी"), or no catalogued service is named in an outage sentence (namesService
// false) and the system that failed is a private operator's (a ticketing firm's app).
func notAnOutage(sents []sentence, outageSents []int, namesService bool) string {
	if t := sents[0]; t.Title {
		for _, c := range headlineClauses(t.Key) {
			if !hasOutageWord(c) {
				continue
			}
			if _, ok := hasAny(c, denialCues); ok {
				return "the headline denies an outage: " + t.Text
			}
			if _, ok := hasAny(c, hoaxCues); ok {
				return "the headline calls an outage claim false: " + t.Text
			}
		}
	}
	if !namesService {
		for _, i := range outageSents {
			if _, ok := hasAny(sents[i].Key, privateCues); ok {
				return "a private operator's system, no public service: " + sents[i].Text
			}
		}
	}
	return ""
}

// abroad says why an outage that names another country is none of India's, or
// "": no Indian state was found, no outage sentence names the catalogued
// service, and the first outage sentence names a foreign country or its capital
// ("বাংলাদেশে এনআইডি সার্ভার বন্ধ"; an Indian service named only to say it was
// not affected does not make the outage Indian). namesService: an outage
// sentence names the catalogued service.
func abroad(sents []sentence, outageSents []int, namesService bool) string {
	if len(outageSents) == 0 || namesService {
		return ""
	}
	s := sents[outageSents[0]]
	if c, ok := hasAny(s.Key, foreignCues); ok {
		return "an outage abroad (" + c + "), no Indian service: " + s.Text
	}
	return ""
}

// outageNamesService: some outage sentence names the matched service. A page
// where a private bank's app failed and a public scheme is named only in passing
// ("checked whether the scheme's money had come") reports no outage of the scheme.
func outageNamesService(sents []sentence, outageSents []int, svc serviceMatch) bool {
	for _, i := range outageSents {
		if _, ok := hasAny(sents[i].Key, svc.aliases); ok {
			return true
		}
	}
	return false
}

// isOutageSentence: a strong cue, or a weak cue with a system noun or an alias,
// in a sentence that is not about the future, a hypothesis or an earlier year.
// A headline is read clause by clause ("गैस बुकिंग बंद, कल से सामान्य होने की
// उम्मीद": the first clause reports, the second looks ahead).
func isOutageSentence(s sentence, aliases []string) bool {
	if s.Title {
		for _, c := range headlineClauses(s.Key) {
			if isOutageClause(c, s.Key, aliases) {
				return true
			}
		}
		return false
	}
	if !isOutageClause(s.Key, s.Key, aliases) {
		return false
	}
	// The outage words only inside quotation marks, cited as words or complained
	// of, with no day or time in the sentence ("the notes used the words 'server
	// down'", "students face \"server down\", he complained"): no event. An error
	// quoted from a screen ("'कनेक्शन फेल' लिखा आता रहा") still reports one.
	if _, cited := hasAny(s.Key, citeCues); cited {
		if bare := quotedSpans.ReplaceAllString(s.Key, "$1 "); bare != s.Key && !isOutageClause(bare, bare, aliases) &&
			len(moments(s.Key, time.Time{})) == 0 {
			return false
		}
	}
	return true
}

// quotedSpans: a short span in double or typographic quotes, or in straight
// single quotes opened after a space (so "state's", "দু'দিন" are no quotes).
var quotedSpans = regexp.MustCompile(`"[^"]{1,40}"|“[^”]{1,40}”|‘[^’]{1,40}’|(^|\s)'[^']{1,40}'`)

// headlineClauses splits a folded headline at commas, semicolons and bars.
func headlineClauses(key string) []string {
	return strings.FieldsFunc(key, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
}

func isOutageClause(key, whole string, aliases []string) bool {
	key = withoutFalseFriends(key)
	for _, cues := range noReportCues {
		if _, ok := hasAny(key, cues); ok {
			return false
		}
	}
	if marathiConditional(key) {
		return false // "सर्व्हर बंद पडला तर?": if the server fails
	}
	if n := countAny(key, marketCues) + countAny(key, sportCues); n > 0 {
		return false
	}
	if outageWordNegated(key) {
		return false // "চলতি মাসে কোনও বিভ্রাট হয়নি": no outage happened
	}
	if _, ok := hasAny(key, strongOutageCues); ok {
		return true
	}
	if _, ok := hasAny(key, weakOutageCues); !ok {
		return false
	}
	if _, ok := hasAny(key, noProblemCues); ok {
		return false // "the results site had no problem"
	}
	if _, ok := hasAny(key, resolvedCues); ok {
		return false // "the portal problem has been resolved": a resolution statement
	}
	if _, ok := hasAny(whole, systemNouns); ok {
		return true
	}
	_, ok := hasAny(whole, aliases)
	return ok
}

// marathiConditional: a past-tense verb followed, with no punctuation between, by
// "तर" ("बंद पडला तर", "गेले तर"): Marathi's "if ... then". With a comma before
// it ("बंद पडला, तर ...") "तर" means "whereas" and the clause reports.
func marathiConditional(key string) bool {
	words := strings.Fields(key)
	for i := 1; i < len(words); i++ {
		w := strings.TrimRight(words[i], "?!,;:।.")
		prev := words[i-1]
		if w != "तर" || strings.ContainsAny(prev, ",;:।.!?") {
			continue
		}
		for _, end := range []string{"ला", "ली", "ले", "लो"} {
			if strings.HasSuffix(prev, end) {
				return true
			}
		}
	}
	return false
}

// outageWordNegated: an outage word followed within two words by "did not
// happen" ("বিভ্রাট হয়নি", "सर्वर ठप नहीं हुआ"), and no outage word that is not.
func outageWordNegated(key string) bool {
	negated, plain := false, false
	for _, cues := range [][]string{strongOutageCues, weakOutageCues} {
		for _, c := range cues {
			for i := indexPhrase(key, c); i >= 0; i = indexPhraseFrom(key, c, i+len(c)) {
				tail := key[i+len(c):]
				if j := strings.IndexAny(tail, ",;:।.!?"); j >= 0 {
					tail = tail[:j] // "ठप रहा, कोई काम नहीं हुआ": the denial is of the work
				}
				rest := strings.Fields(tail)
				// The cue may end inside a word ("বিভ্রাট" in "বিভ্রাটের"): skip its tail,
				// or read the whole word ("बंद पडले" in "बंद पडलेले नाही").
				var whole []string
				if len(rest) > 0 && !strings.HasPrefix(tail, " ") {
					cw := strings.Fields(c)
					whole = append([]string{cw[len(cw)-1] + rest[0]}, rest[1:]...)
					rest = rest[1:]
				}
				if notHappenedAt(rest) || notHappenedAt(whole) {
					negated = true
				} else {
					plain = true
				}
			}
		}
	}
	return negated && !plain
}

// notHappenedAt: the words start, or start after one word, with "did not happen".
func notHappenedAt(words []string) bool {
	for k := 0; k < 2 && k < len(words); k++ {
		next := strings.Join(words[k:min(len(words), k+3)], " ")
		for _, p := range notHappened {
			if strings.HasPrefix(next, p) {
				return true
			}
		}
	}
	return false
}

// serviceMatch is the catalog service an article is about.
type serviceMatch struct {
	id, name, state string
	category        string
	sentence        int
	aliases         []string // every folded alias of the service
	score           float64
}

// matchService scores every catalog service by its aliases' mentions (title 3,
// first body paragraph 2, the rest 1); a mention inside a longer alias of
// another service counts for the longer one only.
func matchService(sents []sentence, cat *catalog.Catalog) serviceMatch {
	type hit struct {
		svc           int
		alias, folded string
		sentence      int
		at, end       int
	}
	// Fold every alias once, not once per sentence: folding is most of the
	// time Extract takes.
	type alias struct {
		svc          int
		name, folded string
	}
	var aliases []alias
	for i, sv := range cat.Services {
		for _, names := range sv.Aliases {
			for _, n := range names {
				aliases = append(aliases, alias{i, n, fold(n)})
			}
		}
	}
	var hits []hit
	for si, s := range sents {
		for _, a := range aliases {
			fn := a.folded
			for at := indexPhrase(s.Key, fn); at >= 0; at = indexPhraseFrom(s.Key, fn, at+len(fn)) {
				hits = append(hits, hit{a.svc, a.name, fn, si, at, at + len(fn)})
			}
		}
	}
	// A word that names a step of another service named on the page ("e-KYC",
	// in "PM-Kisan portal (registration, e-KYC, ...)", on a page naming PM-Kisan)
	// is that service's step, not a mention of a service it is an alias of.
	// Each named service's name is folded once here, not once per hit.
	named := map[int]string{}
	for _, h := range hits {
		if _, ok := named[h.svc]; !ok {
			named[h.svc] = fold(cat.Services[h.svc].Name)
		}
	}
	otherStep := func(h hit) bool {
		for b, name := range named {
			if b != h.svc && indexPhrase(name, h.folded) >= 0 {
				return true
			}
		}
		return false
	}
	// Drop hits contained in a longer hit of another service at the same place.
	scores := map[int]float64{}
	first := map[int]hit{}
	for _, h := range hits {
		if otherStep(h) {
			continue
		}
		inside := false
		for _, o := range hits {
			if o.sentence == h.sentence && o.svc != h.svc && o.at <= h.at && o.end >= h.end && o.end-o.at > h.end-h.at {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		w := 1.0
		switch {
		case sents[h.sentence].Title:
			w = 3
		case sents[h.sentence].Para == 0:
			w = 2
		}
		// Longer aliases are more specific.
		w *= 1 + math.Min(float64(len([]rune(h.alias))), 20)/20
		scores[h.svc] += w
		if f, ok := first[h.svc]; !ok || nameBefore(h.sentence, h.at, utf8.RuneCountInString(h.alias), h.alias, f.sentence, f.at, utf8.RuneCountInString(f.alias), f.alias) {
			first[h.svc] = h
		}
	}
	best, bestScore := -1, 0.0
	for i := range cat.Services {
		if s := scores[i]; s > bestScore+1e-9 || (s > 0 && math.Abs(s-bestScore) < 1e-9 && cat.Services[i].ID < cat.Services[best].ID) {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return serviceMatch{sentence: -1}
	}
	sv := cat.Services[best]
	m := serviceMatch{id: sv.ID, name: first[best].alias, state: sv.State, category: sv.Category, sentence: first[best].sentence, score: bestScore}
	for _, a := range aliases {
		if a.svc == best {
			m.aliases = append(m.aliases, a.folded)
		}
	}
	return m
}

// nameBefore orders the alias hits a service's reported name is taken from:
// the earliest sentence, then the longest alias (in letters), then the earliest position,
// then the alias's spelling, so that the name never depends on the order the
// catalog's alias map is walked in.
func nameBefore(s1, at1, len1 int, a1 string, s2, at2, len2 int, a2 string) bool {
	switch {
	case s1 != s2:
		return s1 < s2
	case len1 != len2:
		return len1 > len2
	case at1 != at2:
		return at1 < at2
	}
	return a1 < a2
}

// refineService re-decides between services whose aliases scored close, using
// the state the article is about: a ration article from Bihar is Bihar's PDS
// even when "राशन" is also an alias of Uttar Pradesh's.
func refineService(sents []sentence, cat *catalog.Catalog, m serviceMatch, state string) serviceMatch {
	if state == "" || m.id == "" || m.state == state || m.state == "India" {
		return m
	}
	// Rescore restricted to services of the article's state.
	var sub catalog.Catalog
	for _, s := range cat.Services {
		if s.State == state {
			sub.Services = append(sub.Services, s)
		}
	}
	if len(sub.Services) == 0 {
		return m
	}
	alt := matchService(sents, &sub)
	// The state's own service of the same kind wins on any mention ("जन वितरण
	// प्रणाली" in a story from Gumla is Jharkhand's PDS even when "ई-पॉस" and
	// "राशन" are also Uttar Pradesh's aliases); another kind needs half the score.
	if alt.id != "" && (alt.score >= m.score*0.5 || (alt.category != "" && alt.category == m.category)) {
		return alt
	}
	return m
}

// sameKindIn returns the one service of m's category in state, for a story
// filed from that state (its dateline) whose places point there at least twice
// as strongly as to m's state: "রেশন", an alias of West Bengal's PDS, in a story
// datelined "ঘাটশিলা (ঝাড়খণ্ড):" is Jharkhand's PDS. m itself when m is national,
// already the state's, or the state has no single service of its kind.
func sameKindIn(cat *catalog.Catalog, m serviceMatch, state string) serviceMatch {
	if m.id == "" || m.category == "" || m.state == "India" || m.state == state {
		return m
	}
	found := -1
	for i, s := range cat.Services {
		if s.State == state && s.Category == m.category {
			if found >= 0 {
				return m
			}
			found = i
		}
	}
	if found < 0 {
		return m
	}
	sv := cat.Services[found]
	return serviceMatch{id: sv.ID, name: m.name, state: sv.State, category: sv.Category, sentence: m.sentence, aliases: m.aliases, score: m.score}
}

var (
	namedHi = regexp.MustCompile(`([\p{L}\p{M}0-9.-]+(?: [\p{L}\p{M}0-9.-]+){0,2}) (?:का|के|की) (?:सर्वर|पोर्टल|वेबसाइट|ऐप)`)
	namedBn = regexp.MustCompile(`([\p{L}\p{M}0-9.-]+?)(?:-এর|-র|এর|ের) (?:সার্ভার|পোর্টাল|ওয়েবসাইট)`)
	namedEn = regexp.MustCompile(`((?:[A-Z][\w&-]*\s){1,4})(?:portal|website|app|server)`)
	namedMr = regexp.MustCompile(`([\p{L}\p{M}0-9.-]+(?: [\p{L}\p{M}0-9.-]+)?) (?:पोर्टल|संकेतस्थळ|प्रणाली|सर्व्हर)`)
)

// notNames are words a name guess may start with that are not part of the name.
var notNames = map[string]bool{"the": true, "a": true, "फिर": true, "भी": true, "ही": true, "आज": true, "कल": true, "काल": true}

// namedService returns the name an article gives a service no alias matched:
// "X का सर्वर", "X-এর সার্ভার", "the X portal".
func namedService(sents []sentence) (string, int) {
	for i, s := range sents {
		for _, re := range []*regexp.Regexp{namedHi, namedBn, namedEn, namedMr} {
			if m := re.FindStringSubmatch(s.Text); m != nil {
				words := strings.Fields(m[1])
				for len(words) > 0 {
					w := fold(words[0])
					_, dayPart := dayPartOf(w)
					_, weekday := weekdayOf(w)
					if !notNames[w] && !dayPart && !weekday {
						break
					}
					words = words[1:]
				}
				if name := strings.Join(words, " "); name != "" {
					return name, i
				}
			}
		}
	}
	return "", -1
}

// where sets State and District. A state-level service's outage is in its state;
// a national service's only when the article reports it for one state (a state or
// district angle) and its lead does not call it nationwide ("देशभर") with no local
// or statewide word anywhere; District only for a local report (local scope words outweigh
// statewide ones, the lead counting double).
func where(sents []sentence, body string, cat *catalog.Catalog, svc serviceMatch, pi *placeIndex, r *Report) {
	mentions := pi.places(sents)
	dl := datelineOf(body)
	var dlPlace *catalog.Place
	if dl != "" {
		for _, n := range pi.names {
			if strings.HasPrefix(dl, n.Name) || n.Name == dl {
				p := n.Place
				dlPlace = &p
				break
			}
		}
	}
	// The state the article's places point to.
	stateVotes := map[string]float64{}
	if dlPlace != nil {
		stateVotes[dlPlace.State] += 3
	}
	for _, m := range mentions {
		w := 1.0
		if m.place.Kind == "state" {
			w = 2
		}
		if sents[m.sentence].Title {
			w *= 2
		}
		stateVotes[m.place.State] += w
	}
	placeState := ""
	best := 0.0
	for st, v := range stateVotes {
		if v > best || (v == best && st < placeState) {
			placeState, best = st, v
		}
	}
	// Scope: local, statewide, national.
	var local, statewide float64
	nationalLead := false // a nationwide word ("देशभर") in the title or the first two sentences
	// The lead starts at the first body sentence of six words or more: a
	// masthead, a site name or a section trail ("States » Uttar Pradesh") kept
	// at the top of the body does not push it down.
	lead := 0
	for _, s := range sents {
		if !s.Title && len(strings.Fields(s.Text)) >= 6 {
			lead = s.Index
			break
		}
	}
	inLead := func(s sentence) bool { return s.Index >= 0 && s.Index < lead+2 }
	for _, s := range sents {
		w := 1.0
		if s.Title || inLead(s) {
			w = 2
		}
		local += w * float64(localScopeCount(s.Key))
		statewide += w * float64(stateScopeCount(s.Key))
		if w == 2 && countAny(s.Key, nationScope) > 0 {
			nationalLead = true
		}
	}
	localWords := local
	if dlPlace != nil && dlPlace.Kind != "state" {
		n := 0
		for _, m := range mentions {
			if m.place.Name == dlPlace.Name {
				n++
			}
		}
		if n >= 2 {
			local += 2 // the dateline place is named again in the story
		}
	}
	for _, m := range mentions {
		if s := sents[m.sentence]; m.place.Kind == "state" && !s.Title {
			key := s.Key
			before := strings.TrimSpace(key[:m.at])
			after := strings.Fields(key[m.at:])
			if strings.HasSuffix(before, "across") || strings.HasSuffix(before, "throughout") ||
				(len(after) > 1 && strings.HasPrefix(after[1], fold("জুড়ে"))) {
				// "across Jharkhand", "পশ্চিমবঙ্গ জুড়ে": double in the lead, as other
				// scope words; a kicker or standfirst may push the lead past it.
				if inLead(s) {
					statewide += 2
				} else {
					statewide++
				}
			}
		}
	}

	svcState := svc.state
	switch {
	case svc.id != "" && svcState != "" && svcState != "India":
		r.State = svcState
	case svc.id != "" && svcState == "India":
		if nationalLead && localWords == 0 && statewide == 0 {
			// "देशभर के करदाता" in the lead and no local or statewide word: a
			// national outage, though the outlet's city is the dateline and is
			// named again for a local voice.
		} else if (local > 0 || statewide > 0) && placeState != "" {
			r.State = placeState
		} else if st := locativeState(sents, mentions, dl); st != "" {
			r.State = st // "Passport Seva Kendras in Tamil Nadu turned applicants away"
		}
	default:
		r.State = placeState
	}
	refined := refineService(sents, cat, svc, placeState)
	if refined.id == svc.id && dlPlace != nil && dlPlace.State == placeState &&
		stateVotes[placeState] >= 2*stateVotes[svc.state] {
		refined = sameKindIn(cat, svc, placeState)
	}
	if refined.id != svc.id {
		r.ServiceID, r.ServiceName = refined.id, refined.name
		r.Evidence["service"] = sents[refined.sentence].Text
		if refined.state != "India" {
			r.State = refined.state
		}
	}
	if r.State != "" {
		r.Evidence["state"] = evidenceFor(sents, mentions, r.State)
	}
	if r.State == "" || local <= statewide || local == 0 {
		return
	}
	// The district: the dateline's, else the first one named in the state.
	if dlPlace != nil && dlPlace.State == r.State && dlPlace.District != "" {
		r.District = dlPlace.District
	} else {
		for _, m := range mentions {
			if m.place.State == r.State && m.place.District != "" {
				r.District = m.place.District
				break
			}
		}
	}
	if r.District != "" {
		for _, m := range mentions {
			if m.place.District == r.District {
				r.Evidence["district"] = sents[m.sentence].Text
				break
			}
		}
	}
}

// locativeState returns the state a national story is reported for when its
// lead says so ("in Tamil Nadu", "बिहार में") and every place it names, bar the
// dateline, lies in that state; "in Delhi, Mumbai and Kolkata" names three.
func locativeState(sents []sentence, mentions []placeMention, dateline string) string {
	found := ""
	for _, m := range mentions {
		s := sents[m.sentence]
		if m.place.Kind != "state" || s.Title || s.Index >= 2 {
			continue
		}
		before := strings.TrimSpace(s.Key[:m.at])
		rest := strings.Fields(s.Key[m.at:])
		nameWords := len(strings.Fields(fold(m.place.Name)))
		after := ""
		if len(rest) > nameWords {
			after = rest[nameWords]
		}
		if strings.HasSuffix(before, " in") || after == fold("में") {
			found = m.place.State
			break
		}
	}
	if found == "" {
		return ""
	}
	for _, m := range mentions {
		if m.place.State == found {
			continue
		}
		if s := sents[m.sentence]; !s.Title && s.Index == 0 && dateline != "" && strings.HasPrefix(s.Key, dateline) && m.at < len(dateline) {
			continue // the dateline
		}
		return ""
	}
	return found
}

func evidenceFor(sents []sentence, mentions []placeMention, state string) string {
	for _, m := range mentions {
		if m.place.State == state {
			return sents[m.sentence].Text
		}
	}
	return ""
}

// localScopeCount counts local scope words ("district", "जिले"), not the
// "district" of a portal's name ("e-District", "e-district services"), which
// says nothing of where the outage was.
func localScopeCount(key string) int {
	for _, name := range eDistrictNames {
		key = strings.ReplaceAll(key, name, " ")
	}
	return countAny(key, localScope)
}

var eDistrictNames = foldAll([]string{"e-district", "edistrict"})

// stateScopeCount counts "प्रदेश में"-like statewide words, not counting
// "उत्तर प्रदेश के" (a state's name).
func stateScopeCount(key string) int {
	n := 0
	for _, p := range stateScope {
		for i := indexPhrase(key, p); i >= 0; i = indexPhraseFrom(key, p, i+len(p)) {
			before := strings.TrimSpace(key[:i])
			name := false
			for _, w := range pradeshNames {
				if strings.HasSuffix(before, w) {
					name = true
				}
			}
			if !name {
				n++
			}
		}
	}
	return n
}

// causeOf counts each class's cues outside negated phrases ("not a software
// one") and outside the service's spelled-out name (the "नेटवर्क" of "जीएसटी
// नेटवर्क (जीएसटीएन)" when "जीएसटीएन" is an alias of the service); the class
// with most wins, ties in causeCues order.
func causeOf(sents []sentence, aliases []string) (string, string) {
	// The clauses that may name a cause, split once for every class: a clause
	// about the future names no cause of this outage ("सॉफ्टवेयर अपग्रेड होगा"),
	// unless it announces maintenance.
	type clause struct {
		text     string
		sentence int
	}
	var cls []clause
	for si, s := range sents {
		for _, cl := range clauses(s.Key) {
			if _, future := hasAny(cl, futureCues); future && !s.Title {
				if _, ok := hasAny(cl, maintenanceAhead); !ok {
					continue
				}
			}
			cls = append(cls, clause{cl, si})
		}
	}
	best, bestN, ev := CauseUnknown, 0, ""
	for _, cc := range causeCues {
		n, first := 0, ""
		for _, cl := range cls {
			for _, c := range cc.Cues {
				for i := indexPhrase(cl.text, c); i >= 0; i = indexPhraseFrom(cl.text, c, i+len(c)) {
					lo := max(0, i-12)
					if _, neg := hasAny(cl.text[lo:i], causeNegations); neg {
						continue
					}
					if spelledOutName(cl.text[i+len(c):], aliases) {
						continue
					}
					n++
					if first == "" {
						first = sents[cl.sentence].Text
					}
				}
			}
		}
		if n > bestN {
			best, bestN, ev = cc.Cause, n, first
		}
	}
	return best, ev
}

// spelledOutName: the text after a cue goes on to a bracketed alias of the
// service ("नेटवर्क (जीएसटीएन) के अधिकारी", "Network (GSTN) said"), so the cue
// is a word of the service's or its operator's full name.
func spelledOutName(after string, aliases []string) bool {
	// The cue may end inside a word: skip the rest of it.
	after = strings.TrimLeftFunc(after, func(r rune) bool { return r != ' ' && r != '(' })
	after = strings.TrimSpace(after)
	inner, ok := strings.CutPrefix(after, "(")
	if !ok {
		return false
	}
	inner, _, ok = strings.Cut(inner, ")")
	if !ok {
		return false
	}
	inner = strings.TrimSpace(inner)
	for _, a := range aliases {
		if inner == a {
			return true
		}
	}
	return false
}

// maintenanceAhead are the words that let a future clause name a cause: it
// announces maintenance.
var maintenanceAhead = []string{fold("मेंटेनेंस"), "maintenance"}

var clauseSplit = regexp.MustCompile(`[,;]| और | and | আর | ও | आणि `)

// clauses splits a folded sentence at commas and conjunctions.
func clauses(key string) []string { return clauseSplit.Split(key, -1) }

// wireDateline is a wire dateline: place, filing date and agency: "भोपाल, 16 जनवरी
// (समाचार भारती)", "SHILLONG, March 12 (NPA)". The date is when the copy was
// filed, not when the outage began.
const wireDateline = `^[\p{L}\p{M} .-]{2,40},\s*(?:\d{1,2}\s+[\p{L}\p{M}]+\.?|[\p{L}\p{M}]+\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*(?:\([^)]*\))?\s*`

// datelineOnly: a sentence that is only a dateline.
var datelineOnly = regexp.MustCompile(wireDateline + `[।.:|-]*\s*$`)

// datelinePrefix: the same dateline at the head of the first sentence.
var datelinePrefix = regexp.MustCompile(wireDateline + `[।:—–]\s*`)

// saidOn: the day is when something was said, not when it happened: after a
// reporting verb ("officials said on Wednesday") or before one ("अधिकारियों ने
// बुधवार को बताया").
func saidOn(toks []token, m moment) bool {
	j := m.start - 1
	if j >= 0 && toks[j].text == "on" {
		j--
	}
	if j >= 0 && j < len(toks) && reportingVerbs[toks[j].text] {
		return true
	}
	k := m.end + 1
	if k < len(toks) && toks[k].text == "को" {
		k++
	}
	return k < len(toks) && reportingVerbs[toks[k].text] && m.kind == noTime
}

var reportingVerbs = map[string]bool{"said": true, "says": true, "told": true, "added": true, "announced": true, "stated": true,
	"confirmed": true, "बताया": true, "कहा": true}

// start/end candidates.
type cand struct {
	m        moment
	sentence int
	approx   bool
}

// when sets Started, Ended and DurationMinutes and says whether the start came
// from the text (false: the publication day).
func when(sents []sentence, ctx []bool, pub time.Time, r *Report) bool {
	order := make([]int, 0, len(sents))
	for i, s := range sents {
		if !s.Title {
			order = append(order, i)
		}
	}
	for i, s := range sents {
		if s.Title {
			order = append(order, i)
		}
	}
	var start *cand
	var startPending *cand // a clock time before any day
	var ends []cand
	var approx *cand
	for _, si := range order {
		s := sents[si]
		if _, ok := hasAny(s.Key, futureCues); ok {
			continue
		}
		_, deadline := hasAny(s.Key, deadlineCues)
		if deadline && !ctx[si] {
			continue
		}
		_, ongoing := hasAny(s.Key, ongoingCues)
		restored := isRestore(s.Key)
		restore := restored && !ctx[si]
		afterCtx := si > 0 && ctx[si-1] && !s.Title && !sents[si-1].Title
		// A sentence that says people could not be served, followed in its
		// paragraph by one that says the system failed ("कल दोपहर 12 बजे से ... कोई
		// आवेदन नहीं लिया जा सका। पोर्टल खुलते ही बंद हो रहा था।"), gives the times.
		beforeCtx := si+1 < len(sents) && ctx[si+1] && !s.Title && !sents[si+1].Title && sents[si+1].Para == s.Para && cannot(s.Key)
		eligible := ctx[si] || s.Index >= 0 && s.Index < 2 || restore || afterCtx || beforeCtx || problemBegan(s.Key)
		if !eligible || datelineOnly.MatchString(s.Key) {
			continue
		}
		sawStart := false
		key := datelinePrefix.ReplaceAllString(s.Key, "") // "GUWAHATI, March 12 (NPA): ..."
		toks := timeTokens(key)
		outageWord := hasOutageWord(s.Key)
		for _, m := range moments(key, pub) {
			if m.role == deadlineRole || (m.hasDay && m.day.After(pub)) {
				continue
			}
			if saidOn(toks, m) {
				continue // "officials said on Wednesday": when it was told
			}
			if m.role == neutral && sawStart && m.hasDay && restored {
				m.role = endRole // "शुक्रवार शाम से ठप ... सर्वर शनिवार रात 11 बजे चालू हुआ"
			}
			if m.role == endRole && !sawStart && !restored && !outageWord {
				continue // "मंगलवार तक 3 हजार आवेदन नहीं लिए जा सके": a count up to a day, not an end
			}
			if deadline && nearDeadline(toks, m) {
				continue
			}
			// A clock time with no day joins the start's day in the next sentence;
			// one marked as a start ("साढ़े दस बजे से", "since 10.30") two sentences on.
			near := 1
			if m.role == startRole {
				near = 2
			}
			role := m.role
			if role == startRole && restore && !outageWord {
				role = endRole // "working normally since 7.25 pm": back from then on
			}
			if role == neutral {
				if restore {
					role = endRole
				} else {
					role = startRole
				}
			}
			c := cand{m: m, sentence: si}
			if role == startRole {
				sawStart = true
			}
			switch role {
			case startRole:
				switch {
				case start == nil && m.hasDay:
					start = &c
					if start.m.kind == noTime && startPending != nil {
						start.m.minutes, start.m.kind = startPending.m.minutes, startPending.m.kind
					}
				case start == nil:
					if m.kind != noTime && (startPending == nil || m.kind > startPending.m.kind) {
						startPending = &c
					}
				case m.hasDay && m.kind == explicit && start.m.kind < explicit && ctx[si] && m.day.Equal(start.m.day.AddDate(0, 0, -1)):
					// "offline at 11 pm on Monday" after a lead that said only "for most
					// of Tuesday, after an overnight job": a clock time the evening
					// before a start known only by its day is when it began.
					start = &c
				case (!m.hasDay && (si == start.sentence || sentDist(sents, si, start.sentence) <= near)) || (m.hasDay && m.day.Equal(start.m.day)):
					if m.kind > start.m.kind {
						start.m.minutes, start.m.kind = m.minutes, m.kind
						start.sentence = si
					}
				}
			case endRole:
				if ongoing && !restored {
					continue
				}
				if !aboutOutage(s.Key) {
					continue // booking hours, a promise, another event
				}
				if !restored && byMoment(toks, m) {
					continue // "By noon, the status page had also stopped loading": the outage spread
				}
				ends = append(ends, c)
			}
		}
		if approx == nil && ctx[si] {
			// "पिछले एक सप्ताह से", "for about a week", "গত এক সপ্তাহ ধরে": a start
			// that many days before publication, when no day is named.
			for _, d := range durations(s.Key) {
				if (d.ongoing || d.span) && d.minutes >= 1440 {
					approx = &cand{m: moment{hasDay: true, day: pub.AddDate(0, 0, -int(d.minutes/1440))}, sentence: si, approx: true}
					break
				}
			}
		}
	}
	fromText := true
	switch {
	case start != nil:
	case approx != nil:
		start = approx
	case startPending != nil:
		start = startPending
		start.m.day, start.m.hasDay = pub, true
	default:
		start = &cand{m: moment{hasDay: true, day: pub}, sentence: -1}
		fromText = false
	}
	r.Started = start.m.day.Add(time.Duration(start.m.minutes) * time.Minute)
	r.StartedTimeKnown = start.m.kind != noTime
	if start.approx {
		days := int(math.Round(pub.Sub(start.m.day).Hours() / 24))
		r.Evidence["started"] = fmt.Sprintf("about %d days before publication: %s", days, sents[start.sentence].Text)
	} else if start.sentence >= 0 {
		r.Evidence["started"] = sents[start.sentence].Text
	} else {
		r.Evidence["started"] = "(no date in the text: the publication date)"
	}
	// The end: the first end moment at or after the start.
	var end *cand
	for i := range ends {
		e := ends[i]
		if !e.m.hasDay {
			e.m.day = start.m.day
			if e.m.kind != noTime && start.m.kind != noTime && e.m.minutes < start.m.minutes {
				e.m.day = e.m.day.AddDate(0, 0, 1)
			}
		}
		t := e.m.day.Add(time.Duration(e.m.minutes) * time.Minute)
		if t.Before(r.Started) || (t.Equal(r.Started) && (e.m.kind != noTime || !e.m.hasDay)) {
			continue // an end at the start instant ends nothing
		}
		if e.m.kind == noTime && !e.m.hasDay {
			continue
		}
		end = &e
		// The same end told again more precisely ("until Tuesday afternoon",
		// then "until about 2 pm on Tuesday"): keep the clock time.
		for _, o := range ends[i+1:] {
			ot := o.m.day.Add(time.Duration(o.m.minutes) * time.Minute)
			if o.m.hasDay && e.m.hasDay && o.m.day.Equal(e.m.day) && o.m.kind > end.m.kind && !ot.Before(r.Started) {
				end = &o
			}
		}
		break
	}
	if end != nil {
		r.Ended = end.m.day.Add(time.Duration(end.m.minutes) * time.Minute)
		r.EndedTimeKnown = end.m.kind != noTime
		r.Evidence["ended"] = sents[end.sentence].Text
		if start.m.kind == explicit && end.m.kind == explicit {
			r.DurationMinutes = r.Ended.Sub(r.Started).Minutes()
			r.Evidence["duration_minutes"] = sents[end.sentence].Text
		}
	}
	if end == nil {
		if si := stillOngoing(sents, ctx, order); si >= 0 {
			r.Ongoing = true
			r.Evidence["ended"] = "still going on when published (no end): " + sents[si].Text
		}
	}
	if r.DurationMinutes == 0 {
		for _, si := range order {
			s := sents[si]
			if _, ok := hasAny(s.Key, futureCues); ok {
				continue
			}
			restored := isRestore(s.Key)
			for _, cl := range durationClauses.Split(s.Key, -1) {
				about := aboutOutage(cl)
				for _, d := range durations(cl) {
					if d.ongoing || d.within || d.minutes <= 0 {
						continue
					}
					// A duration counts in a clause about the outage, or as the time
					// elapsed in a sentence that says the service came back ("The
					// service came back around noon on Sunday, ..., roughly 19 hours
					// after the first complaints"); not "काटने में 20 मिनट".
					if !about && !(d.elapsed && restored) {
						continue
					}
					if d.inDays && !restored {
						continue // "तीन दिन से", "during the three days": a span, not a stated duration ("30 तास" is one)
					}
					r.DurationMinutes = d.minutes
					r.Evidence["duration_minutes"] = s.Text
					break
				}
				if r.DurationMinutes > 0 {
					break
				}
			}
			if r.DurationMinutes > 0 {
				break
			}
		}
	}
	return fromText
}

// stillOngoing returns the first sentence (the body's before the headline) that
// says the outage was still going on when the article was written, or -1: a
// restoration still to come ("कल से सेवा बहाल होगी", "দুপুরের মধ্যে পরিষেবা
// স্বাভাবিক হবে"), or, in a sentence about the outage, "still"/"अब तक"/"এখনও", a
// span running up to now ("छह दिन से", "for the past week", "since Friday") or
// the failure in the present tense (presentCues). An article that says the
// service came back, even without a time, reports no ongoing outage.
func stillOngoing(sents []sentence, ctx []bool, order []int) int {
	for _, s := range sents {
		if _, future := hasAny(s.Key, futureCues); !future && isRestore(s.Key) {
			return -1
		}
	}
	for _, si := range order {
		k := sents[si].Key
		if _, future := hasAny(k, futureCues); future {
			if restorationAhead(k) {
				return si
			}
			continue
		}
		if !ctx[si] && !aboutOutage(k) {
			continue
		}
		if _, ok := hasAny(k, ongoingCues); ok {
			return si
		}
		if _, ok := hasAny(k, presentCues); ok {
			return si
		}
		if indexPhrase(k, "since") >= 0 {
			return si
		}
		for _, d := range durations(k) {
			if d.ongoing {
				return si
			}
		}
	}
	return -1
}

// restorationAhead: a future sentence about the service coming back ("सेवा बहाल
// होगी", "পরিষেবা স্বাভাবিক হবে", "is expected to be restored").
func restorationAhead(key string) bool {
	if isRestore(key) {
		return true
	}
	for _, t := range timeTokens(key) {
		if restoreWords[t.text] {
			return true
		}
	}
	return false
}

// problemBefore: the one or two words before a "started" word name a problem
// ("ही अडचण सुरू झाली", "the trouble started"): the outage began, no service resumed.
func problemBefore(text string) bool {
	words := strings.Fields(text)
	for k := len(words) - 1; k >= 0 && k >= len(words)-2; k-- {
		if _, ok := hasAny(words[k], problemNouns); ok {
			return true
		}
	}
	return false
}

// problemBegan: a clause that says a problem began ("ही अडचण सुरू झाली").
func problemBegan(key string) bool {
	for _, c := range restoreCues {
		for i := indexPhrase(key, c); i >= 0; i = indexPhraseFrom(key, c, i+len(c)) {
			if problemBefore(key[:i]) {
				return true
			}
		}
	}
	return false
}

func sentDist(sents []sentence, a, b int) int {
	if sents[a].Title || sents[b].Title {
		return 99
	}
	d := sents[a].Index - sents[b].Index
	if d < 0 {
		d = -d
	}
	return d
}

// nearDeadline: the moment names a deadline, not the outage ("the July 31
// deadline", "अंतिम तिथि 15 फरवरी"); "on the due date on Saturday" is not one.
// toks are the timeTokens of the sentence m was read from.
func nearDeadline(toks []token, m moment) bool {
	if m.end+1 < len(toks) {
		next := toks[m.end+1].text
		if next == "deadline" || next == "deadlines" {
			return true
		}
	}
	var before []string
	for k := max(0, m.start-3); k < m.start; k++ {
		before = append(before, toks[k].text)
	}
	b := strings.Join(before, " ")
	for _, d := range deadlineCues {
		if strings.HasSuffix(b, d) {
			return true
		}
	}
	return false
}

// isRestore: a restoration word not negated right after it, in a clause about
// the service rather than about people ("গ্রাহক খালি হাতে ফিরেছেন", "applicants
// who came back": a clause naming people and no system or service noun).
func isRestore(key string) bool {
	for _, c := range restoreCues {
		for i := indexPhrase(key, c); i >= 0; i = indexPhraseFrom(key, c, i+len(c)) {
			if aboutPeople(clauseAt(key, i)) || problemBefore(key[:i]) {
				continue
			}
			after := strings.Fields(key[i+len(c):])
			neg := false
			for k := 0; k < len(after) && k < 2; k++ {
				for _, n := range negations {
					if strings.TrimRight(after[k], ".,।") == n {
						neg = true
					}
				}
			}
			if !neg {
				return true
			}
		}
	}
	return false
}

// clauseAt returns the clause of a folded sentence (see clauses) that holds byte
// offset i.
func clauseAt(key string, i int) string {
	from, to := 0, len(key)
	for _, b := range clauseSplit.FindAllStringIndex(key, -1) {
		if b[1] <= i {
			from = b[1]
		} else if b[0] > i {
			to = b[0]
			break
		}
	}
	return key[from:to]
}

// aboutPeople: the clause names people or things the outage hit ("গ্রাহক",
// "applicants") and no system or service noun, so a verb of returning in it is
// about them.
func aboutPeople(clause string) bool {
	if _, ok := hasAny(clause, systemNouns); ok {
		return false
	}
	if _, ok := hasAny(clause, serviceNouns); ok {
		return false
	}
	for _, t := range timeTokens(clause) {
		if !t.isNum && affectedNoun(t.text) {
			return true
		}
	}
	return false
}

// hasOutageWord: a strong or weak outage cue, with or without a system noun
// ("It remained down until 4 p.m." after a sentence naming the portal).
func hasOutageWord(key string) bool {
	key = withoutFalseFriends(key)
	if _, ok := hasAny(key, strongOutageCues); ok {
		return true
	}
	_, ok := hasAny(key, weakOutageCues)
	return ok
}

// withoutFalseFriends removes the words that start with an outage cue but mean
// something else ("डाउनलोड", download, is no "डाउन").
func withoutFalseFriends(key string) string {
	for _, w := range cueFalseFriends {
		key = strings.ReplaceAll(key, w, "")
	}
	return key
}

// aboutOutage: the text (a sentence or a clause) says the service was down or
// came back, or that people could not use it, and is not a promise or a rule. Ends
// and durations are read only from such text: "booking is open between 9 a.m.
// and 5 p.m.", "भुगतान के 20 मिनट के अंदर" or "काटने में 20 मिनट" say nothing of
// how long the outage lasted.
func aboutOutage(key string) bool {
	if _, ok := hasAny(key, promiseCues); ok {
		return false
	}
	if cannot(key) {
		return true
	}
	return hasOutageWord(key) || isRestore(key)
}

// cannot: the text says people or work could not be served ("could not",
// "नहीं लिया जा सका").
func cannot(key string) bool {
	_, ok := hasAny(key, cannotCues)
	return ok
}

// durationClauses splits a folded sentence where one statement ends and another
// begins, so that a headline's "काटने में 20 मिनट, जोड़ने में 9 घंटे: सर्वर ठप"
// is three.
var durationClauses = regexp.MustCompile(`[,;|]|:\s`)

// figures picks the affected count (the largest count in a sentence that says
// people were hit, else the first count) and the money (the first sum in such a
// sentence; none otherwise), reading the body before the title.
func figures(sents []sentence, r *Report) {
	var aff, money []figure
	for si, s := range sents {
		a, m := figuresIn(s.Key)
		_, hit := hasAny(s.Key, affectedCues)
		if len(a) == 0 && si > 0 && len(aff) > 0 && aff[len(aff)-1].sentence == si-1 && hasSumWord(s.Key) {
			// "শুধু হুগলিতে ৯ হাজার আবেদন আটকে ছিল। গোটা রাজ্যে সংখ্যাটা ১ লক্ষ ২০
			// হাজার।": the number of the same people, counted wider.
			a = bareCounts(s.Key, m)
			hit = hit || aff[len(aff)-1].hit
		}
		for _, x := range a {
			aff = append(aff, figure{x.value, si, hit})
		}
		for _, x := range m {
			money = append(money, figure{x.value, si, hit})
		}
	}
	pick := func(fs []figure, largest bool) (figure, bool) {
		var best *figure
		for pass := 0; pass < 2 && best == nil; pass++ {
			for i := range fs {
				f := &fs[i]
				if sents[f.sentence].Title != (pass == 1) {
					continue
				}
				if !f.hit {
					continue
				}
				if best == nil || (largest && f.value > best.value) {
					best = f
				}
			}
		}
		if best == nil {
			for i := range fs {
				if !sents[fs[i].sentence].Title {
					return fs[i], true
				}
			}
			if len(fs) > 0 {
				return fs[0], true
			}
			return figure{}, false
		}
		return *best, true
	}
	if f, ok := pick(aff, true); ok {
		r.Affected = int64(math.Round(f.value))
		r.Evidence["affected"] = sents[f.sentence].Text
	}
	// Money only where the sentence ties it to the outage (stuck, lost, delayed):
	// "orders worth Rs 5 crore were placed" is turnover, not a loss.
	var tied []figure
	for _, m := range money {
		if m.hit {
			tied = append(tied, m)
		}
	}
	if f, ok := pick(tied, false); ok {
		r.MoneyINR = f.value
		r.Evidence["money_inr"] = sents[f.sentence].Text
	}
}

// confidence sums what the report rests on: outage cues, a catalog service, a
// start read from the text with a time, a cause, a place.
func confidence(r Report, outageSentences int, startFromText bool) float64 {
	if !r.IsOutage {
		if outageSentences == 0 {
			return 0.9 // nothing in the article says anything failed
		}
		return 0.6
	}
	c := 0.2 + 0.1*math.Min(float64(outageSentences), 3)
	if r.ServiceID != "" {
		c += 0.2
	} else if r.ServiceName != "" {
		c += 0.05
	}
	if startFromText {
		c += 0.1
		if r.StartedTimeKnown {
			c += 0.05
		}
	}
	if r.Cause != CauseUnknown {
		c += 0.05
	}
	if r.State != "" {
		c += 0.05
	}
	return math.Round(math.Min(c, 1)*100) / 100
}
