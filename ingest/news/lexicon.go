package news

// The words the extractor reads, per language. Every list is folded (see fold)
// once at start-up, so entries may be written with or without nukta and
// chandrabindu. Phrases match at a word start; Indic phrases may carry suffixes.

// Strong outage cues: enough on their own ("सर्वर ठप", "crashed", "বিভ্রাট").
var strongOutageCues = foldAll([]string{
	"outage", "crash", "crashed", "crashes", "server down", "servers down", "went down", "goes down", "gone down",
	"stopped working", "stopped responding", "stopped authenticating", "stopped accepting", "stopped loading", "not working", "knocks out", "knocked out", "locked out",
	"standstill", "keeps failing", "collapsed", "shutdown", "disruption", "breakdown",
	"ठप", "ठप्प", "डाउन", "डाऊन", "क्रैश", "सर्वर फेल", "सर्वर बंद", "सर्वर नहीं चल", "काम करना बंद", "काम नहीं कर", "सर्वर व्यस्त",
	"सर्वर बैठ", "बैठ जाता", "सर्वर की समस्या", "सर्वर की मार", "बंदी", "तकनीकी खराबी", "जवाब नहीं दे", "जवाब देना बंद", "अनअवेलेबल",
	"বিভ্রাট", "সার্ভার ডাউন", "বসে গেল", "বসে গিয়ে", "বসে যায়", "বসে যাচ্ছে", "খোলেনি", "খুলছিল না", "খুলছে না", "কাজ করেনি", "কাজ করছে না", "অকেজো",
	"মুখ থুবড়ে", "আনঅ্যাভেলেবল", "থমকে", "বন্ধ রেশনের", "বন্ধ হয়ে গেল",
	"बंद पडले", "बंद पडत", "बंद पडल्याने", "रखडली", "रखडल्या",
})

// Weak outage cues count only with a system noun or a service alias in the same
// sentence ("पोर्टल बंद", "the portal was unavailable").
var weakOutageCues = foldAll([]string{
	"down", "unavailable", "failed", "failure", "fails", "failing", "error", "errors", "offline", "could not", "unable",
	"timing out", "timed out", "times out", "टाइम आउट", "টাইম আউট",
	// Slowed, stopped, refused: "slows to a crawl", "Access Denied", "पोर्टल अचानक रुक गया",
	// "मीटर नहीं जुड़े", "सर्वर 'डेटा फुल'".
	"stalls", "stalled", "slows to a crawl", "slowed to a crawl", "slowing to a crawl", "slowdown", "access denied", "data full", "storage full",
	"रुक गया", "रुक गई", "रुक गए", "नहीं जुड़", "चालू नहीं", "डेटा फुल", "डाटा फुल", "उघडत नस", "उघडत नाही",
	"থেমে গেল", "থেমে যায়", "চালু হচ্ছে না", "थांबले", "थांबली", "चालू होत नाही",
	// Cut off: "मशीनें सर्वर से कटी रहीं", "संपर्क टूट गया", "কানেকশন ফেল".
	"से कटी", "से कटे", "से कट गई", "से कट गया", "संपर्क टूट", "कनेक्शन फेल", "connection failed", "সংযোগ বিচ্ছিন্ন", "संपर्क तुटला",
	"बंद", "फेल", "खराबी", "गड़बड़ी", "त्रुटि", "उपलब्ध नहीं", "नहीं खुल", "अटके", "अटका", "बैठ गया", "बैठ गई",
	"বন্ধ", "সমস্যা", "পাওয়া যাচ্ছে না", "কাজ বন্ধ",
	"बंद", "अडचण", "बिघाड", "उपलब्ध नाही",
})

// System nouns: what fails in an outage report.
var systemNouns = foldAll([]string{
	"server", "portal", "website", "site", "app", "system", "machine", "machines", "epos", "e-pos", "database", "platform", "link",
	"सर्वर", "पोर्टल", "वेबसाइट", "साइट", "ऐप", "सिस्टम", "मशीन", "ई-पॉस", "इ-पोस", "लिंक", "नेटवर्क", "सॉफ्टवेयर",
	"সার্ভার", "পোর্টাল", "সাইট", "ওয়েবসাইট", "অ্যাপ", "যন্ত্র", "ই-পস", "মেশিন",
	"सर्व्हर", "संकेतस्थळ", "प्रणाली", "मशीनवर",
	// Connected meters: "smart meters not reconnecting".
	"meter", "meters", "network", "मीटर", "মিটার",
})

