package news

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// When an outage started and ended, read from time expressions ("शनिवार सुबह 8
// बजे से सोमवार सुबह 10 बजे तक", "from 10 a.m. until 4 p.m.", "গতকাল বিকেল
// থেকে") resolved against the publication date.

// timeKind says how precisely a moment's time of day is known.
type timeKind int

const (
	noTime   timeKind = iota
	dayPart           // a time-of-day word: सुबह = 09:00 (corpus README convention)
	explicit          // a clock time
)

// moment is one time expression: a day and/or a time of day.
type moment struct {
	hasDay  bool
	day     time.Time // midnight of the day, in the publication's zone
	minutes int       // time of day
	kind    timeKind
	role    role
	start   int // token index range in the sentence
	end     int
	told    bool // the time of day has a qualifier: a time-of-day word or am/pm
}

type role int

const (
	neutral role = iota
	startRole
	endRole
	deadlineRole
)

var weekdayStems = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"रविवार": 0, "सोमवार": 1, "मंगलवार": 2, "मंगळवार": 2, "बुधवार": 3, "गुरुवार": 4, "बृहस्पतिवार": 4, "शुक्रवार": 5, "शनिवार": 6,
	"রবিবার": 0, "সোমবার": 1, "মঙ্গলবার": 2, "বুধবার": 3, "বৃহস্পতিবার": 4, "শুক্রবার": 5, "শনিবার": 6,
}

// relativeDays are day words counted back from the publication date. Hindi कल
// is yesterday only because future sentences are never read for dates.
var relativeDays = map[string]int{
	"yesterday": 1, "today": 0, "tonight": 0,
	"कल": 1, "आज": 0, "परसों": 2, "बीते": -100,
	"গতকাল": 1, "আজ": 0, "পরশু": 2,
	"काल": 1,
}

// dayPartMinutes follow the corpus README's convention.
var dayPartWords = []struct {
	stem    string
	minutes int
	prefix  bool // inflected forms (সকালে, सकाळपासून) match by prefix
}{
	{"सुबह", 9 * 60, false}, {"morning", 9 * 60, false}, {"সকাল", 9 * 60, true}, {"सकाळ", 9 * 60, true},
	{"दोपहर", 13 * 60, false}, {"afternoon", 13 * 60, false}, {"দুপুর", 13 * 60, true}, {"दुपार", 13 * 60, true}, {"noon", 12 * 60, false},
	{"शाम", 17 * 60, false}, {"বিকেল", 17 * 60, true},
	{"সন্ধ্যা", 18 * 60, true}, {"सायंकाळ", 18 * 60, true}, {"evening", 18 * 60, false}, {"संध्याकाळ", 18 * 60, true},
	{"रात", 21 * 60, false}, {"রাত", 21 * 60, true}, {"रात्री", 21 * 60, true}, {"night", 21 * 60, false},
}

// numberWords are small numbers written out, for clock times ("पांच बजे", "ন’টা").
var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "half": 0.5,
	"एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "छः": 6, "सात": 7, "आठ": 8, "नौ": 9, "दस": 10, "ग्यारह": 11, "बारह": 12,
	"डेढ़": 1.5, "ढाई": 2.5,
	"দুই": 2, "তিন": 3, "চার": 4, "পাঁচ": 5, "ছয়": 6, "ছ": 6, "সাত": 7, "আট": 8, "নয়": 9, "ন": 9, "দশ": 10, "এগারো": 11, "বারো": 12,
	"এক": 1, "একটা": 1, "দেড়": 1.5, "আড়াই": 2.5,
	"दोन": 2, "पाच": 5, "सहा": 6, "नऊ": 9, "दहा": 10, "अकरा": 11, "बारा": 12, "दीड": 1.5, "अडीच": 2.5,
}

// Words that add to or take from the number after them: साढ़े 7 = 7:30.
var fractionWords = map[string]float64{"साढ़े": 0.5, "सवा": 0.25, "পৌনে": -0.25, "पौने": -0.25, "সাড়ে": 0.5, "साडे": 0.5, "पावणे": -0.25,
	"quarterto": -0.25, "quarterpast": 0.25, "halfpast": 0.5}

