package html

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"outagelens/reports"
)

// A Notice tells the public, in the service's own language, what is down since
// when and what to do instead: the text ration dealers asked for in the seed
// report, ready to print and put up, or to send as an SMS.
type Notice struct {
	Lang    string // ISO 639-1: bn, hi or en
	Ongoing bool   // the incident reaches the end of the data: still going on
	Title   string
	Body    []string // paragraphs
	Signed  string
	SMS     string
	SMSInfo SMSInfo
	// English is the same notice in English, for planners who do not read Lang
	// (nil when Lang is English).
	English *Notice
}

// SMSInfo says how a text travels as SMS: GSM 03.38 7-bit text fits 160
// characters in one message and 153 per part of a longer one; anything else
// (Bengali, Hindi) goes as UCS-2, 70 characters in one message and 67 per part.
type SMSInfo struct {
	Encoding string // "GSM-7" or "UCS-2"
	Units    int    // septets (GSM-7, extension characters count 2) or UTF-16 code units
	Segments int
}

// noticeLang is the wording of notices in one language. Placeholders: {svc}
// (the service's name), {since}, {until}, {dur}, {since_short}, {until_short},
// {advice_sms}.
type noticeLang struct {
	titleOngoing, titleRestored string
	bodyOngoing, bodyRestored   string
	closingOngoing              string
	smsOngoing, smsRestored     string
	// By catalog category: the service's name (full, short for SMS) and what to
	// do instead (full, short for SMS). "" is the fallback.
	name, short, advice, adviceSMS map[string]string
	when                           func(t time.Time) string
	whenShort                      func(t time.Time) string
	dur                            func(minutes float64) string
}