// Restoration words: the outage is over.
var restoreCues = foldAll([]string{
	"restored", "came back", "back after", "resumed", "back up", "is back", "was back", "normal", "normally", "fixed", "resolved",
	"back on its feet", "back on their feet", "back online", "up and running",
	"reconnected", "दोबारा जुड़", "फिर से जुड़", "फिर जुड़", "सर्वर से जुड़ ग", "सर्वर से दोबारा जुड़", "सर्वर से फिर जुड़", "नेटवर्क से जुड़ ग", "चलने लगी", "चलने लगे", "चलने लगा", "फिर से पहुंचने लग", "कनेक्शन जोड़ दिए", "जोड़ दिए गए", "जोड़ दिया गया", "পুনরায় সংযোগ", "पुन्हा जोड",
	"बहाल", "चालू हुआ", "चालू हुई", "चालू हो", "चालू किए", "चालू किया", "शुरू हुआ", "शुरू हो गया",
	// Started again: "काम दोबारा शुरू हो सका", "भुगतान फिर शुरू हुए", "पुनः शुरू".
	"दोबारा शुरू", "फिर से शुरू", "फिर शुरू", "पुनः शुरू", "पुन: शुरू", "सामान्य रूप से चल", "सामान्य हो",
	"স্বাভাবিক হয়", "চালু হয়", "চালু হল", "ফিরেছে", "চালু করা হয়", "চালু করা হল", "চালু করা গিয়েছে",
	"স্বাভাবিক ভাবে কাজ", "স্বাভাবিকভাবে কাজ", "ফের কাজ শুরু", "আবার কাজ শুরু",
	"सुरळीत झाली", "सुरळीत झाले", "पूर्ववत झाल", "सुरू झाले", "सुरू झाली",
})

// Problem nouns: "ही अडचण सुरू झाली" (this trouble began) starts the outage,
// though "सुरू झाली" alone says a service resumed.
var problemNouns = foldAll([]string{"problem", "problems", "trouble", "glitch", "outage", "disruption",
	"समस्या", "दिक्कत", "परेशानी", "गड़बड़ी", "खराबी", "सমস্যা", "সমস্যা", "বিভ্রাট", "अडचण", "अडचणी", "बिघाड", "समस्या"})

// Words that make a restoration a service's: a system noun or one of these. "গ্রাহক
// খালি হাতে ফিরেছেন" (customers went home) names people, not the service.
var serviceNouns = foldAll([]string{"service", "services", "सेवा", "सेवाएं", "सर्विस", "পরিষেবা", "সেবা"})

// People or things that could not be served: "could not", "न ... सके", "পারেনি".
// With a time span they give the outage's span from the users' side ("शाम 4 बजे से
// रात 8 बजे तक ग्राहक न तो नया ऑर्डर दे सके").
var cannotCues = foldAll([]string{"could not", "couldn't", "unable", "were not able", "was not able", "could neither",
	"नहीं हो सक", "नहीं कर सक", "नहीं दे सक", "नहीं ले सक", "नहीं मिल सक", "नहीं हो पा", "नहीं कर पा", "न तो", "न ही",
	"नहीं लिया जा सक", "नहीं लिए जा सक", "नहीं किया जा सक", "नहीं किए जा सक", "नहीं दिया जा सक", "नहीं दिए जा सक", "नहीं बन सक",
	"नहीं ली जा सक", "नहीं की जा सक", "नहीं दी जा सक",
	"পারেনি", "পারেননি", "পারছে না", "পারছেন না", "যায়নি", "যাচ্ছে না",
	"शकले नाही", "शकला नाही", "शकली नाही", "आले नाही", "येत नव्हते", "येत नाही"})

// Promises and rules: what should happen, not what did ("नियम के मुताबिक चार घंटे
// में पैसा लौट आना चाहिए", "the rules promise a refund within four hours"). A
// clause with one gives no end or duration. (A claim, "दावा", is reported speech
// like any other and stays.)
var promiseCues = foldAll([]string{"promise", "promised", "promises", "guarantee", "guaranteed", "supposed to", "should", "rules",
	"वादा", "गारंटी", "नियम", "चाहिए", "প্রতিশ্রুতি", "নিয়ম", "কথা ছিল", "हमी", "नियमानुसार"})