var clockUnits = map[string]bool{"बजे": true, "बजकर": true, "वाजता": true, "वाजल्यापासून": true, "वाजल्या": true, "वाजेपर्यंत": true,
	"টা": true, "টায়": true, "টার": true, "টো": true, "টাই": true, "টে": true, "am": true, "pm": true, "o'clock": true}

var monthPrefixMin = 3

var ampm = regexp.MustCompile(`\b([ap])\.?\s?m\b\.?`)

// English fractions of the hour: "a quarter to ten", "half past three". They
// become one word each, read as fractionWords are ("पौने", "साढ़े").
var (
	quarterTo   = regexp.MustCompile(`\b(?:a\s+)?quarter\s+to\b`)
	quarterPast = regexp.MustCompile(`\b(?:a\s+)?quarter\s+past\b`)
	halfPast    = regexp.MustCompile(`\bhalf\s+past\b`)
)

// token is a word or number of a folded sentence.
type token struct {
	text  string
	num   float64
	isNum bool
	min   int // minutes when the number was written as h:mm or h.mm; -1 otherwise
}

// timeTokens splits a folded sentence into words and numbers ("11टा" -> 11, টা).
func timeTokens(s string) []token {
	s = ampm.ReplaceAllString(s, " ${1}m ")
	s = quarterTo.ReplaceAllString(s, "quarterto")
	s = quarterPast.ReplaceAllString(s, "quarterpast")
	s = halfPast.ReplaceAllString(s, "halfpast")
	var out []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			j := i
			for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == ',' && j+1 < len(rs) && rs[j+1] >= '0' && rs[j+1] <= '9') {
				j++
			}
			whole := strings.ReplaceAll(string(rs[i:j]), ",", "")
			t := token{text: string(rs[i:j]), isNum: true, min: -1}
			t.num, _ = strconv.ParseFloat(whole, 64)
			if j+2 < len(rs) && (rs[j] == '.' || rs[j] == ':') && rs[j+1] >= '0' && rs[j+1] <= '9' {
				k := j + 1
				for k < len(rs) && rs[k] >= '0' && rs[k] <= '9' {
					k++
				}
				frac := string(rs[j+1 : k])
				if rs[j] == ':' || len(frac) == 2 {
					m, _ := strconv.Atoi(frac)
					t.min = m
				}
				f, _ := strconv.ParseFloat(whole+"."+frac, 64)
				if rs[j] == '.' {
					t.num = f
				}
				t.text = string(rs[i:k])
				j = k
			}
			out = append(out, t)
			i = j
		case isWordRune(r) || r == '\'' || r == '’':
			j := i
			for j < len(rs) && (isWordRune(rs[j]) && !(rs[j] >= '0' && rs[j] <= '9')) {
				j++
			}
			if j == i {
				i++
				continue
			}
			w := string(rs[i:j])
			if n, ok := numberWords[w]; ok {
				out = append(out, token{text: w, num: n, isNum: true, min: -1})
			} else if fused := fusedClock(w); fused != nil {
				out = append(out, fused...)
			} else {
				out = append(out, token{text: w, min: -1})
			}
			i = j
		default:
			if r == '-' || r == ',' || r == ';' || r == '(' || r == ')' || r == '"' {
				out = append(out, token{text: string(r), min: -1})
			}
			i++
		}
	}
	return out
}

// Marathi endings on a fused clock time: "साडेदहाच्या सुमारास" (around half
// past ten), "सवादोनला" (at a quarter past two).
var fusedClockEndings = []string{"च्या", "ला"}

// The keys of fractionWords and numberWords, longest first, so that fusedClock
// reads a word the same way every time (a map's order changes from run to run).
var (
	fractionWordsLongestFirst = longestFirst(fractionWords)
	numberWordsLongestFirst   = longestFirst(numberWords)
)