var noticeLangs = map[string]noticeLang{
	"en": {
		titleOngoing:   "Notice: {svc} is down",
		titleRestored:  "Notice: {svc} is working again",
		bodyOngoing:    "{svc} has not been working since {since}. Work is under way to restore it as soon as possible.",
		bodyRestored:   "{svc} was down from {since} to {until} ({dur}). It is working again.",
		closingOngoing: "We will announce here and by SMS when the service is back.",
		smsOngoing:     "{svc} down since {since_short}. {advice_sms} We will SMS you when it is back.",
		smsRestored:    "{svc} was down {since_short} to {until_short}; working again now.",
		name: map[string]string{
			"ration_ekyc": "Ration (ePoS) and e-KYC service", "certificate_portal": "Lok Seva Kendra certificate service",
			"registration_booking": "Online booking and home delivery", "smart_meter": "Smart-meter reconnection service",
		},
		short: map[string]string{
			"ration_ekyc": "Ration ePoS", "certificate_portal": "Certificate service",
			"registration_booking": "Online booking", "smart_meter": "Smart-meter reconnection",
		},
		advice: map[string]string{
			"ration_ekyc":          "Beneficiaries: keep your ration card and Aadhaar with you and come to the ration shop when the service is back. Ration dealers: put this notice up outside the shop.",
			"certificate_portal":   "Applicants: keep the receipts of applications already made; submit new applications at the Lok Seva Kendra once the service is back.",
			"registration_booking": "If money was debited but your order was not confirmed, do not pay again; keep the transaction ID.",
			"smart_meter":          "If you have paid your bill and your power has not been reconnected, do not pay again; keep the payment receipt. Connections will be restored when the service is back.",
			"":                     "Please try again when the service is back.",
		},
		adviceSMS: map[string]string{
			"ration_ekyc": "Keep ration card and Aadhaar.", "certificate_portal": "Keep your receipt.",
			"registration_booking": "Do not pay again.", "smart_meter": "Do not pay again.", "": "Please try later.",
		},
		when: func(t time.Time) string {
			return t.Format("2 ") + monthName("en", t.Month()) + t.Format(" 2006 at 15:04")
		},
		whenShort: func(t time.Time) string { return t.Format("02/01 15:04") },
		dur:       englishDuration,
	},
	"hi": {
		titleOngoing:   "सूचना: {svc} बंद है",
		titleRestored:  "सूचना: {svc} फिर से चालू",
		bodyOngoing:    "{since} से {svc} काम नहीं कर रही है। सेवा जल्द से जल्द चालू करने का काम चल रहा है।",
		bodyRestored:   "{since} से {until} तक {svc} बंद रही ({dur})। अब सेवा फिर से चालू है।",
		closingOngoing: "सेवा चालू होने पर यहीं और SMS से सूचना दी जाएगी।",
		smsOngoing:     "{svc} {since_short} से बंद है। {advice_sms} चालू होने पर SMS आएगा।",
		smsRestored:    "{svc} {since_short} से {until_short} तक बंद रही, अब चालू है।",
		name: map[string]string{
			"ration_ekyc": "राशन (ई-पॉस) और ई-केवाईसी सेवा", "certificate_portal": "लोक सेवा केंद्र की प्रमाण पत्र सेवा",
			"registration_booking": "ऑनलाइन बुकिंग और होम डिलीवरी सेवा", "smart_meter": "स्मार्ट मीटर री-कनेक्शन सेवा",
		},
		short: map[string]string{
			"ration_ekyc": "राशन ई-पॉस सेवा", "certificate_portal": "प्रमाण पत्र सेवा",
			"registration_booking": "ऑनलाइन बुकिंग सेवा", "smart_meter": "स्मार्ट मीटर सेवा",
		},
		advice: map[string]string{
			"ration_ekyc":          "लाभार्थी: राशन कार्ड और आधार साथ रखें और सेवा चालू होने पर राशन दुकान पर आएँ। राशन डीलर: यह सूचना दुकान के बाहर लगाएँ।",
			"certificate_portal":   "आवेदक: जो आवेदन जमा हो चुके हैं, उनकी रसीद संभालकर रखें; नए आवेदन सेवा चालू होने के बाद लोक सेवा केंद्र पर जमा करें।",
			"registration_booking": "यदि आपके खाते से पैसे कट गए हैं पर ऑर्डर की पुष्टि नहीं हुई, तो दोबारा भुगतान न करें; लेनदेन संख्या (ट्रांजैक्शन आईडी) संभालकर रखें।",
			"smart_meter":          "यदि आपने बिल भर दिया है और बिजली नहीं जुड़ी है, तो दोबारा भुगतान न करें; भुगतान की रसीद संभालकर रखें। सेवा चालू होने पर कनेक्शन जोड़ दिया जाएगा।",
			"":                     "सेवा चालू होने पर दोबारा प्रयास करें।",
		},
		adviceSMS: map[string]string{
			"ration_ekyc": "राशन कार्ड, आधार साथ रखें।", "certificate_portal": "रसीद संभालकर रखें।",
			"registration_booking": "दोबारा भुगतान न करें।", "smart_meter": "दोबारा भुगतान न करें।", "": "बाद में प्रयास करें।",
		},
		when: func(t time.Time) string {
			return fmt.Sprintf("%d %s %d, %s", t.Day(), monthName("hi", t.Month()), t.Year(), hindiClock(t))
		},
		whenShort: func(t time.Time) string { return t.Format("02/01 ") + hindiClock(t) },
		dur: func(m float64) string {
			return localDuration(m, "दिन", "घंटे", "मिनट", nil)
		},
	},
	"bn": {
		titleOngoing:   "বিজ্ঞপ্তি: {svc} বন্ধ",
		titleRestored:  "বিজ্ঞপ্তি: {svc} আবার চালু",
		bodyOngoing:    "{since} থেকে {svc} কাজ করছে না। পরিষেবা যত দ্রুত সম্ভব চালু করার কাজ চলছে।",
		bodyRestored:   "{since} থেকে {until} পর্যন্ত {svc} বন্ধ ছিল ({dur})। এখন পরিষেবা আবার চালু হয়েছে।",
		closingOngoing: "পরিষেবা চালু হলে এখানে ও এসএমএসে জানানো হবে।",
		smsOngoing:     "{svc} {since_short} থেকে বন্ধ। {advice_sms} চালু হলে এসএমএসে জানানো হবে।",
		smsRestored:    "{svc} {since_short} থেকে {until_short} পর্যন্ত বন্ধ ছিল, এখন চালু।",
		name: map[string]string{
			"ration_ekyc": "রেশন (ই-পস) ও ই-কেওয়াইসি পরিষেবা", "certificate_portal": "লোক সেবা কেন্দ্রের শংসাপত্র পরিষেবা",
		},
		short: map[string]string{
			"ration_ekyc": "রেশন ই-পস পরিষেবা", "certificate_portal": "শংসাপত্র পরিষেবা",
		},
		advice: map[string]string{
			"ration_ekyc": "উপভোক্তারা: রেশন কার্ড ও আধার সঙ্গে রাখুন এবং পরিষেবা চালু হলে রেশন দোকানে আসুন। রেশন ডিলাররা: এই বিজ্ঞপ্তি দোকানের বাইরে টাঙিয়ে দিন।",
			"":            "পরিষেবা চালু হলে আবার চেষ্টা করুন।",
		},
		adviceSMS: map[string]string{
			"ration_ekyc": "রেশন কার্ড ও আধার সঙ্গে রাখুন।", "": "পরে আবার চেষ্টা করুন।",
		},
		when: func(t time.Time) string {
			return bengaliDigits(fmt.Sprintf("%d %s %d, %s", t.Day(), monthName("bn", t.Month()), t.Year(), bengaliClock(t)))
		},
		whenShort: func(t time.Time) string { return bengaliDigits(t.Format("02/01 ") + bengaliClock(t)) },
		dur: func(m float64) string {
			return localDuration(m, "দিন", "ঘণ্টা", "মিনিট", bengaliDigits)
		},
	},
}