// "The problem has been resolved": with only a weak cue, a resolution statement
// is not a report of an outage (corpus README, bn-neg-resolved-007).
var resolvedCues = foldAll([]string{"resolved", "fixed", "ठीक हो गया", "समाधान", "দূর হয়েছে", "মিটে", "মিটেছে", "সমাধান",
	"निवारण", "सोडवली", "दुरुस्त झाला", "दुरुस्त झाली", "दुरुस्त झाले"})

// Negations that undo a restoration word right after it ("बहाल नहीं हुआ").
var negations = foldAll([]string{"नहीं", "नही", "not", "no", "না", "নি", "नाही", "न", "नव्हती", "नव्हते", "नव्हता"})

// Future tense: a sentence that says what will happen is never a start or an end.
var futureCues = foldAll([]string{
	"will", "would be", "is expected", "are expected", "expected to", "shall", "to stay", "to remain", "to be restored", "to be unavailable",
	"to go offline", "to go down", "to be shut", "to shut down", "next week", "next weekend",
	"होगा", "होगी", "होंगे", "जाएगा", "जाएगी", "जाएंगे", "जायेगा", "जायेगी", "रहेगा", "रहेगी", "रहेंगे", "उम्मीद", "संभावना", "लगेगा", "मिलेगा", "खरीदे जाएंगे",
	"থাকবে", "হবে", "বসবে", "করবে", "যাবে", "চেষ্টা চলছে",
	"होईल", "राहील", "जाईल", "येईल", "असेल", "शक्यता",
	// Marathi future participles: "बंद राहणार", "सुरू होणार आहे".
	"राहणार", "होणार", "जाणार", "असणार", "येणार", "शकतील", "शकेल",
})

// Words that start with an outage cue but mean something else: "डाउनलोड"
// (download) is no "डाउन".
var cueFalseFriends = foldAll([]string{"डाउनलोड", "डाऊनलोड", "ডাউনলোড"})

// Hypothetical: "could let attackers take servers down".
var hypotheticalCues = foldAll([]string{
	"if", "may", "might", "could let", "could cause", "could exploit", "could be", "advisory", "vulnerab",
	"अगर", "यदि", "होने पर", "রহলে", "যদি", "जर",
	// Marathi conditional participles: "सर्व्हर बंद पडल्यास" (if the server fails), "समजा" (suppose).
	"पडल्यास", "झाल्यास", "असल्यास", "गेल्यास", "समजा",
	// A threat, not an event: "सर्वर ठप होने का खतरा टल गया", "risk of an outage".
	// A drill or its script, no event: "simulated traffic", "मॉक ड्रिल के दौरान".
	"simulated", "simulation", "mock drill", "scenario", "exercise script", "मॉक ड्रिल", "मॉकड्रिल", "মক ড্রিল", "মহড়া", "रंगीत तालीम",
	"risk of", "threat of", "fears of", "averted", "होने का खतरा", "होने का डर", "होने की आशंका", "खतरा टल", "संकट टल",
	// "In the event of" and "while it is down" in a rule or a plea, no report: "सर्वर
	// बंद रहने की हालत में रजिस्टर पर अनाज दिया जाए", "सर्व्हर बंद असताना ओटीपीची मुभा".
	"in case of", "in the event of", "whenever", "की हालत में", "की स्थिति में", "বন্ধ থাকলে",
	"बंद असताना", "ठप्प असताना", "डाऊन असताना", "बंद पडल्यावर",
	"হওয়ার আশঙ্কা", "বিপদ কাটল", "এড়ানো গেল", "এড়ানো গিয়েছে", "होण्याचा धोका", "धोका टळला", "संकट टळले",
})

// Neighbouring countries and their capitals: an outage there is none of an
// Indian service ("বাংলাদেশে এনআইডি সার্ভার বন্ধ", "Nepal's passport portal down").
var foreignCues = foldAll([]string{"bangladesh", "dhaka", "nepal", "kathmandu", "pakistan", "islamabad", "sri lanka", "colombo",
	"bhutan", "thimphu", "myanmar", "maldives",
	"बांग्लादेश", "बांगलादेश", "ढाका", "नेपाल", "काठमांडू", "पाकिस्तान", "इस्लामाबाद", "श्रीलंका", "कोलंबो", "भूटान", "म्यांमार", "मालदीव",
	"বাংলাদেশ", "ঢাকা", "নেপাল", "কাঠমান্ডু", "পাকিস্তান", "শ্রীলঙ্কা", "ভুটান", "মায়ানমার"})