func longestFirst(m map[string]float64) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	return keys
}

// fusedClock splits a Marathi fraction written together with its number
// ("साडेदहा", "पावणेपाच") into the fraction and the number, and reads an ending
// of time ("च्या", "ला") as a clock word; nil when w is no such word.
func fusedClock(w string) []token {
	for _, f := range fractionWordsLongestFirst {
		rest, ok := strings.CutPrefix(w, f)
		if !ok || rest == "" {
			continue
		}
		for _, word := range numberWordsLongestFirst {
			n := numberWords[word]
			tail, ok := strings.CutPrefix(rest, word)
			if !ok || n != float64(int(n)) {
				continue
			}
			toks := []token{{text: f, min: -1}, {text: word, num: n, isNum: true, min: -1}}
			if tail == "" {
				return toks
			}
			for _, e := range fusedClockEndings {
				if tail == e {
					return append(toks, token{text: "वाजता", min: -1})
				}
			}
		}
	}
	return nil
}

func dayPartOf(w string) (int, bool) {
	for _, d := range dayPartWords {
		if w == d.stem || (d.prefix && strings.HasPrefix(w, d.stem)) {
			return d.minutes, true
		}
	}
	return 0, false
}

func weekdayOf(w string) (time.Weekday, bool) {
	for stem, d := range weekdayStems {
		if w == stem || (!isLatin(stem) && strings.HasPrefix(w, stem)) {
			return d, true
		}
	}
	return 0, false
}

func monthOf(w string) (time.Month, bool) {
	if m, ok := monthNames[w]; ok {
		return m, true
	}
	if isLatin(w) {
		return 0, false
	}
	for name, m := range monthNames {
		if len([]rune(name)) >= monthPrefixMin && strings.HasPrefix(w, name) {
			return m, true
		}
	}
	return 0, false
}

// Connectors between time expressions.
var (
	startAfter  = map[string]bool{"से": true, "থেকে": true, "पासून": true, "ते": true, "onwards": true}
	endAfter    = map[string]bool{"तक": true, "পর্যন্ত": true, "पर्यंत": true, "नंतर": true}
	startBefore = map[string]bool{"from": true, "since": true, "began": true, "started": true, "failed": true, "between": true}
	endBefore   = map[string]bool{"until": true, "till": true, "to": true, "restored": true, "back": true, "resumed": true, "and": true, "ते": true, "by": true}
	skipWords   = map[string]bool{"को": true, "on": true, "at": true, "about": true, "around": true, "करीब": true, "लगभग": true,
		"नाগাদ": true, "প্রায়": true, "सुमारे": true, "the": true, "of": true, "nearly": true, "से ही": true, "ही": true, "ই": true, "थी": true}
)