// buildNotice writes the notice for the latest incident of a service in a
// period, in lang (falling back to English for a language we have no wording
// for). svcName is the catalog name, used when the category has no local name.
func buildNotice(lang, category, svcName, department string, in *reports.IncidentRow, ongoing bool) *Notice {
	nl, ok := noticeLangs[lang]
	if !ok {
		lang, nl = "en", noticeLangs["en"]
	}
	n := &Notice{Lang: lang, Ongoing: ongoing, Signed: department}
	pick := func(m map[string]string) string {
		if s, ok := m[category]; ok {
			return s
		}
		return m[""]
	}
	name, short := pick(nl.name), pick(nl.short)
	if name == "" {
		name, short = svcName, svcName
	}
	fill := func(s, svc string) string {
		return strings.NewReplacer("{svc}", svc, "{since}", nl.when(in.Start), "{until}", nl.when(in.EndTime()),
			"{dur}", nl.dur(in.DurationMinutes()), "{since_short}", nl.whenShort(in.Start), "{until_short}", nl.whenShort(in.EndTime()),
			"{advice_sms}", pick(nl.adviceSMS)).Replace(s)
	}
	if ongoing {
		n.Title = fill(nl.titleOngoing, name)
		n.Body = []string{fill(nl.bodyOngoing, name), pick(nl.advice), nl.closingOngoing}
		n.SMS = fill(nl.smsOngoing, short)
	} else {
		n.Title = fill(nl.titleRestored, name)
		n.Body = []string{fill(nl.bodyRestored, name)}
		n.SMS = fill(nl.smsRestored, short)
	}
	n.SMSInfo = smsInfo(n.SMS)
	if lang != "en" {
		n.English = buildNotice("en", category, svcName, department, in, ongoing)
	}
	return n
}

// gsm7 is the GSM 03.38 default alphabet; gsm7Ext the characters sent with an
// escape (two septets each).
const (
	gsm7    = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Ext = "^{}\\[~]|€\f"
)