// Words cited or complained of, not reported: "the words 'server down'", "a
// \"सर्व्हर डाऊन\" complaint". Read only with the outage word in quotes.
var citeCues = foldAll([]string{"word", "words", "term", "terms", "phrase", "label", "labels", "complain", "complained", "complaint", "complaints",
	"शब्द", "शिकायत", "शिकायतें", "শব্দ", "অভিযোগ", "तक्रार"})

// A recommendation, not a report: "यंत्रणा बंद पडलेल्या प्रत्येक तासाची नोंद
// सार्वजनिक करावी" (the record of every hour it fails should be published).
// Marathi optatives only: Hindi "चाहिए" often closes a complaint about an outage
// that did happen ("सर्वर ठप है, इसे जल्द ठीक करना चाहिए").
var recommendCues = foldAll([]string{"करावी", "करावे", "करावा", "द्यावी", "द्यावे", "घ्यावी", "घ्यावे"})

// Topics that use outage words in another sense: markets, sport, purchases.
var marketCues = foldAll([]string{"sensex", "nifty", "shares", "stock", "per cent", "points", "brokerage", "fares", "prices",
	"analysts", "inflation", "सेंसेक्स", "निफ्टी", "कीमतें", "किराया",
	"शेयर", "अंक", "সেনসেক্স", "নিফটি", "শেয়ার", "सेन्सेक्स", "शेअर"})
var sportCues = foldAll([]string{"wicket", "wickets", "innings", "ranji", "match", "मैच", "सेट", "वॉलीबॉल", "चैंपियनशिप", "খেলা", "ম্যাচ", "सामना"})
var purchaseCues = foldAll([]string{"new servers", "new data centre", "tender", "procure", "खरीद", "नए सर्वर", "मंजूरी", "টেন্ডার",
	"দরপত্র", "নতুন ডেটা সেন্টার", "निविदा", "खरेदी"})

// "No problem": a problem word denied ("কোনও সমস্যা হয়নি", "without any downtime").
var noProblemCues = foldAll([]string{"no problem", "without any problem", "without problems", "without a glitch",
	"without any downtime", "without downtime", "smoothly", "कोई समस्या नहीं", "कोई दिक्कत नहीं", "कोई परेशानी नहीं",
	"সমস্যা হয়নি", "কোনও সমস্যা হয়নি", "কোনো সমস্যা হয়নি", "अडचण आली नाही", "सुरळीत चालले", "सुरळीत"})

// "Did not happen" right after an outage word: "কোনও বিভ্রাট হয়নি", "सर्वर ठप नहीं
// हुआ", "बिघाड झाला नाही". The outage word is denied, not reported.
var notHappened = foldAll([]string{"হয়নি", "হয় নি", "ঘটেনি", "ঘটে নি", "হচ্ছে না", "नहीं हुआ", "नहीं हुई", "नहीं हुए", "नहीं हुआ है",
	"नहीं आई", "नहीं आया", "नौबत नहीं", "शिकायत नहीं", "की शिकायत नहीं", "অভিযোগ আসেনি", "অভিযোগ মেলেনি", "तक्रार आली नाही", "झाला नाही", "झाली नाही", "झाले नाही", "आला नाही", "आली नाही",
	"पडला नाही", "पडली नाही", "पडले नाही", "पडलेला नाही", "पडलेली नाही", "पडलेले नाही", "did not happen", "has not happened"})

// Denials of a claim: "No outage", "denied that its website had gone down",
// "सर्वर ठप होने से इनकार". A clause with one reports no outage; a headline clause
// that denies one makes the page a denial. Bare "denied"/"इनकार"/"नाकारले" are
// left out: "patients were denied treatment", "अर्ज नाकारले" report the outage's harm.
var denialCues = foldAll([]string{"no outage", "denied that", "denies that", "denied any", "denies any", "denied reports", "denies reports",
	"denied claims", "denies claims", "rejects claims", "rejected claims", "refutes", "refuted", "dismissed reports", "dismisses reports",
	"होने से इनकार", "होने से इंकार", "खबरों का खंडन", "दावे का खंडन", "दावों का खंडन", "आरोपों का खंडन",
	"কথা অস্বীকার", "অভিযোগ অস্বীকার", "দাবি অস্বীকার", "দাবি উড়িয়ে", "वृत्त फेटाळ", "दावा फेटाळ", "आरोप फेटाळ"})