// moments finds the time expressions of one folded sentence. pub is the
// publication day (midnight) that relative days resolve against.
func moments(key string, pub time.Time) []moment {
	toks := timeTokens(key)
	var out []moment
	var cur *moment
	lastTE := -10
	closeCur := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	open := func(i int) {
		if cur == nil || i-lastTE > 3 {
			closeCur()
			cur = &moment{start: i, end: i}
		}
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		w := t.text
		if startAfter[w] || endAfter[w] || startBefore[w] || endBefore[w] {
			closeCur()
			continue
		}
		// Day references.
		if d, ok := weekdayOf(w); ok {
			if cur != nil && cur.hasDay {
				closeCur()
			}
			open(i)
			back := (int(pub.Weekday()) - int(d) + 7) % 7
			cur.hasDay, cur.day, cur.end = true, pub.AddDate(0, 0, -back), i
			lastTE = i
			if strings.HasSuffix(w, "पासून") {
				cur.role = startRole
				closeCur()
			} else if strings.HasSuffix(w, "पर्यंत") || strings.HasSuffix(w, "মধ্যে") || strings.HasSuffix(w, "ের") && i+1 < len(toks) && toks[i+1].text == "মধ্যে" {
				cur.role = endRole
				if strings.HasSuffix(w, "ের") {
					cur.role = deadlineRole
				}
				closeCur()
			}
			continue
		}
		if back, r, ok := relativeDay(w); ok && back >= 0 {
			if cur != nil && cur.hasDay {
				closeCur()
			}
			open(i)
			cur.hasDay, cur.day, cur.end = true, pub.AddDate(0, 0, -back), i
			lastTE = i
			if r != neutral {
				cur.role = r // "कालपासून": since yesterday
				closeCur()
			}
			continue
		}
		// Absolute dates: 13 फरवरी [2025], March 7[, 2025].
		if t.isNum && t.num >= 1 && t.num <= 31 && t.min < 0 && i+1 < len(toks) {
			if m, ok := monthOf(toks[i+1].text); ok {
				y, skip := yearAfter(toks, i+2)
				if cur != nil && cur.hasDay && !weekdayAt(toks, cur) {
					closeCur()
				}
				open(i)
				cur.hasDay, cur.day, cur.end = true, resolveDate(int(t.num), m, y, pub), i+1+skip
				lastTE = i + 1 + skip
				if strings.HasSuffix(toks[i+1].text, "पर्यंत") {
					cur.role = endRole
				}
				i += 1 + skip
				continue
			}
		}
		if m, ok := monthOf(w); ok && isLatin(w) && i+1 < len(toks) && toks[i+1].isNum && toks[i+1].num >= 1 && toks[i+1].num <= 31 {
			y, skip := yearAfter(toks, i+2)
			if cur != nil && cur.hasDay && !weekdayAt(toks, cur) {
				closeCur()
			}
			open(i)
			cur.hasDay, cur.day, cur.end = true, resolveDate(int(toks[i+1].num), m, y, pub), i+1+skip
			lastTE = i + 1 + skip
			i += 1 + skip
			continue
		}
		// Times of day.
		if mins, ok := dayPartOf(w); ok {
			if cur != nil && cur.kind == explicit && !cur.told && i-lastTE <= 3 {
				// "ten in the morning", "five in the evening": the part of the
				// day qualifies the clock time before it.
				cur.minutes = clockMinutes(float64(cur.minutes/60), cur.minutes%60, mins, nil, -1)
				cur.told, cur.end, lastTE = true, i, i
				continue
			}
			if cur != nil && cur.kind >= dayPart {
				closeCur()
			}
			open(i)
			if cur.kind < dayPart {
				cur.minutes, cur.kind = mins, dayPart
			}
			cur.told = true
			cur.end = i
			lastTE = i
			if r, ok := markedRole(w); ok {
				cur.role = r
				closeCur()
			}
			continue
		}
		if h, mins, n, ok := clockAt(toks, i, cur != nil && cur.kind == dayPart && i-lastTE <= 2, prevConnector(toks, i)); ok {
			if cur != nil && cur.kind == explicit {
				closeCur()
			}
			open(i)
			part := -1
			if cur.kind == dayPart {
				part = cur.minutes
			}
			cur.minutes, cur.kind = clockMinutes(h, mins, part, toks, i+n-1), explicit
			if hasAMPM(toks, i, i+n) {
				cur.told = true
			}
			cur.end = i + n - 1
			lastTE = i + n - 1
			if r, ok := markedRole(toks[i+n-1].text); ok {
				cur.role = r
				closeCur()
			}
			i += n - 1
			continue
		}
	}
	closeCur()
	for k := range out {
		if out[k].role == neutral {
			out[k].role = roleOf(toks, out[k])
		}
		// "दुपारी १२ ते ४", "11 बजे से 2 बजे तक": a bare hour after an earlier one
		// in the same span is in the afternoon.
		if k > 0 && out[k].kind == explicit && !out[k].told && !out[k].hasDay && out[k-1].kind != noTime &&
			out[k].minutes < out[k-1].minutes && out[k].minutes < 12*60 {
			out[k].minutes += 12 * 60
		}
	}
	return out
}

