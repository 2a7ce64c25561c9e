package news

import "strings"

// Indian number scales as written in news text.
var scales = map[string]float64{
	"thousand": 1e3, "हजार": 1e3, "हज़ार": 1e3, "হাজার": 1e3, "हजारो": 1e3,
	"lakh": 1e5, "lakhs": 1e5, "लाख": 1e5, "লক্ষ": 1e5, "লাখ": 1e5,
	"crore": 1e7, "crores": 1e7, "करोड़": 1e7, "करोड": 1e7, "কোটি": 1e7, "कोटी": 1e7,
	"million": 1e6, "billion": 1e9,
}

// amount is a number read from text with where it stands in the token list.
type amount struct {
	value      float64
	start, end int // token range
}

func scaleOf(w string) (float64, bool) {
	if s, ok := scales[w]; ok {
		return s, true
	}
	for k, s := range scales { // attached case endings: "हजारांना", "কোটির"
		if !isLatin(k) && strings.HasPrefix(w, k) {
			return s, true
		}
	}
	return 0, false
}

// amounts reads every number of a folded sentence with its lakh/crore scales,
// including compounds ("1 करोड़ 20 लाख" = 12,000,000; "2 लाख 40 हजार"; "৪ লক্ষ
// ৬০ হাজার") and fraction words ("ढाई लाख" = 250,000; "1.5 करोड़").
func amounts(key string) []amount {
	toks := timeTokens(key)
	var out []amount
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.isNum {
			continue
		}
		if t.min >= 0 && !strings.Contains(t.text, ".") {
			continue // a clock time
		}
		if i+1 < len(toks) && isClockWord(toks[i+1].text) {
			continue // "साढ़े 5 बजे", "4 वाजता", "5 pm": a clock time, not a count
		}
		v := t.num
		start := i
		if i > 0 {
			if f, ok := fractionWords[toks[i-1].text]; ok {
				v += f
				start = i - 1
			}
		}
		j := i + 1
		total := 0.0
		for {
			s, ok := 0.0, false
			if j < len(toks) {
				s, ok = scaleOf(toks[j].text)
			}
			if !ok {
				break
			}
			total += v * s
			j++
			// A smaller scale may follow: "1 करोड़ 20 लाख", "2 लाख 40 हजार".
			if j+1 < len(toks) && toks[j].isNum && toks[j].min < 0 {
				if s2, ok2 := scaleOf(toks[j+1].text); ok2 && s2 < s {
					v = toks[j].num
					j++
					continue
				}
			}
			v = 0
			// Units after the thousands: "2 हजार 600 लोग" = 2,600 (a year,
			// "हजार 2025", is no remainder; nor a time or a span, "हजार 3 बजे").
			if s == 1e3 && j < len(toks) && toks[j].isNum && toks[j].min < 0 && toks[j].num < 1000 &&
				toks[j].num == float64(int(toks[j].num)) && !unitAfter(toks, j+1) {
				v = toks[j].num
				j++
			}
			break
		}
		total += v
		out = append(out, amount{value: total, start: start, end: j - 1})
		i = j - 1
	}
	return out
}

// unitAfter: the token at i makes the number before it no count's remainder: a
// scale, a clock word or a unit of time.
func unitAfter(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	w := toks[i].text
	_, scale := scaleOf(w)
	return scale || isClockWord(w) || isDurationUnit(w)
}

// figure is a count of affected people or a sum of money with its sentence.
type figure struct {
	value    float64
	sentence int
	hit      bool // the sentence says they were hit ("could not", "अटके")
}

// figuresIn reads one folded sentence for counts of people or things the outage
// held up, and for sums of money of at least a lakh (smaller sums are one
// person's payment, not the outage's).
func figuresIn(key string) (affected, money []amount) {
	toks := timeTokens(key)
	for _, a := range amounts(key) {
		if a.value < 2 {
			continue
		}
		isMoney := false
		for k := a.start - 2; k <= a.end+2; k++ {
			if k < 0 || k >= len(toks) || (k >= a.start && k <= a.end) {
				continue
			}
			for _, c := range currencyCues {
				if toks[k].text == c || strings.HasPrefix(toks[k].text, c) && !isLatin(c) {
					isMoney = true
				}
			}
			if k < a.start && toks[k].text == "worth" {
				isMoney = true
			}
		}
		if currencyBefore(toks, a.start) {
			isMoney = true
		}
		if strings.Contains(key, "₹"+strings.TrimSpace(toks[a.start].text)) {
			isMoney = true
		}
		if isMoney {
			if a.value >= 1e5 {
				money = append(money, a)
			}
			continue
		}
		// A count: a people/thing noun within the next four words
		// ("40,000 learner's licence tests").
		for k := a.end + 1; k < len(toks) && k <= a.end+4; k++ {
			if affectedNoun(toks[k].text) {
				affected = append(affected, a)
				break
			}
		}
	}
	return affected, money
}

// isClockWord: a word that makes the number before it a time of day. Bengali's
// "টা" is left out: it also counts things ("২০টা কেন্দ্র").
func isClockWord(w string) bool {
	switch w {
	case "बजे", "बजकर", "am", "pm", "o'clock":
		return true
	}
	return strings.HasPrefix(w, "वाज")
}

// Words for "the sum" or "the number" between a currency word or a noun and
// the figure: "টাকার অঙ্ক প্রায় ৩ কোটি", "राशि करीब 2 करोड़", "সংখ্যাটা প্রায় ১ লক্ষ".
var sumWords = foldAll([]string{"amount", "sum", "total", "figure", "number", "अंक", "राशि", "रकम", "रक्कम", "आकडा", "संख्या",
	"অঙ্ক", "পরিমাণ", "সংখ্যা", "সংখ্যাটা"})

// currencyBefore: a currency word before the figure at start, with only sum
// words and qualifiers ("प्रायः", "about") between ("টাকার অঙ্ক প্রায় ৩ কোটি").
func currencyBefore(toks []token, start int) bool {
	for k := start - 1; k >= 0 && k >= start-4; k-- {
		w := toks[k].text
		for _, c := range currencyCues {
			if w == c || strings.HasPrefix(w, c) && !isLatin(c) {
				return true
			}
		}
		if !skipWords[w] && !isSumWord(w) {
			return false
		}
	}
	return false
}

func isSumWord(w string) bool {
	for _, s := range sumWords {
		if w == s {
			return true
		}
	}
	return false
}

// hasSumWord: the sentence names "the number" or "the sum" ("সংখ্যাটা", "the figure").
func hasSumWord(key string) bool {
	for _, t := range timeTokens(key) {
		if isSumWord(t.text) {
			return true
		}
	}
	return false
}

// bareCounts are the sentence's figures of at least two that are no sum of money.
func bareCounts(key string, money []amount) []amount {
	var out []amount
	for _, a := range amounts(key) {
		isMoney := false
		for _, m := range money {
			isMoney = isMoney || m.start == a.start
		}
		if a.value >= 2 && !isMoney {
			out = append(out, a)
		}
	}
	return out
}