// A claim called false: "'सर्वर 10 दिन बंद' वाला मैसेज फर्जी", "viral post on
// portal shutdown is fake", "ভুয়ো খবর". A headline clause with one and an outage
// word is a fact-check, not a report.
var hoaxCues = foldAll([]string{"fake", "hoax", "fact check", "fact-check", "misleading", "rumour", "rumours",
	"फर्जी", "फेक", "झूठा", "झूठी", "झूठे", "अफवाह", "भ्रामक", "फैक्ट चेक",
	"ভুয়ো", "ভুয়া", "গুজব", "ফেক", "মিথ্যা",
	"खोटा", "खोटी", "खोटे", "अफवा", "बनावट", "दिशाभूल"})

// A private operator's system: "बेसरकारि संस्था ‘X’-এর অ্যাপ", "a private firm's
// app". Its failure is no e-governance outage unless a catalogued service is named.
var privateCues = foldAll([]string{"private company", "private firm", "private operator", "private agency", "private ticketing",
	"निजी कंपनी", "निजी एजेंसी", "निजी फर्म", "বেসরকারি সংস্থা", "বেসরকারি কোম্পানি", "বেসরকারি সংস্থার", "खाजगी कंपनी", "खासगी कंपनी",
	// A private bank's app or UPI: "a private bank's app", "বেসরকারি X ব্যাঙ্কের অ্যাপ".
	"private bank", "private sector bank", "निजी बैंक", "निजी क्षेत्र के बैंक", "বেসরকারি", "खाजगी बँक", "खासगी बँक"})

// The markers that make a clause no report of an outage, whatever outage word it
// has: the future, a hypothesis, a recommendation, an earlier year, a purchase,
// a denial ("denied that its website had gone down").
var noReportCues = [][]string{futureCues, hypotheticalCues, recommendCues, pastYearCues, purchaseCues, denialCues}

// Past reference to an earlier year: "last year there were complaints".
var pastYearCues = foldAll([]string{"last year", "पिछले साल", "पिछले वर्ष", "गत वर्ष", "গত বছর", "मागील वर्षी", "गेल्या वर्षी"})

// Deadline words mark dates that are not the outage's.
var deadlineCues = foldAll([]string{"deadline", "due date", "last date", "अंतिम तिथि", "आखिरी तारीख", "अंतिम तारीख", "शेष तारिख",
	"শেষ তারিখ", "সময়সীমা", "मुदत", "अंतिम मुदत"})

// Ongoing at publication: an "until" here is not an end.
var ongoingCues = foldAll([]string{"at the time of writing", "till the time of writing", "still", "खबर लिखे जाने तक", "अब तक",
	"এখনও", "अजूनही"})

// The present tense of a failure: still going on when the article was written
// ("सर्वर बार-बार बंद हो रहा है", "ই-পস যন্ত্র কাজ করছে না", "the portal keeps
// failing", "पोर्टल बंद आहे"). Read only in sentences about the outage.
var presentCues = foldAll([]string{
	"keeps failing", "keep failing", "keeps crashing", "keeps going down", "continues to", "continue to", "remains down", "remain down",
	"is down", "are down", "is not working", "are not working", "is unavailable", "are unavailable",
	"has been down", "have been down", "has been unable", "have been unable", "has been unavailable",
	"हो रहा है", "हो रही है", "हो रहे हैं", "जा रहा है", "जा रही है", "जा रहे हैं", "बना हुआ है", "जारी है",
	"हो गया है", "हो गई है", "हो गए हैं",
	"अटके हैं", "अटके हुए हैं", "अटका है", "अटकी है", "बंद है", "ठप है", "डाउन है", "नहीं चल रहा", "नहीं खुल रहा",
	"করছে না", "যাচ্ছে না", "হচ্ছে না", "মিলছে না", "চলছে না", "খুলছে না", "বসে যাচ্ছে", "বন্ধ রয়েছে", "বন্ধ আছে",
	"बंद आहे", "बंद आहेत", "होत आहे", "होत आहेत", "येत आहे", "येत आहेत", "पडत आहे", "पडत आहेत", "बंद पडते", "ठप्प आहे",
	"झाले आहे", "झाला आहे", "झाली आहे", "रखडले आहेत", "रखडल्या आहेत",
})

