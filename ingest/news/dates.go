package news

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// monthNames maps month names in English, Hindi, Bengali and Marathi to months.
var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
	"जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4, "एप्रिल": 4, "मई": 5, "मे": 5, "जून": 6,
	"जुलाई": 7, "जुलै": 7, "अगस्त": 8, "ऑगस्ट": 8, "सितंबर": 9, "सितम्बर": 9, "सप्टेंबर": 9,
	"अक्टूबर": 10, "अक्तूबर": 10, "ऑक्टोबर": 10, "नवंबर": 11, "नवम्बर": 11, "नोव्हेंबर": 11,
	"दिसंबर": 12, "दिसम्बर": 12, "डिसेंबर": 12, "जानेवारी": 1, "फेब्रुवारी": 2,
	"জানুয়ারি": 1, "ফেব্রুয়ারি": 2, "মার্চ": 3, "এপ্রিল": 4, "মে": 5, "জুন": 6, "জুলাই": 7,
	"আগস্ট": 8, "সেপ্টেম্বর": 9, "অক্টোবর": 10, "নভেম্বর": 11, "ডিসেম্বর": 12,
}

var (
	dayMonthYear = regexp.MustCompile(`(\d{1,2})\s*(?:st|nd|rd|th)?\s+([\p{L}\p{M}]+)\.?,?\s+(\d{4})`)
	monthDayYear = regexp.MustCompile(`([\p{L}\p{M}]+)\.?\s+(\d{1,2}),?\s+(\d{4})`)
	isoDate      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	// dmyNumeric is the Indian numeric order, day first: 05-03-2025 is 5 March.
	dmyNumeric = regexp.MustCompile(`\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b`)
)

// DateInText returns the first date written out in text ("14 मार्च 2025",
// "৩১ জানুয়ারি ২০২৫", "March 14, 2025", "2025-03-14"), at midnight in loc.
func DateInText(text string, loc *time.Location) (time.Time, bool) {
	text = Normalize(text)
	best, bestAt := time.Time{}, -1
	try := func(at int, y, m, d string, month time.Month) {
		yy, _ := strconv.Atoi(y)
		dd, _ := strconv.Atoi(d)
		if month == 0 {
			mm, _ := strconv.Atoi(m)
			month = time.Month(mm)
		}
		if yy < 1990 || yy > 2100 || month < 1 || month > 12 || dd < 1 || dd > 31 {
			return
		}
		t := time.Date(yy, month, dd, 0, 0, 0, 0, loc)
		if t.Day() != dd {
			return
		}
		if bestAt < 0 || at < bestAt {
			best, bestAt = t, at
		}
	}
	for _, m := range dayMonthYear.FindAllStringSubmatchIndex(text, -1) {
		if mon, ok := monthNames[strings.ToLower(text[m[4]:m[5]])]; ok {
			try(m[0], text[m[6]:m[7]], "", text[m[2]:m[3]], mon)
		}
	}
	for _, m := range monthDayYear.FindAllStringSubmatchIndex(text, -1) {
		if mon, ok := monthNames[strings.ToLower(text[m[2]:m[3]])]; ok {
			try(m[0], text[m[6]:m[7]], "", text[m[4]:m[5]], mon)
		}
	}
	for _, m := range isoDate.FindAllStringSubmatchIndex(text, -1) {
		try(m[0], text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]], 0)
	}
	for _, m := range dmyNumeric.FindAllStringSubmatchIndex(text, -1) {
		try(m[0], text[m[6]:m[7]], text[m[4]:m[5]], text[m[2]:m[3]], 0)
	}
	return best, bestAt >= 0
}
