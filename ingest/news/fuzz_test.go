package news

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"outagelens/data/catalog"
)

// maxFuzzInput caps fuzz inputs, as Prometheus' parsers do: pages are capped at
// ingest anyway, and quadratic corners are not what these targets look for.
const maxFuzzInput = 4096

var fuzzSentences = []string{
	"शनिवार सुबह 8 बजे से सोमवार सुबह 10 बजे तक बंद रहा संपदा पोर्टल।",
	"শুক্রবার সকাল ১১টা থেকে সন্ধ্যা সাড়ে ৭টা পর্যন্ত সার্ভার বন্ধ ছিল।",
	"The portal and all Passport Seva Kendras were unavailable from 8 p.m. on Friday, March 7, to 6 a.m. on Monday, March 10.",
	"पुणे : काल दुपारी १२ ते ४ या वेळेत सारथी प्रणाली बंद पडली.",
	"करीब 1 करोड़ 20 लाख रुपये के ऑर्डर अटके, ढाई लाख अभ्यर्थी परेशान।",
	"প্রায় ৪ লক্ষ ৬০ হাজার আবেদন, ১২ কোটি টাকার টিকিট",
	"wages worth about ₹5.3 crore; 2.1 lakh workers; 60,000 users",
	"कल से सेवा बहाल होगी", "11 बजकर 5 मिनट पर", "১১টা ৫ মিনিট নাগাদ", "9.30 p.m.", "12-13-2025", "31 फ़रवरी 2025",
}

// FuzzNormalize: Normalize is idempotent, keeps valid UTF-8 valid and leaves no
// native digits or zero-width characters; fold is idempotent too.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSentences {
		f.Add(s)
	}
	f.Add("\u200bसर्वर\u200d ड\u093cाउन ०१२३ ০১২৩ \u00ad")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return
		}
		n := Normalize(s)
		if n2 := Normalize(n); n2 != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, n2)
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("Normalize made invalid UTF-8 from %q", s)
		}
		if strings.ContainsAny(n, "\u200b\u200c\u200d\ufeff०१२३४५६७८९০১২৩৪৫৬৭৮৯") {
			t.Fatalf("Normalize left zero-width or native digits: %q", n)
		}
		if k := fold(s); fold(k) != k {
			t.Fatalf("fold not idempotent: %q", s)
		}
	})
}

// FuzzDateInText: no panic; a date found is a real calendar date in range.
func FuzzDateInText(f *testing.F) {
	for _, s := range fuzzSentences {
		f.Add(s)
	}
	f.Add("प्रकाशित: २८ अक्टूबर २०२४")
	f.Add("05-03-2025")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return
		}
		d, ok := DateInText(s, ist)
		if ok && (d.Year() < 1990 || d.Year() > 2100 || d.Hour() != 0) {
			t.Fatalf("DateInText(%q) = %v", s, d)
		}
	})
}

// FuzzMoments: no panic; every time of day is a clock time of one day and every
// day is within a year or so before the publication date.
func FuzzMoments(f *testing.F) {
	for _, s := range fuzzSentences {
		f.Add(s)
	}
	pub := time.Date(2025, 3, 12, 0, 0, 0, 0, ist)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return
		}
		for _, m := range moments(fold(s), pub) {
			if m.minutes < 0 || m.minutes >= 25*60 {
				t.Fatalf("moments(%q): minutes %d", s, m.minutes)
			}
			if m.hasDay && (m.day.After(pub.AddDate(0, 0, 1)) || m.day.Before(pub.AddDate(-2, 0, 0))) {
				t.Fatalf("moments(%q): day %v", s, m.day)
			}
		}
		for _, d := range durations(fold(s)) {
			if d.minutes < 0 || math.IsNaN(d.minutes) || math.IsInf(d.minutes, 0) {
				t.Fatalf("durations(%q): %v", s, d.minutes)
			}
		}
	})
}

// FuzzAmounts: no panic; every amount is finite and not negative.
func FuzzAmounts(f *testing.F) {
	for _, s := range fuzzSentences {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return
		}
		for _, a := range amounts(fold(s)) {
			if a.value < 0 || math.IsNaN(a.value) || math.IsInf(a.value, 0) {
				t.Fatalf("amounts(%q): %v", s, a.value)
			}
		}
	})
}

// FuzzExtract reads arbitrary HTML end to end: no panic, a confidence in [0, 1],
// a known cause class, and an end never before the start.
func FuzzExtract(f *testing.F) {
	f.Add(`<html><head><title>सर्वर ठप</title><meta property="article:published_time" content="2025-03-12T09:00:00+05:30"></head><body><article><p>` +
		fuzzSentences[0] + `</p></article></body></html>`)
	f.Add(`<rss><channel><item><link>/a</link></item></channel></rss>`)
	cat := catalog.Default()
	causes := map[string]bool{CauseStorageFull: true, CauseLoadSurge: true, CauseSoftware: true, CauseNetwork: true, CausePower: true,
		CauseMaintenance: true, CauseUnknown: true}
	f.Fuzz(func(t *testing.T, html string) {
		if len(html) > maxFuzzInput {
			return
		}
		_, _ = feedLinks([]byte(html))
		a, err := Read([]byte(html), nil, ReadOptions{})
		if err != nil {
			return
		}
		if a.Published.IsZero() {
			a.Published = time.Date(2025, 3, 12, 9, 0, 0, 0, ist)
		}
		r := Extract(a, cat, ExtractOptions{})
		if r.Confidence < 0 || r.Confidence > 1 || !causes[r.Cause] {
			t.Fatalf("Extract: confidence %v cause %q", r.Confidence, r.Cause)
		}
		if !r.Ended.IsZero() && r.Ended.Before(r.Started) {
			t.Fatalf("Extract: ended %v before started %v", r.Ended, r.Started)
		}
	})
}