// Local scope (one district's outage) and statewide scope.
// Plural units ("तहसीलों में", "in tehsils") mean many places, so only singular forms count.
var localScope = foldAll([]string{"district", "districts", "block", "city's", "in the city", "जिले", "प्रखंड", "शहर", "तहसील में", "तहसील के", "अंचल",
	"জেলার", "জেলায়", "ব্লক", "জिल्ह्यात", "जिल्ह्यातील", "तालुक", "शहरात", "कार्यालयात"})
var stateScope = foldAll([]string{"statewide", "across the state", "in the state", "प्रदेश भर", "प्रदेश में", "प्रदेश का", "प्रदेश के",
	"राज्य भर", "राज्य में", "राज्य के", "রাজ্যের", "রাজ্যে", "রাজ্য জুড়ে", "রাজ্যজুড়ে", "राज्यात", "राज्यभर", "राज्यातील"})
var nationScope = foldAll([]string{"across the country", "nationwide", "देश भर", "देशभर", "সারা দেশে", "देशभरात"})

// Words before "प्रदेश" that make it part of a state's name, not "the state".
var pradeshNames = foldAll([]string{"उत्तर", "मध्य", "हिमाचल", "आंध्र", "अरुणाचल"})

// People and things an outage leaves stranded, for the affected count.
var affectedNouns = foldAll([]string{
	"people", "users", "user", "beneficiaries", "holders", "applicants", "taxpayers", "workers", "appointments", "card holders", "customers",
	"families", "applications", "passengers", "consumers", "students", "farmers", "orders", "households", "candidates",
	"tests", "trucks", "vehicles", "bookings", "transactions", "patients", "citizens", "residents",
	"लोग", "लोगों", "उपभोक्ता", "उपभोक्ताओं", "आवेदन", "छात्र", "किसानों", "किसान", "कार्डधार", "लाभुकों", "लाभार्थ",
	"लेनदेन", "नोंद", "व्यवहार", "आवेदक", "करदाता", "उपयोगकर्ता", "नागरिक",
	"अभ्यर्थी", "मरीज", "ग्राहक", "ग्राहकों", "ऑर्डर", "फॉर्म", "रजिस्ट्री", "घरों", "परिवार", "यात्री",
	"গ্রাহক", "পড়ুয়া", "মিউটেশন", "আবেদন", "পরিবার", "যাত্রী", "উপভোক্তা", "মানুষ", "ছাত্র",
	"কার্ডধারী", "আবেদনকারী", "সুবিধাভোগী", "প্রাপক", "নাগরিক", "রোগী", "কৃষক",
	"अर्ज", "उमेदवार", "शिधापत्रिकाधारक", "सातबारा", "शेतकरी", "विद्यार्थी", "लाभार्थ्यांना",
})

// Sentence words that say the counted people were hit.
var affectedCues = foldAll([]string{
	"could not", "unable", "affected", "turned away", "delay", "delayed", "piled up", "pile up", "backlog", "held up", "postponed", "विलंब", "বিলম্ব", "रुक", "complained", "rescheduled", "stranded", "without", "pending", "stuck",
	"नहीं", "प्रभावित", "अटके", "अटका", "अधूरे", "लंबित", "लौट", "टाल", "फंस", "परेशान",
	"পারেননি", "পারেনি", "আটকে", "ফিরে", "না ", "পিছিয়ে",
	"रखडल", "प्रलंबित", "परत", "नाही", "मिळालेले नाही",
})

// Currency words around a sum of money.
var currencyCues = foldAll([]string{"₹", "rs", "rupees", "rupee", "inr", "रुपये", "रुपए", "रुपयों", "रु", "টাকা", "টাকার", "रुपयांच्या", "रुपयांची", "रुपयांचे"})