// byMoment: the moment is introduced by "by" ("by noon", "by 2 pm") with no
// restoration word just before it: with a failure it says how far the outage had
// gone by then, not when it ended. toks are the timeTokens of the sentence m
// was read from.
func byMoment(toks []token, m moment) bool {
	for j := m.start - 1; j >= 0 && j >= m.start-3 && j < len(toks); j-- {
		if toks[j].text == "by" {
			// "back by 6.30 pm", "restored by noon": a restoration after all.
			return j == 0 || !endBefore[toks[j-1].text] && !restoreWords[toks[j-1].text]
		}
		if !skipWords[toks[j].text] {
			break
		}
	}
	return false
}

// relativeDay reads a relative day word, bare ("काल", "yesterday") or with a
// Marathi postposition attached ("कालपासून", "आजपर्यंत"), and the role the
// postposition gives it.
func relativeDay(w string) (int, role, bool) {
	if back, ok := relativeDays[w]; ok {
		return back, neutral, true
	}
	if stem, r, ok := cutPostposition(w); ok {
		if back, ok := relativeDays[stem]; ok {
			return back, r, true
		}
	}
	return 0, neutral, false
}

// markedRole reads a Marathi postposition attached to a time word: "वाजल्यापासून",
// "सकाळपासून" (from), "वाजेपर्यंत", "दुपारपर्यंत" (until).
func markedRole(w string) (role, bool) {
	_, r, ok := cutPostposition(w)
	return r, ok
}

// cutPostposition splits a Marathi "-पासून" (from) or "-पर्यंत" (until) off w
// and gives the role it marks.
func cutPostposition(w string) (stem string, r role, ok bool) {
	if stem, ok := strings.CutSuffix(w, "पासून"); ok {
		return stem, startRole, true
	}
	if stem, ok := strings.CutSuffix(w, "पर्यंत"); ok {
		return stem, endRole, true
	}
	return w, neutral, false
}

func hasAMPM(toks []token, from, to int) bool {
	for k := from; k <= to && k < len(toks); k++ {
		if toks[k].text == "am" || toks[k].text == "pm" {
			return true
		}
	}
	return false
}

func weekdayAt(toks []token, m *moment) bool {
	for i := m.start; i <= m.end && i < len(toks); i++ {
		if _, ok := weekdayOf(toks[i].text); ok {
			return true
		}
	}
	return false
}

func yearAfter(toks []token, i int) (int, int) {
	if i < len(toks) && toks[i].text == "," {
		i++
		if i < len(toks) && toks[i].isNum && toks[i].num >= 1990 && toks[i].num <= 2100 {
			return int(toks[i].num), 2
		}
		return 0, 0
	}
	if i < len(toks) && toks[i].isNum && toks[i].num >= 1990 && toks[i].num <= 2100 {
		return int(toks[i].num), 1
	}
	return 0, 0
}

// resolveDate places day and month in year y, or without a year in the latest
// year that does not put it after the publication date.
func resolveDate(d int, m time.Month, y int, pub time.Time) time.Time {
	if y == 0 {
		y = pub.Year()
		if time.Date(y, m, d, 0, 0, 0, 0, pub.Location()).After(pub) {
			y--
		}
	}
	return time.Date(y, m, d, 0, 0, 0, 0, pub.Location())
}

func prevConnector(toks []token, i int) string {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		w := toks[j].text
		if startAfter[w] || endBefore[w] || startBefore[w] {
			return w
		}
		if !skipWords[w] {
			return ""
		}
	}
	return ""
}

