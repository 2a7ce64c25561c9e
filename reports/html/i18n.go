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
	"Title":                           "शीर्षक",
	"Outlet":                          "समाचार स्रोत",
	"Published":                       "प्रकाशित",
	"Language":                        "भाषा",
	"Started":                         "शुरू",
	"Evidence":                        "साक्ष्य",
	"Link":                            "लिंक",
	"saved page":                      "सहेजा गया पेज",
	"ongoing at publication":          "प्रकाशन के समय भी जारी",
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
	"Availability: the share of minutes with data in which the service was up. Minutes with no data are unknown, not up; announced maintenance is left out.": "उपलब्धता: जिन मिनटों का डेटा है, उनमें से कितने मिनट सेवा चालू रही। जिन मिनटों का डेटा नहीं, वे अज्ञात हैं, चालू नहीं; घोषित रखरखाव का समय नहीं गिना जाता।",
	"Storage full in: days until the disk is full (100%), at the growth seen since the last cleanup; no forecast for flat or shrinking usage.":               "स्टोरेज भरने में: डिस्क पूरी भरने (100%) में कितने दिन, पिछली सफ़ाई के बाद की बढ़त से; स्थिर या घटते उपयोग पर कोई पूर्वानुमान नहीं।",

	"%d marks from %s to %s; the table lists each.":                                      "%[2]s से %[3]s तक %[1]d निशान; तालिका में हर एक है।",
	"Showing the latest %d of %d incidents; outagelens report incidents lists them all.": "%[2]d में से हाल की %[1]d रुकावटें दिखाई गई हैं; outagelens report incidents सभी दिखाता है।",
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
	"%s is at %s, growing %s points a day since %s; 90%% in about %s, full in about %s (between %s and %s).": "%[1]s %[2]s भरा है, %[4]s से रोज़ %[3]s अंक बढ़ रहा है; लगभग %[5]s में 90%%, लगभग %[6]s में पूरा भरेगा (%[7]s से %[8]s के बीच)।",
	"%s is at %s; trend: %s, no forecast.":                                                                   "%s %s भरा है; रुझान: %s, कोई पूर्वानुमान नहीं।",
	"%d incidents from logs or probes and %d news reports. Longest: %s from %s.":                             "लॉग या प्रोब से %d रुकावटें और %d समाचार रिपोर्टें। सबसे लंबी: %s, %s से।",
	"%d incidents from logs or probes and %d news reports.":                                                  "लॉग या प्रोब से %d रुकावटें और %d समाचार रिपोर्टें।",
	"%d cases: %s kept the %s limit; median %s, worst %s; %d never completed.":                               "%d मामले: %s में %s की सीमा निभाई; माध्यिका %s, सबसे खराब %s; %d कभी पूरे नहीं हुए।",
	"Monthly availability over %d months; lowest %s in %s.":                                                  "%d महीनों की उपलब्धता; सबसे कम %s (%s)।",

	// Sentences: findings, most urgent first.
	"%s has been down since %s and was still down when the data ends: publish the public notice.": "%s %s से बंद है और डेटा के अंत तक बंद थी: सार्वजनिक सूचना जारी करें।",
	"%s: storage %s on %s is at %s, above 90%%.":                                                  "%s: %s (%s) का स्टोरेज %s भरा है, 90%% से ऊपर।",
	"%s: availability %s is below the %s target (%s down).":                                       "%s: उपलब्धता %s है, लक्ष्य %s से कम (%s बंद)।",
	"%s: month-end availability %s against %s on other days.":                                     "%s: महीने के अंत में उपलब्धता %s, बाकी दिनों में %s।",
	// Links between news and logs, load, storage and promises.
	"Reported in the news":      "समाचार में बताई गई",
	"no news linked":            "कोई समाचार नहीं जुड़ा",
	"see the news below":        "समाचार नीचे देखें",
	"News reports and the logs": "समाचार रिपोर्टें और लॉग",
	"News report":               "समाचार रिपोर्ट",
	"In the logs":               "लॉग में",
	"%d reports":                "%d रिपोर्टें",
	"also":                      "साथ ही",
	"%s: storage was full: %s storage-full errors were logged from %s to %s.": "%[1]s: स्टोरेज भरा था: %[3]s से %[4]s तक %[2]s स्टोरेज-भरा त्रुटियाँ दर्ज हुईं।",
	"Figures":                        "आँकड़े",
	"confidence %s":                  "भरोसा %s",
	"%s affected":                    "%s प्रभावित",
	"Matches 1 incident in the logs": "लॉग की 1 रुकावट से मेल खाती है",
	"All of them started in %s; the service page lists the worst cases.": "ये सभी %s में शुरू हुए; सेवा के पेज पर सबसे खराब मामले दिए हैं।",
	"Matches %d incidents in the logs":                                   "लॉग की %d रुकावटों से मेल खाती है",
	"the first started %s":                                               "पहली %s शुरू हुई",
	"%s after the reported start":                                        "बताई गई शुरुआत के %s बाद",
	"%s before the reported start":                                       "बताई गई शुरुआत से %s पहले",
	"at the reported start":                                              "बताई गई शुरुआत के समय",
	"No matching outage in the logs, though the logs cover that time: the monitoring missed it.": "उस समय के लॉग हैं, पर उनमें मेल खाती रुकावट नहीं: निगरानी से यह छूट गई।",
	"No logs for that time.":                                                 "उस समय के लॉग नहीं हैं।",
	"Not linked yet: run outagelens analyze.":                                "अभी जोड़ा नहीं गया: outagelens analyze चलाएँ।",
	"%d of the %d incidents in the logs have no news report linked to them.": "लॉग की %[2]d में से %[1]d रुकावटों से कोई समाचार रिपोर्ट नहीं जुड़ी।",
	"Promise cases not kept":                                                 "वादे जो निभाए नहीं गए",
	"of %s":                                                                  "%s में से",
	"lower in %d of %d months":                                               "%[2]d में से %[1]d महीनों में कम",
	"Load headroom, %s":                                                      "लोड की गुंजाइश, %s",
	"peak %s/min, knee %s/min":                                               "शिखर %s/मिनट, घुटना %s/मिनट",
	"knee":                                                                   "घुटना",
	"busiest 15 min":                                                         "सबसे व्यस्त 15 मिनट",
	"yes":                                                                    "हाँ",
	"Climbs":                                                                 "बढ़ता है",
	"15-minute slots":                                                        "15 मिनट के खंड",
	"Peak requests per minute":                                               "शिखर पर प्रति मिनट अनुरोध",
	"Peak at":                                                                "शिखर का समय",
	"Error ratio at the peak":                                                "शिखर पर त्रुटि अनुपात",
	"Headroom to the knee":                                                   "घुटने तक गुंजाइश",
	"%s below the knee":                                                      "घुटने से %s नीचे",
	"%s above the knee":                                                      "घुटने से %s ऊपर",
	"5xx share of the requests in each 15-minute slot, by requests per minute (log scale)":                                                                                            "हर 15 मिनट के खंड में 5xx अनुरोधों का हिस्सा, प्रति मिनट अनुरोधों के अनुसार (लॉग पैमाना)",
	"The error ratio climbs from about %s requests a minute (the knee; %s of requests fail at low load). The busiest 15 minutes of this period, %s, ran at %s requests a minute: %s.": "लगभग %s अनुरोध प्रति मिनट से त्रुटि अनुपात बढ़ने लगता है (घुटना; कम लोड पर %s अनुरोध विफल होते हैं)। इस अवधि के सबसे व्यस्त 15 मिनट, %s, में %s अनुरोध प्रति मिनट थे: %s।",
	"The error ratio does not climb at any load seen: no knee. The busiest 15 minutes of this period, %s, ran at %s requests a minute.":                                               "देखे गए किसी भी लोड पर त्रुटि अनुपात नहीं बढ़ता: कोई घुटना नहीं। इस अवधि के सबसे व्यस्त 15 मिनट, %s, में %s अनुरोध प्रति मिनट थे।",
	"The error ratio does not climb at any load seen: no knee.":                                                                                                                       "देखे गए किसी भी लोड पर त्रुटि अनुपात नहीं बढ़ता: कोई घुटना नहीं।",
	"Storage-full errors by week":      "हफ़्तेवार स्टोरेज-भरा त्रुटियाँ",
	"Week from":                        "हफ़्ता, से",
	"Errors":                           "त्रुटियाँ",
	"First":                            "पहली",
	"Last":                             "आख़िरी",
	"%d storage-full errors, %s to %s": "%d स्टोरेज-भरा त्रुटियाँ, %s से %s",
	"Storage-full errors were logged in %d weeks (marked below the line).": "%d हफ़्तों में स्टोरेज-भरा त्रुटियाँ दर्ज हुईं (रेखा के नीचे चिह्नित)।",
	"Worst cases":              "सबसे खराब मामले",
	"Key":                      "कुंजी",
	"Ended":                    "पूरा हुआ",
	"Status":                   "स्थिति",
	"Broken":                   "टूटे",
	"broken":                   "टूटा",
	"Of them in the month end": "उनमें माह-अंत के",
	"Outage minutes per observed day, by day of the month; the days in the last %d days of their month are shaded. Most down: day %d, %s per observed day (%d days observed).": "महीने की तारीख के अनुसार हर देखे गए दिन पर बंद मिनट; महीने के आख़िरी %d दिन छायांकित हैं। सबसे अधिक बंद: तारीख %d, हर देखे गए दिन पर %s (%d दिन देखे गए)।",
	"Outage minutes per observed day, by day of the month: no outage on any day.":                                                                                              "महीने की तारीख के अनुसार हर देखे गए दिन पर बंद मिनट: किसी दिन रुकावट नहीं।",
	"Month-end ratio: how many times as often outages start in the last %d days of a month as on other days, per minute observed, with its 95%% interval, and in how many months availability was lower in those days; red when the difference is unlikely to be chance (p < 0.05) and shows in at least %d months.": "माह-अंत अनुपात: महीने के आख़िरी %d दिनों में रुकावटें बाकी दिनों की तुलना में कितने गुना अधिक बार शुरू होती हैं (हर देखे गए मिनट पर), 95%% अंतराल के साथ, और कितने महीनों में उन दिनों उपलब्धता कम रही; लाल तब, जब अंतर संयोग से होना मुश्किल हो (p < 0.05) और कम से कम %d महीनों में दिखे।",
	"Promise cases not kept: per promise, the cases in the period that missed the promised time or were never completed, of all cases.":                                                                                                                                                                              "वादे जो निभाए नहीं गए: हर वादे के लिए, अवधि के सभी मामलों में से वे जो वादे के समय में पूरे नहीं हुए या कभी पूरे नहीं हुए।",
	"News reports are linked to an incident when they tell of the same service at an overlapping time (widened by the link tolerance of the analysis, a day by default); “no news linked” means no news report was found for that time, not that nobody reported it.":                                                "समाचार रिपोर्ट किसी रुकावट से तब जुड़ती है जब वह उसी सेवा के बारे में उसी समय की हो (विश्लेषण की सहनशीलता जितना चौड़ा, सामान्यतः एक दिन); “कोई समाचार नहीं जुड़ा” का अर्थ है कि उस समय की कोई समाचार रिपोर्ट नहीं मिली, यह नहीं कि किसी ने नहीं बताया।",
	"%s: storage %s on %s will be full in about %s (around %s; 90%% in about %s), growing %s points a day since the last cleanup; free space or add disk before then.":                                                                                                                                               "%[1]s: %[2]s (%[3]s) का स्टोरेज लगभग %[4]s में (%[5]s के आसपास; 90%% लगभग %[6]s में) भर जाएगा, पिछली सफ़ाई के बाद से रोज़ %[7]s अंक की दर से; उससे पहले जगह खाली करें या डिस्क बढ़ाएँ।",
	"It has filled up before: %s storage-full errors were logged from %s.": "यह पहले भी भर चुका है: %[2]s से %[1]s स्टोरेज-भरा त्रुटियाँ दर्ज हुईं।",
	"%s: outages start %s times as often in the last %d days of the month as on other days (95%% interval %s to %s), and availability was lower in the last %d days in %d of %d months; plan staff, capacity and fallbacks for month end.": "%[1]s: महीने के आख़िरी %[3]d दिनों में रुकावटें बाकी दिनों से %[2]s गुना अधिक बार शुरू होती हैं (95%% अंतराल %[4]s से %[5]s), और %[8]d में से %[7]d महीनों में आख़िरी %[6]d दिनों की उपलब्धता कम रही; महीने के अंत के लिए कर्मचारी, क्षमता और विकल्प तैयार रखें।",
	"%s: %s cases of \"%s\" were never completed (nothing within %s); it was kept in %s of %s cases.":                                                                                                                                      "%[1]s: \"%[3]s\" के %[2]s मामले कभी पूरे नहीं हुए (%[4]s में कुछ नहीं); %[6]s में से %[5]s मामलों में वादा निभाया गया।",
	"Most of them, %s, started in %s; the service page lists the worst cases.":                                                                                                                                                             "इनमें से ज़्यादातर, %s, %s में शुरू हुए; सेवा के पेज पर सबसे खराब मामले दिए हैं।",
	"%s: \"%s\" was broken in %s of %s cases (kept in %s); the worst, %s, started %s.":                                                                                                                                                     "%[1]s: \"%[2]s\" %[4]s में से %[3]s मामलों में टूटा (%[5]s में निभाया); सबसे खराब, %[6]s, %[7]s को शुरू हुआ।",
	"%s: \"%s\" was broken in %s of %s cases (kept in %s); worst delay %s.":                                                                                                                                                                "%[1]s: \"%[2]s\" %[4]s में से %[3]s मामलों में टूटा (%[5]s में निभाया); सबसे अधिक देरी %[6]s।",
	"%s: an outage reported in the news on %s has no matching outage in the logs, though the logs cover that time: check the monitoring.":                                                                                                  "%s: %s को समाचार में बताई गई रुकावट लॉग में नहीं दिखती, जबकि उस समय के लॉग हैं: निगरानी जाँचें।",
	"%s: an outage reported in the news on %s has no logs to check it against.":                                                                                                                                                            "%s: %s को समाचार में बताई गई रुकावट को जाँचने के लिए लॉग नहीं हैं।",
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
