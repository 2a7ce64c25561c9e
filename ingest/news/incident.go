package news

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"outagelens/data/catalog"
)

// Report is what an article says about an outage.
type Report struct {
	IsOutage         bool
	ServiceID        string // catalog id, "" when unknown
	ServiceName      string // the name the article uses
	State            string
	District         string
	Started          time.Time // zero when unknown
	StartedTimeKnown bool
	Ended            time.Time
	DurationMinutes  float64 // 0 when unknown
	Cause            string  // storage_full | load_surge | software | network | power | maintenance | unknown
	Affected         int64
	MoneyINR         float64
	Confidence       float64
	Evidence         map[string]string // field -> the sentence it came from
}

// Outage cues: a service that does not work.
var outageCues = []string{
	"server down", "server was down", "servers were down", "server crash", "site crash", "website crash", "portal crash",
	"portal down", "portal was down", "went down", "outage", "not working", "crashed", "server failure", "server failed",
	"सर्वर डाउन", "सर्वर ठप", "सर्वर फेल", "सर्वर खराब", "सर्वर की समस्या", "सर्वर में तकनीकी", "पोर्टल ठप", "वेबसाइट क्रैश",
	"साइट क्रैश", "सर्वर बंद", "सर्वर डाऊन",
	"সার্ভার ডাউন", "সার্ভার বিভ্রাট", "সার্ভার বন্ধ", "সার্ভারের সমস্যা", "সার্ভার সমস্যা", "সার্ভার কাজ করছে না", "সার্ভার কাজ না",
}

// Negative cues: "down" that is not a service outage.
var notOutageCues = []string{"sensex", "nifty", "शेयर बाजार", "सेंसेक्स", "নিফটি", "সেনসেক্স", "stock market"}

var causeCues = []struct {
	cause string
	cues  []string
}{
	{"storage_full", []string{"data full", "डेटा फुल", "डाटा फुल", "storage full", "disk full", "out of disk", "disk space", "no space left", "स्टोरेज फुल", "ডেটা ফুল"}},
	{"load_surge", []string{"क्षमता से अधिक", "लोड अधिक", "अधिक लोड", "बेतहाशा", "heavy traffic", "traffic surge", "rush", "load on the", "एक साथ", "অতিরিক্ত চাপ", "চাপ বেড়ে"}},
	{"maintenance", []string{"maintenance", "मेंटेनेंस", "मेंटनेंस", "रखरखाव", "রক্ষণাবেক্ষণ"}},
	{"power", []string{"power cut", "power outage", "बिजली गुल", "বিদ্যুৎ বিভ্রাট"}},
	{"network", []string{"network", "नेटवर्क", "নেটওয়ার্ক", "fibre cut", "fiber cut", "bsnl"}},
	{"software", []string{"software", "update", "bug", "सॉफ्टवेयर", "अपडेट", "সফটওয়্যার"}},
}

var sentenceSplit = regexp.MustCompile(`[^।.!?\n]+[।.!?]?`)