// smsInfo counts how a text is sent as SMS.
func smsInfo(s string) SMSInfo {
	septets, isGSM := 0, true
	for _, r := range s {
		switch {
		case strings.ContainsRune(gsm7Ext, r):
			septets += 2
		case strings.ContainsRune(gsm7, r):
			septets++
		default:
			isGSM = false
		}
	}
	if isGSM {
		return SMSInfo{Encoding: "GSM-7", Units: septets, Segments: segments(septets, 160, 153)}
	}
	units := len(utf16.Encode([]rune(s)))
	return SMSInfo{Encoding: "UCS-2", Units: units, Segments: segments(units, 70, 67)}
}

func segments(n, single, part int) int {
	switch {
	case n == 0:
		return 0
	case n <= single:
		return 1
	}
	return (n + part - 1) / part
}

// hindiClock renders a time of day the way Hindi notices say it: "शाम 6:10 बजे".
func hindiClock(t time.Time) string {
	h := t.Hour()
	part := "रात"
	switch {
	case h >= 4 && h < 12:
		part = "सुबह"
	case h >= 12 && h < 16:
		part = "दोपहर"
	case h >= 16 && h < 20:
		part = "शाम"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	if t.Minute() == 0 {
		return fmt.Sprintf("%s %d बजे", part, h12)
	}
	return fmt.Sprintf("%s %d:%02d बजे", part, h12, t.Minute())
}

// bengaliClock renders a time of day the Bengali way: "সন্ধ্যা 6টা 10 মিনিট"
// (digits are converted by the caller).
func bengaliClock(t time.Time) string {
	h := t.Hour()
	part := "রাত"
	switch {
	case h >= 4 && h < 6:
		part = "ভোর"
	case h >= 6 && h < 12:
		part = "সকাল"
	case h >= 12 && h < 15:
		part = "দুপুর"
	case h >= 15 && h < 17:
		part = "বিকেল"
	case h >= 17 && h < 20:
		part = "সন্ধ্যা"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	if t.Minute() == 0 {
		return fmt.Sprintf("%s %dটা", part, h12)
	}
	return fmt.Sprintf("%s %dটা %d মিনিট", part, h12, t.Minute())
}

// bengaliDigits writes 0-9 as Bengali digits (০-৯), as Bengali print does.
func bengaliDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '০' + (r - '0')
		}
		return r
	}, s)
}

// localDuration renders minutes as "1 दिन 2 घंटे" / "20 মিনিট" with the given
// unit words; digits through conv when set.
func localDuration(m float64, day, hour, minute string, conv func(string) string) string {
	words := [...]string{day, hour, minute}
	s := spellDuration(m, func(n int64, unit int) string { return fmt.Sprintf("%d %s", n, words[unit]) })
	if conv != nil {
		s = conv(s)
	}
	return s
}

func englishDuration(m float64) string {
	words := [...]string{"day", "hour", "minute"}
	return spellDuration(m, func(n int64, unit int) string {
		if n == 1 {
			return "1 " + words[unit]
		}
		return fmt.Sprintf("%d %ss", n, words[unit])
	})
}

// spellDuration rounds m to whole minutes and writes it as days and hours from
// a day up, else hours and minutes, leaving out zero parts ("0 minutes" when
// all are); unit(n, i) writes n of unit i: 0 days, 1 hours, 2 minutes.
func spellDuration(m float64, unit func(n int64, i int) string) string {
	total := int64(m + 0.5)
	d, h, mm := total/1440, total%1440/60, total%60
	var parts []string
	if d > 0 {
		parts = append(parts, unit(d, 0))
	}
	if h > 0 {
		parts = append(parts, unit(h, 1))
	}
	if mm > 0 && d == 0 || len(parts) == 0 {
		parts = append(parts, unit(mm, 2))
	}
	return strings.Join(parts, " ")
}