// clockAt reads a clock time starting at token i: "10 बजे", "11.05 am", "১১টা ৫
// মিনিট", "साढ़े 7 बजे", "डेढ़ बजे", "11 बजकर 5 मिनट", "সকাল ১০টায়". afterPart
// allows a bare number right after a time-of-day word ("दुपारी १२"); afterTo
// allows one after a range connector ("१२ ते ४").
func clockAt(toks []token, i int, afterPart bool, connector string) (h float64, mins int, n int, ok bool) {
	j := i
	add := 0.0
	if f, isFrac := fractionWords[toks[j].text]; isFrac && j+1 < len(toks) && toks[j+1].isNum {
		add = f
		j++
	}
	t := toks[j]
	if !t.isNum || t.num < 0 || t.num > 24 {
		return 0, 0, 0, false
	}
	h = t.num + add
	if t.min >= 0 {
		h = float64(int(t.num)) + add
		mins = t.min
	}
	k := j + 1
	unit := k < len(toks) && (clockUnits[toks[k].text] || strings.HasPrefix(toks[k].text, "वाज") || strings.HasPrefix(toks[k].text, "টা") || toks[k].text == "টে")
	if !unit && !afterPart && !(connector != "" && t.num >= 1 && t.num <= 12 && !(k < len(toks) && isDurationUnit(toks[k].text))) {
		return 0, 0, 0, false
	}
	if unit && !afterPart && connector == "" && t.min < 0 && (toks[k].text == "টা" || toks[k].text == "টি") && k+1 < len(toks) && affectedNoun(toks[k+1].text) {
		return 0, 0, 0, false
	}
	if k < len(toks) && isDurationUnit(toks[k].text) {
		return 0, 0, 0, false
	}
	if k < len(toks) {
		if _, scaled := scaleOf(toks[k].text); scaled {
			return 0, 0, 0, false // "रात करीब 2.7 लाख करदाता": a count, not 2:42 at night
		}
	}
	if t.min < 0 && t.num != float64(int(t.num)) && !unit {
		return 0, 0, 0, false // "2.7" with no clock word: a decimal, not a time (9.30 has two digits)
	}
	if unit {
		k++
		// "बजकर 5 मिनट", "১১টা ৫ মিনিট"
		if k+1 < len(toks) && toks[k].isNum && (toks[k+1].text == "मिनट" || toks[k+1].text == "মিনিট" || toks[k+1].text == "मिनिटे") {
			mins = int(toks[k].num)
			k += 2
		}
		if k < len(toks) && (toks[k].text == "am" || toks[k].text == "pm") {
			k++
		}
	}
	frac := h - float64(int(h))
	if frac > 0 && mins == 0 {
		mins = int(frac*60 + 0.5)
	}
	return float64(int(h)), mins, k - i, true
}

func isDurationUnit(w string) bool {
	_, ok := durationUnits[w]
	return ok
}

func affectedNoun(w string) bool {
	for _, n := range affectedNouns {
		if strings.HasPrefix(w, n) {
			return true
		}
	}
	return false
}

// clockMinutes turns an hour on a clock into minutes since midnight, reading the
// time-of-day word before it (part, -1 if none) and am/pm after it.
func clockMinutes(h float64, mins, part int, toks []token, last int) int {
	hour := int(h)
	suffix := ""
	for k := last; k >= 0 && k >= last-1; k-- {
		if toks[k].text == "am" || toks[k].text == "pm" {
			suffix = toks[k].text
		}
	}
	if last+1 < len(toks) && (toks[last+1].text == "am" || toks[last+1].text == "pm") {
		suffix = toks[last+1].text
	}
	switch {
	case suffix == "pm" && hour < 12:
		hour += 12
	case suffix == "am" && hour == 12:
		hour = 0
	case suffix == "":
		switch {
		case part >= 13*60 && part < 21*60 && hour < 12: // afternoon, evening
			hour += 12
		case part == 12*60 && hour < 6:
			hour += 12
		case part >= 21*60 && hour >= 6 && hour < 12: // रात 8 = 20:00, रात 2 = 02:00
			hour += 12
		}
	}
	return hour*60 + mins
}