func sentences(text string) []string {
	var out []string
	for _, s := range sentenceSplit.FindAllString(text, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Extract reads an article for an outage report. loc is the calendar relative
// dates are resolved in.
func Extract(a Article, cat *catalog.Catalog, loc *time.Location) Report {
	r := Report{Cause: "unknown", Evidence: map[string]string{}}
	text := Normalize(a.Title + ".\n" + a.Body)
	lower := strings.ToLower(text)
	sents := sentences(text)
	find := func(cues []string) (string, bool) {
		for _, s := range sents {
			ls := strings.ToLower(s)
			for _, c := range cues {
				if strings.Contains(ls, c) {
					return s, true
				}
			}
		}
		return "", false
	}
	if s, ok := find(outageCues); ok {
		r.IsOutage = true
		r.Evidence["is_outage"] = s
	}
	for _, c := range notOutageCues {
		if strings.Contains(lower, c) {
			r.IsOutage = false
		}
	}
	// Service: the catalog service whose aliases the article uses most (title counts double).
	best, bestScore := "", 0
	for _, s := range cat.Services {
		score := 0
		for _, names := range s.Aliases {
			for _, n := range names {
				ln := strings.ToLower(n)
				score += strings.Count(lower, ln) + strings.Count(strings.ToLower(a.Title), ln)
			}
		}
		if score > bestScore || (score == bestScore && score > 0 && s.ID < best) {
			best, bestScore = s.ID, score
		}
	}
	if best != "" {
		s, _ := cat.Service(best)
		r.ServiceID, r.ServiceName, r.State = s.ID, s.Name, s.State
	}
	for _, cc := range causeCues {
		if s, ok := find(cc.cues); ok {
			r.Cause = cc.cause
			r.Evidence["cause"] = s
			break
		}
	}
	if !a.Published.IsZero() {
		r.Started, r.StartedTimeKnown = startOf(sents, a.Published.In(loc), &r)
	}
	r.Affected, r.MoneyINR = figures(text, &r)
	r.Confidence = confidence(r)
	return r
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"रविवार": 0, "सोमवार": 1, "मंगलवार": 2, "बुधवार": 3, "गुरुवार": 4, "शुक्रवार": 5, "शनिवार": 6,
	"রবিবার": 0, "সোমবার": 1, "মঙ্গলবার": 2, "বুধবার": 3, "বৃহস্পতিবার": 4, "শুক্রবার": 5, "শনিবার": 6,
}

var dayParts = map[string]int{
	"सुबह": 9, "morning": 9, "সকাল": 9, "दोपहर": 13, "afternoon": 13, "দুপুর": 13,
	"शाम": 17, "বিকেল": 17, "evening": 18, "সন্ধ্যা": 18, "रात": 21, "night": 21, "রাত": 21,
}

var clock = regexp.MustCompile(`(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|बजे|টা|টায়|টার)`)

// startOf finds when the outage began: the first sentence with an outage cue that
// names a day (a weekday, yesterday, or a date) resolved against the publication
// date, with the time of day if stated. Without one, the publication date.
func startOf(sents []string, pub time.Time, r *Report) (time.Time, bool) {
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, pub.Location())
	for _, s := range sents {
		ls := strings.ToLower(s)
		found := false
		d := day
		if t, ok := DateInText(s, pub.Location()); ok && !t.After(day) {
			d, found = t, true
		}
		if !found {
			keys := make([]string, 0, len(weekdays))
			for k := range weekdays {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if strings.Contains(ls, k) {
					back := (int(day.Weekday()) - int(weekdays[k]) + 7) % 7
					d, found = day.AddDate(0, 0, -back), true
					break
				}
			}
		}
		if !found && (strings.Contains(ls, "yesterday") || strings.Contains(ls, "গতকাল")) {
			d, found = day.AddDate(0, 0, -1), true
		}
		if !found {
			continue
		}
		r.Evidence["started"] = s
		if m := clock.FindStringSubmatch(ls); m != nil {
			h, _ := strconv.Atoi(m[1])
			mi, _ := strconv.Atoi(m[2])
			if strings.HasPrefix(m[3], "p") && h < 12 {
				h += 12
			}
			return d.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute), true
		}
		for part, h := range dayParts {
			if strings.Contains(ls, part) {
				return d.Add(time.Duration(h) * time.Hour), true
			}
		}
		return d, false
	}
	return day, false
}

var amount = regexp.MustCompile(`(\d+(?:[.,]\d+)?)\s*(करोड़|करोड|crore|লক্ষ|लाख|lakh|লাখ|हजार|हज़ार|thousand|হাজার|कोटी)`)

var multipliers = map[string]float64{
	"करोड़": 1e7, "करोड": 1e7, "crore": 1e7, "कोटी": 1e7, "लाख": 1e5, "lakh": 1e5, "লাখ": 1e5, "লক্ষ": 1e5,
	"हजार": 1e3, "हज़ार": 1e3, "thousand": 1e3, "হাজার": 1e3,
}

// figures reads the first count of people and the first sum of money.
func figures(text string, r *Report) (affected int64, money float64) {
	for _, s := range sentences(text) {
		ls := strings.ToLower(s)
		m := amount.FindStringSubmatch(ls)
		if m == nil {
			continue
		}
		v, _ := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
		v *= multipliers[m[2]]
		isMoney := strings.Contains(ls, "रुपए") || strings.Contains(ls, "रुपये") || strings.Contains(ls, "₹") ||
			strings.Contains(ls, "rs") || strings.Contains(ls, "টাকা") || strings.Contains(ls, "rupee")
		if isMoney && money == 0 {
			money = v
			r.Evidence["money_inr"] = s
		} else if !isMoney && affected == 0 {
			affected = int64(v)
			r.Evidence["affected"] = s
		}
	}
	return affected, money
}

func confidence(r Report) float64 {
	c := 0.3
	if r.IsOutage {
		c += 0.3
	}
	if r.ServiceID != "" {
		c += 0.2
	}
	if _, ok := r.Evidence["started"]; ok {
		c += 0.1
	}
	if r.Cause != "unknown" {
		c += 0.1
	}
	return c
}