// Cause classes and their cues, in the order ties are broken.
var causeCues = []struct {
	Cause string
	Cues  []string
}{
	{"storage_full", foldAll([]string{"data full", "storage full", "disk full", "out of disk", "disk space", "no space left", "out of storage",
		"filled the storage", "volume is full", "storage is full",
		"डेटा फुल", "डाटा फुल", "स्टोरेज फुल", "स्टोरेज में जगह", "जगह नहीं बची", "ডেটা ফুল", "স্টোরেজ ফুল", "साठवण क्षमता पूर्ण",
		// Filled up: "storage had filled up", "डिस्क पूरी तरह भर गई", "স্টোরেজ ভরে গিয়েছিল".
		"storage filled up", "disk filled up", "disks filled up", "ran out of storage", "ran out of disk", "storage had filled", "disk had filled",
		"स्टोरेज भर", "स्टोरेज पूरी तरह भर", "डिस्क भर", "डिस्क पूरी तरह भर", "भंडारण क्षमता भर", "भंडारण क्षमता पूरी",
		"স্টোরেজ ভরে", "ডিস্ক ভরে", "স্টোরেজ পুরো ভরে", "स्टोरेज भरल", "डिस्क भरल", "साठवण क्षमता भरल"})},
	{"power", foldAll([]string{"power outage", "power cut", "power failure", "power problem", "grid supply", "generator",
		"बिजली गुल", "जनरेटर", "यूपीएस", "বিদ্যুৎ বিভ্রাট", "লোডশেডিং", "জেনারেটর", "वीजपुरवठा खंडित"})},
	{"network", foldAll([]string{"network outage", "network problem", "network link", "network failure", "network fault", "internet link",
		"fibre", "fiber", "bsnl", "connectivity", "link failure",
		"नेटवर्क", "इंटरनेट", "लिंक फेल", "बीएसएनएल", "केबल", "নেটওয়ার্ক", "ফাইবার", "বিএসএনএল", "নেট নেই", "इंटरनेट लिंक"})},
	{"load_surge", foldAll([]string{"heavy traffic", "unusually heavy", "traffic surge", "beyond the configured capacity", "beyond capacity",
		"at the same time", "at once", "surge in", "times the normal load", "times the usual", "times their usual", "times its usual",
		"keep up with the", "kept up with the",
		"क्षमता से अधिक", "क्षमता से कहीं", "क्षमता से कई गुना", "भारी ट्रैफिक", "एक साथ लाखों", "एक साथ बहुत", "एक साथ करोड़ों", "एक साथ हजारों",
		"अधिक लोड", "ज्यादा लोड", "गुना लोड",
		"একসঙ্গে", "অতিরিক্ত চাপ", "অত্যধিক চাপ", "ক্ষমতার চেয়ে বেশি",
		"एकाच वेळी", "क्षमतेपेक्षा जास्त", "जास्त भार"})},
	{"software", foldAll([]string{"software update", "software upgrade", "new software", "software glitch", "software problem", "bug",
		"rolled back", "new version",
		"सॉफ्टवेयर", "नया वर्जन", "पुराना वर्जन", "माइग्रेशन", "অ্যাপ আপডেট", "সফটওয়্যার", "सॉफ्टवेअर"})},
	{"maintenance", foldAll([]string{"maintenance", "upgrade", "मेंटेनेंस", "मेंटनेंस", "रखरखाव", "अपग्रेड", "রক্ষণাবেক্ষণ", "আপগ্রেড",
		"देखभाल", "दुरुस्ती"})},
}

// Negated cause: "not a software one".
var causeNegations = foldAll([]string{"not a", "not the", "no "})

// init adds the folded spelling of every key of the word maps, since tokens are
// read from folded text (নাগাদ and টায় lose their nukta there).
func init() {
	foldKeys(monthNames)
	foldKeys(weekdayStems)
	foldKeys(relativeDays)
	for i := range dayPartWords {
		dayPartWords[i].stem = fold(dayPartWords[i].stem)
	}
	foldKeys(numberWords)
	foldKeys(fractionWords)
	foldKeys(clockUnits)
	foldKeys(durationUnits)
	foldKeys(scales)
	for _, m := range []map[string]bool{startAfter, endAfter, startBefore, endBefore, skipWords,
		runningLeads, durationQualifiers, runningAfter, unitFillers} {
		foldKeys(m)
	}
}

// foldKeys adds the folded spelling of every key of m, with the key's value.
func foldKeys[V any](m map[string]V) {
	for k, v := range m {
		m[fold(k)] = v
	}
}