// roleOf reads the words around a moment: "X से", "from X", "X तक", "until X".
func roleOf(toks []token, m moment) role {
	for j := m.end + 1; j < len(toks) && j <= m.end+3; j++ {
		w := toks[j].text
		if startAfter[w] || strings.HasPrefix(w, "पासून") {
			return startRole
		}
		if endAfter[w] {
			return endRole
		}
		if w == "মধ্যে" || w == "deadline" {
			return deadlineRole
		}
		if !skipWords[w] {
			break
		}
	}
	for j := m.start - 1; j >= 0 && j >= m.start-3; j-- {
		w := toks[j].text
		if startBefore[w] {
			return startRole
		}
		if endBefore[w] {
			return endRole
		}
		if !skipWords[w] {
			break
		}
	}
	// A restoration right after: "शाम 6 बजे सर्वर चालू हुआ", "১১টা ৫ মিনিট নাগাদ
	// পরিষেবা স্বাভাবিক হয়".
	for j := m.end + 1; j < len(toks) && j <= m.end+4; j++ {
		if restoreWords[toks[j].text] {
			if j+2 < len(toks) && (negationWords[toks[j+1].text] || negationWords[toks[j+2].text]) {
				break
			}
			return endRole
		}
	}
	// A verb a few words before: "resumed services on Monday", "began on Friday".
	for j := m.start - 1; j >= 0 && j >= m.start-4; j-- {
		switch toks[j].text {
		case "resumed", "restored", "reopened", "returned":
			return endRole
		case "began", "started", "failed", "crashed", "stopped":
			return startRole
		}
	}
	return neutral
}

// restoreWords are single words that say a service came back.
var restoreWords = map[string]bool{"चालू": true, "बहाल": true, "স্বাভাবিক": true, "চালু": true, "सुरळीत": true, "पूर्ववत": true,
	"restored": true, "resumed": true}

var negationWords = map[string]bool{"नहीं": true, "नही": true, "not": true, "না": true, "नाही": true}

// durationUnits are minutes per unit of a stated duration.
var durationUnits = map[string]float64{
	"minute": 1, "minutes": 1, "मिनट": 1, "মিনিট": 1, "मिनिटे": 1,
	"hour": 60, "hours": 60, "hr": 60, "घंटे": 60, "घंटा": 60, "घंटों": 60, "ঘণ্টা": 60, "ঘণ্টার": 60, "ঘণ্টায়": 60, "तास": 60, "तासांनी": 60,
	"day": 1440, "days": 1440, "दिन": 1440, "दिनों": 1440, "দিন": 1440, "दिवस": 1440, "दिवसांपासून": 1440,
	"week": 10080, "weeks": 10080, "सप्ताह": 10080, "हफ्ता": 10080, "हफ्ते": 10080, "हफ्तों": 10080, "হপ্তা": 10080, "সপ্তাহ": 10080,
	"आठवडा": 10080, "आठवड्यापासून": 10080, "आठवडाभरापासून": 10080,
}

// statedDuration is a duration the text states ("9 घंटे", "एक सप्ताह", "for
// six hours"), with whether it is still running ("तीन दिन से").
type statedDuration struct {
	minutes float64
	ongoing bool // "... से", "since", "ধরে", "पासून", "पिछले ...", "for a week now": an outage still going on
	within  bool // "24 घंटे में", "within four hours": a promise, not a duration
	elapsed bool // "19 hours after", "30 घंटे बाद", "এক ঘণ্টা পরে": time since the start
	span    bool // "for a week": how long, the tense says whether it is over
	inDays  bool // counted in days or weeks ("तीन दिन"), not hours or minutes ("30 तास")
}

// Words around a duration. runningLeads before it say it runs up to now
// ("पिछले एक सप्ताह से", "for the past week", "গত এক সপ্তাহ ধরে"); qualifiers may
// stand between them and the number ("for about a week", "पिछले करीब दस दिन से").
var (
	runningLeads       = map[string]bool{"since": true, "पिछले": true, "बीते": true, "past": true, "last": true, "गत": true, "গত": true, "गेल्या": true}
	durationQualifiers = map[string]bool{"about": true, "nearly": true, "almost": true, "over": true, "more": true, "than": true,
		"around": true, "roughly": true, "the": true, "करीब": true, "लगभग": true, "প্রায়": true, "सुमारे": true, "जवळपास": true}
	runningAfter = map[string]bool{"से": true, "ধরে": true, "থেকে": true, "पासून": true, "now": true}
	// Words between a unit and what follows it: "सप्ताह भर से", "a week or so".
	unitFillers = map[string]bool{"भर": true, "or": true, "so": true}
)

