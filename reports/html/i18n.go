package html

import (
	"fmt"
	"strings"
	"time"
)

// Langs are the languages page labels can be rendered in (--lang).
var Langs = []string{"en", "hi"}

// hindi translates the English labels and sentence patterns of the pages. The
// English text is the key, so templates read naturally; a missing key falls
// back to English and TestHindiComplete fails.
var hindi = map[string]string{
	// Navigation and page furniture.
	"Outages of public e-services": "सार्वजनिक ई-सेवाओं में रुकावटें",
	"Overview":                     "सारांश",
	"News":                         "समाचार",
	"Period":                       "अवधि",
	"Whole period":                 "पूरी अवधि",
	"Services":                     "सेवाएँ",
	"Service":                      "सेवा",
	"Table":                        "तालिका",
	"Generated %s by outagelens.":  "outagelens द्वारा %s को बनाया गया।",
	"skip to content":              "मुख्य सामग्री पर जाएँ",
	"Public notice":                "सार्वजनिक सूचना",
	"Public notices":               "सार्वजनिक सूचनाएँ",
	"notice":                       "सूचना",
	"Data from %s to %s.":          "%s से %s तक का डेटा।",
	"No data in this period.":      "इस अवधि में कोई डेटा नहीं।",
	"How to read these numbers":    "इन आँकड़ों को कैसे पढ़ें",
	"What needs attention first":   "सबसे पहले किस पर ध्यान दें",
	"Nothing needs attention in this period.": "इस अवधि में किसी बात पर तुरंत ध्यान देने की ज़रूरत नहीं।",
	"Availability":                    "उपलब्धता",
	"target %s":                       "लक्ष्य %s",
	"Monthly trend":                   "महीनेवार रुझान",
	"Month-end ratio":                 "माह-अंत अनुपात",
	"Month-end availability":          "माह-अंत उपलब्धता",
	"Storage full in":                 "स्टोरेज भरने में",
	"Promises broken":                 "टूटे वादे",
	"Latest incident":                 "हाल की रुकावट",
	"Latest incidents":                "हाल की रुकावटें",
	"Incidents":                       "रुकावटें",
	"Start":                           "शुरुआत",
	"End":                             "अंत",
	"Duration":                        "कुल समय",
	"Cause":                           "कारण",
	"Seen in":                         "स्रोत",
	"none":                            "कोई नहीं",
	"no forecast":                     "पूर्वानुमान नहीं",
	"rest %s":                         "बाकी दिन %s",
	"Department":                      "विभाग",
	"State":                           "राज्य",
	"SLO":                             "लक्ष्य (SLO)",
	"MTTR (median)":                   "ठीक होने का औसत समय (माध्यिका)",
	"Longest outage":                  "सबसे लंबी रुकावट",
	"Down":                            "बंद",
	"No data":                         "डेटा नहीं",
	"Month":                           "महीना",
	"Day":                             "दिन",
	"Date":                            "तारीख",
	"Up":                              "चालू",
	"Requests":                        "अनुरोध",
	"Reliability by month":            "महीनेवार विश्वसनीयता",
	"Availability (requests)":         "उपलब्धता (अनुरोध)",
	"Error budget used":               "त्रुटि बजट खर्च",
	"News reports":                    "समाचार रिपोर्टें",
	"Linked news reports":             "जुड़ी समाचार रिपोर्टें",
	"Title":                           "शीर्षक",
	"Outlet":                          "समाचार स्रोत",
	"Published":                       "प्रकाशित",
	"Language":                        "भाषा",
	"Started":                         "शुरू",
	"Evidence":                        "साक्ष्य",
	"Confidence":                      "भरोसा",
	"Affected":                        "प्रभावित लोग",
	"Money (INR)":                     "राशि (₹)",
	"Link":                            "लिंक",
	"saved page":                      "सहेजा गया पेज",
	"No news reports in this period.": "इस अवधि में कोई समाचार रिपोर्ट नहीं।",
	"Every news report of an outage, with what was read from it.": "रुकावट की हर समाचार रिपोर्ट, और उससे निकाली गई जानकारी।",
	"No incidents in this period.":                                "इस अवधि में कोई रुकावट नहीं।",
	"SMS text":                                                    "SMS संदेश",
	"%d characters, %s, %d SMS segment(s)":                        "%d अक्षर, %s, %d SMS भाग",
	"English translation, for planners":                           "अंग्रेज़ी अनुवाद, योजनाकारों के लिए",
	"Notice to publish":                                           "प्रकाशित करने के लिए सूचना",
	"No outage in this period: nothing to announce.":              "इस अवधि में कोई रुकावट नहीं: कोई सूचना नहीं।",
	"print":                       "प्रिंट",
	"Promises":                    "वादे",
	"Capacity":                    "क्षमता",
	"Capacity trend and forecast": "क्षमता का रुझान और पूर्वानुमान",
	"Promise":                     "वादा",
	"Kept":                        "निभाया",
	"Median":                      "माध्यिका",
	"Worst":                       "सबसे खराब",
	"Never completed":             "कभी पूरा नहीं",

	"too few incidents": "बहुत कम रुकावटें",
	"Availability: the share of minutes with data in which the service was up. Minutes with no data are unknown, not up; announced maintenance is left out.":                                                            "उपलब्धता: जिन मिनटों का डेटा है, उनमें से कितने मिनट सेवा चालू रही। जिन मिनटों का डेटा नहीं, वे अज्ञात हैं, चालू नहीं; घोषित रखरखाव का समय नहीं गिना जाता।",
	"Month-end ratio: how many times as often outages start in the last %d days of a month as on other days, per minute observed, with its 95%% interval; red when the difference is unlikely to be chance (p < 0.05).": "माह-अंत अनुपात: महीने के आख़िरी %d दिनों में रुकावटें बाकी दिनों की तुलना में कितने गुना अधिक बार शुरू होती हैं (हर देखे गए मिनट पर), 95%% अंतराल के साथ; लाल तब, जब अंतर संयोग से होना मुश्किल हो (p < 0.05)।",
	"Storage full in: days until the disk is full (100%), at the growth seen since the last cleanup; no forecast for flat or shrinking usage.":                                                                          "स्टोरेज भरने में: डिस्क पूरी भरने (100%) में कितने दिन, पिछली सफ़ाई के बाद की बढ़त से; स्थिर या घटते उपयोग पर कोई पूर्वानुमान नहीं।",
	"Promises broken: cases in the period that missed the promised time or were never completed.":                                                                                                                       "टूटे वादे: अवधि के वे मामले जो वादे के समय में पूरे नहीं हुए या कभी पूरे नहीं हुए।",

	"%d marks from %s to %s; the table lists each.":                                                                      "%[2]s से %[3]s तक %[1]d निशान; तालिका में हर एक है।",
	"Showing the latest %d of %d incidents; outagelens report incidents lists them all.":                                 "%[2]d में से हाल की %[1]d रुकावटें दिखाई गई हैं; outagelens report incidents सभी दिखाता है।",
	"While the service was up, errors reach 5%% of requests from about %s requests a minute; the busiest minute had %s.": "सेवा चालू रहते, लगभग %s अनुरोध प्रति मिनट से त्रुटियाँ अनुरोधों के 5%% तक पहुँचती हैं; सबसे व्यस्त मिनट में %s अनुरोध।",
	"While the service was up, errors stay under 5%% at every load seen, up to %s requests a minute.":                    "सेवा चालू रहते, देखे गए हर लोड पर, %s अनुरोध प्रति मिनट तक, त्रुटियाँ 5%% से कम रहीं।",
	"Error ratio while up":     "चालू रहते त्रुटि अनुपात",
	"Error ratio, all minutes": "त्रुटि अनुपात, सभी मिनट",
	// Chart titles and axis words.
	"Uptime calendar":                       "उपलब्धता कैलेंडर",
	"Outage minutes by day of month":        "महीने की तारीख के अनुसार बंद रहने के मिनट",
	"Capacity trend and forecast: %s on %s": "क्षमता का रुझान और पूर्वानुमान: %s (%s)",
	"Load and errors":                       "लोड और त्रुटियाँ",
	"Incident timeline":                     "रुकावटों की समय-रेखा",
	"Promise delays: %s":                    "वादे में देरी: %s",
	"Availability trend":                    "उपलब्धता का रुझान",
	"no outage":                             "कोई रुकावट नहीं",
	"under 30 min":                          "30 मिनट से कम",
	"30 min to 4 h":                         "30 मिनट से 4 घंटे",
	"4 h or more":                           "4 घंटे या अधिक",
	"last %d days of the month":             "महीने के आख़िरी %d दिन",
	"outage minutes per observed day":       "हर देखे गए दिन पर बंद मिनट",
	"requests per day":                      "प्रति दिन अनुरोध",
	"Day of month":                          "महीने की तारीख",
	"Days observed":                         "देखे गए दिन",
	"Down minutes per day":                  "प्रति दिन बंद मिनट",
	"Requests per day":                      "प्रति दिन अनुरोध",
	"used":                                  "उपयोग",
	"forecast":                              "पूर्वानुमान",
	"cleanup":                               "सफ़ाई",
	"Median used":                           "उपयोग (माध्यिका)",
	"Lowest":                                "न्यूनतम",
	"Highest":                               "अधिकतम",
	"Requests per minute":                   "प्रति मिनट अनुरोध",
	"Minutes":                               "मिनट",
	"Error ratio":                           "त्रुटि अनुपात",
	"Delay":                                 "देरी",
	"Cases":                                 "मामले",
	"limit":                                 "सीमा",
	"never completed":                       "कभी पूरा नहीं",
	"pending":                               "लंबित",
	"No capacity samples for this service.": "इस सेवा के लिए क्षमता के नमूने नहीं हैं।",
	"No request counts for this service.":   "इस सेवा के लिए अनुरोधों की गिनती नहीं है।",
	"No promise cases for this service in this period.": "इस अवधि में इस सेवा के वादों के मामले नहीं हैं।",
	"logs or probes": "लॉग या प्रोब",
	"news":           "समाचार",

	// Causes.
	"storage full": "स्टोरेज भरा",
	"load surge":   "अत्यधिक लोड",
	"unknown":      "अज्ञात",

	// Sentences: chart text alternatives.
	"%d days shown: %d with an outage, %d with no data. Worst day: %s, %s down.":                             "%d दिन दिखाए गए: %d दिन रुकावट, %d दिन डेटा नहीं। सबसे खराब दिन: %s, %s बंद।",
	"%d days shown: %d with an outage, %d with no data.":                                                     "%d दिन दिखाए गए: %d दिन रुकावट, %d दिन डेटा नहीं।",
	"Per observed day, days in the last %d days of a month averaged %s down; other days %s.":                 "देखे गए प्रति दिन, महीने के आख़िरी %d दिनों में औसतन %s बंद; बाकी दिनों में %s।",
	"%s is at %s, growing %s points a day since %s; 90%% in about %s, full in about %s (between %s and %s).": "%[1]s %[2]s भरा है, %[4]s से रोज़ %[3]s अंक बढ़ रहा है; लगभग %[5]s में 90%%, लगभग %[6]s में पूरा भरेगा (%[7]s से %[8]s के बीच)।",
	"%s is at %s; trend: %s, no forecast.":                                                                   "%s %s भरा है; रुझान: %s, कोई पूर्वानुमान नहीं।",
	"%d incidents from logs or probes and %d news reports. Longest: %s from %s.":                             "लॉग या प्रोब से %d रुकावटें और %d समाचार रिपोर्टें। सबसे लंबी: %s, %s से।",
	"%d incidents from logs or probes and %d news reports.":                                                  "लॉग या प्रोब से %d रुकावटें और %d समाचार रिपोर्टें।",
	"%d cases: %s kept the %s limit; median %s, worst %s; %d never completed.":                               "%d मामले: %s में %s की सीमा निभाई; माध्यिका %s, सबसे खराब %s; %d कभी पूरे नहीं हुए।",
	"Monthly availability over %d months; lowest %s in %s.":                                                  "%d महीनों की उपलब्धता; सबसे कम %s (%s)।",

	// Sentences: findings, most urgent first.
	"%s has been down since %s and was still down when the data ends: publish the public notice.":                                                                       "%s %s से बंद है और डेटा के अंत तक बंद थी: सार्वजनिक सूचना जारी करें।",
	"%s: storage %s on %s will be full in about %s (around %s) at %s points a day; free space or add disk before then.":                                                 "%s: %s (%s) का स्टोरेज लगभग %s में (%s के आसपास) भर जाएगा, रोज़ %s अंक की दर से; उससे पहले जगह खाली करें या डिस्क बढ़ाएँ।",
	"%s: storage %s on %s is at %s, above 90%%.":                                                                                                                        "%s: %s (%s) का स्टोरेज %s भरा है, 90%% से ऊपर।",
	"%s: outages start %s times as often in the last %d days of the month as on other days (95%% interval %s to %s); plan staff, capacity and fallbacks for month end.": "%[1]s: महीने के आख़िरी %[3]d दिनों में रुकावटें बाकी दिनों से %[2]s गुना अधिक बार शुरू होती हैं (95%% अंतराल %[4]s से %[5]s); महीने के अंत के लिए कर्मचारी, क्षमता और विकल्प तैयार रखें।",
	"%s: \"%s\" was kept in only %s of cases; worst delay %s.":                                                                                                          "%s: \"%s\" केवल %s मामलों में निभाया गया; सबसे अधिक देरी %s।",
	"%s: %d cases of \"%s\" were never completed.":                                                                                                                      "%[1]s: \"%[3]s\" के %[2]d मामले कभी पूरे नहीं हुए।",
	"%s: availability %s is below the %s target (%s down).":                                                                                                             "%s: उपलब्धता %s है, लक्ष्य %s से कम (%s बंद)।",
	"%s: month-end availability %s against %s on other days.":                                                                                                           "%s: महीने के अंत में उपलब्धता %s, बाकी दिनों में %s।",
	"%s: an outage reported in the news has no matching outage in the logs: check monitoring.":                                                                          "%s: समाचार में बताई गई एक रुकावट लॉग में नहीं दिखती: निगरानी जाँचें।",
	"%s: reported in the news %d times with no matching outage in the logs: check monitoring.":                                                                          "%s: समाचार में %d बार रुकावट बताई गई पर लॉग में मेल खाती रुकावट नहीं: निगरानी जाँचें।",
}

// monthNames are month names for notices and labels.
var monthNames = map[string][12]string{
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"hi": {"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"},
	"bn": {"জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"},
}

// tr translates labels into one language.
type tr struct{ lang string }

// T returns the label in the page language.
func (l tr) T(key string) string {
	if l.lang == "hi" {
		if s, ok := hindi[key]; ok {
			return s
		}
	}
	return key
}

// F formats a sentence pattern in the page language. Arguments come in the
// English order; a translation that needs another order uses explicit argument
// indexes (%[2]s).
func (l tr) F(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Month renders "2025-03" as "Mar 2025" (or "मार्च 2025").
func (l tr) Month(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return monthName(l.lang, t.Month()) + " " + t.Format("2006")
}

func monthName(lang string, m time.Month) string {
	names, ok := monthNames[lang]
	if !ok {
		names = monthNames["en"]
	}
	return names[m-1]
}

// Cause renders a cause code for people.
func (l tr) Cause(c string) string {
	return l.T(strings.ReplaceAll(c, "_", " "))
}