func durations(key string) []statedDuration {
	toks := timeTokens(key)
	var out []statedDuration
	for i := 0; i < len(toks); i++ {
		if toks[i].text == "a" || toks[i].text == "an" {
			toks[i].isNum, toks[i].num = true, 1 // "for an hour", "a week"
		}
		var n float64
		var j int
		switch {
		case toks[i].isNum && i+1 < len(toks):
			n, j = toks[i].num, i+1
			if toks[j].text == "-" && j+1 < len(toks) { // "six-hour", "58-hour"
				j++
			}
		case unitWithoutNumber(toks, i):
			n, j = 1, i // "for the past week", "पिछले हफ्ते से"
		default:
			continue
		}
		u, ok := durationUnits[toks[j].text]
		if !ok {
			continue
		}
		if j > i && i > 0 && (clockUnits[toks[i-1].text] || strings.HasPrefix(toks[i-1].text, "বজ") || strings.HasPrefix(toks[i-1].text, "টা")) {
			continue // "11 बजकर 5 मिनट", "১১টা ৫ মিনিট": the minutes of a clock time
		}
		if j > i && i > 0 {
			if f, ok := fractionWords[toks[i-1].text]; ok {
				n += f
			}
		}
		d := statedDuration{minutes: n * u, inDays: u >= 1440}
		if strings.HasSuffix(toks[j].text, "पासून") {
			d.ongoing = true
		}
		k := j + 1
		for k < len(toks) && unitFillers[toks[k].text] {
			k++
		}
		if k < len(toks) {
			switch w := toks[k].text; {
			case runningAfter[w]:
				d.ongoing = true
			case w == "में" || w == "মধ্যে" || w == "के" || w == "within" || w == "ago":
				d.within = true
			case w == "after" || w == "later" || w == "बाद" || w == "পরে" || w == "नंतर":
				d.elapsed = true
			}
		}
		for k := max(0, i-5); k < i; k++ {
			if toks[k].text == "between" || toks[k].text == "बीच" {
				d.within = true // "each time for between twenty minutes and an hour": not the outage's length
			}
		}
		// The word before the number, past any qualifiers.
		b := i - 1
		if j == i {
			b = i - 2 // the lead unitWithoutNumber found
		}
		for b >= 0 && durationQualifiers[toks[b].text] {
			b--
		}
		if b >= 0 {
			switch w := toks[b].text; {
			case w == "within":
				d.within = true
			case runningLeads[w] || j == i:
				d.ongoing = true
			case w == "for" || w == "over":
				d.span = true
			}
		}
		out = append(out, d)
	}
	return out
}

// unitWithoutNumber: toks[i] is a unit of a running span named without a number,
// "for the past week", "since last week", "पिछले हफ्ते से", "গত সপ্তাহ ধরে"; not
// "last week" or "पिछले हफ्ते" alone, which name a time, not a span up to now.
func unitWithoutNumber(toks []token, i int) bool {
	if durationUnits[toks[i].text] < 1440 {
		return false
	}
	if strings.HasSuffix(toks[i].text, "पासून") {
		return true // "आठवडाभरापासून", "आठवड्यापासून": since a week
	}
	if i == 0 {
		return false
	}
	prev := toks[i-1].text
	if !runningLeads[prev] || prev == "since" {
		return false
	}
	if prev == "past" {
		return true
	}
	if i >= 2 && (toks[i-2].text == "since" || toks[i-2].text == "the") {
		return true // "since last week", "over the last week"
	}
	k := i + 1
	for k < len(toks) && unitFillers[toks[k].text] {
		k++
	}
	return k < len(toks) && runningAfter[toks[k].text] && toks[k].text != "now"
}
