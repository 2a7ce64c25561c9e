package news

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/data/catalog"
)

// ist is the default calendar of the package, India Standard Time.
var ist = catalog.IST

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"सर्वर\u200b डाउन":       "सर्वर डाउन",
		"९ घंटे, ४५ हजार":        "9 घंटे, 45 हजार",
		"৮০ হাজার":               "80 হাজার",
		"सर्वर ठप है |  अधिकारी": "सर्वर ठप है । अधिकारी",
		"Rs 50 | Delhi":          "Rs 50 | Delhi",
		"बाात":                   "बात",
		"फ़\u00adरवरी":           "फ़रवरी",
		"\u0915\u093c\u0932":     "\u0915\u093c\u0932", // क़ stays as written (NFC)
	}
	for in, want := range cases {
		require.Equal(t, want, Normalize(in), "Normalize(%q)", in)
	}
	require.Equal(t, fold("फ़रवरी"), fold("फरवरी"), "nukta folds")
	require.Equal(t, fold("पहुँच"), fold("पहुंच"), "chandrabindu folds")
}

func TestAmounts(t *testing.T) {
	cases := map[string][]float64{
		"1 करोड़ 20 लाख रुपये":    {12e6},
		"2 लाख 40 हजार अर्ज":      {240000},
		"৪ লক্ষ ৬০ হাজার আবেদন":   {460000},
		"ढाई लाख अभ्यर्थी":        {250000},
		"₹5.3 crore and 2.1 lakh": {53e6, 210000},
		"About 60,000 users":      {60000},
		"१२ कोटी":                 {12e7},
		// A clock time is not a count: only the 900 forms are.
		"शाम साढ़े 6 बजे तक 900 फॉर्म": {900},
		"सकाळी ११ वाजता ३०० अर्ज":      {300},
		// Units after the thousands, but no year, clock or span.
		"लगभग 4 हजार 320 किसान": {4320},
		"सुमारे ३ हजार ७५ अर्ज": {3075},
		"5 हजार 2024 में":       {5000, 2024},
		"2 हजार 4 घंटे":         {2000, 4},
	}
	for in, want := range cases {
		var got []float64
		for _, a := range amounts(fold(in)) {
			got = append(got, a.value)
		}
		require.InDeltaSlice(t, want, got, 0.5, "amounts(%q)", in)
	}
	aff, money := figuresIn(fold("इस दौरान करीब 18 हजार ऑर्डर अधूरे रह गए, जिनकी कीमत 1 करोड़ 20 लाख रुपये बताई जा रही है।"))
	require.Len(t, aff, 1)
	require.Equal(t, 18000.0, aff[0].value)
	require.Len(t, money, 1)
	require.Equal(t, 12e6, money[0].value)
	// Applicants, taxpayers, citizens and patients are people the outage hit.
	for text, want := range map[string]float64{
		"दिन भर में लगभग ३,२०० आवेदक खाली हाथ लौटे।":                  3200,
		"अनुमान है कि 1.2 लाख करदाता समय पर रिटर्न नहीं भर पाए।":      120000,
		"सुमारे २,३०० नागरिकांना दाखले मिळाले नाहीत.":                 2300,
		"Over 9,100 patients could not be admitted under the scheme.": 9100,
		// Bengali card holders and applicants.
		"ব্লকের প্রায় ১২ হাজার কার্ডধারী খালি হাতে ফিরেছেন।": 12000,
		"দিনভর ৩,৪০০ আবেদনকারী ফর্ম জমা দিতে পারেননি।":        3400,
	} {
		aff, _ := figuresIn(fold(text))
		require.Len(t, aff, 1, text)
		require.Equal(t, want, aff[0].value, text)
	}
	_, money = figuresIn(fold("उन्होंने 500 रुपये का रिचार्ज किया"))
	require.Empty(t, money, "one person's payment is not the outage's money")
}

func TestMoments(t *testing.T) {
	pub := time.Date(2025, 4, 28, 0, 0, 0, 0, ist) // a Monday
	type m struct {
		day  string
		hhmm string
		role role
	}
	cases := map[string][]m{
		"शनिवार सुबह 8 बजे से सोमवार सुबह 10 बजे तक बंद रहा": {{"04-26", "08:00", startRole}, {"04-28", "10:00", endRole}},
		"from 10 a.m. until 4 p.m.": {{"", "10:00", startRole}, {"", "16:00", endRole}},
		"শুক্রবার সকাল ১১টা থেকে সন্ধ্যা সাড়ে ৭টা পর্যন্ত": {{"04-25", "11:00", startRole}, {"", "19:30", endRole}},
		"काल दुपारी १२ ते ४ या वेळेत":                       {{"04-27", "12:00", startRole}, {"", "16:00", endRole}},
		"कल सुबह 10 बजे से दोपहर डेढ़ बजे तक":               {{"04-27", "10:00", startRole}, {"", "13:30", endRole}},
		"11 बजकर 5 मिनट पर सेवा बहाल हुई":                   {{"", "11:05", endRole}},
		"रात 8 बजे":               {{"", "20:00", neutral}},
		"13 फरवरी से 20 फरवरी तक": {{"02-13", "", startRole}, {"02-20", "", endRole}},
		"गुरुवार शाम से":          {{"04-24", "17:00", startRole}},
		// "-पर्यंत" on a clock word or a time-of-day word ends a span, as "-पासून" starts one.
		"रविवारी सकाळी ९ वाजल्यापासून सोमवारी संध्याकाळी ६ वाजेपर्यंत": {{"04-27", "09:00", startRole}, {"04-28", "18:00", endRole}},
		"रविवारी दुपारपर्यंत": {{"04-27", "13:00", endRole}},
		// A decimal before a scale word is a count, not a clock time after रात.
		"रविवार रात लगभग 1.4 लाख उपभोक्ता अटके": {{"04-27", "21:00", neutral}},
		"that night about 3.5 lakh users": {{"", "21:00", neutral}},
		// Marathi: a relative day with "-पासून", a fraction fused with its hour.
		"कालपासून बंद": {{"04-27", "", startRole}},
		"रविवारी सकाळी साडेनऊच्या सुमारास": {{"04-27", "09:30", neutral}},
	}
	for in, want := range cases {
		var got []m
		for _, x := range moments(fold(in), pub) {
			g := m{role: x.role}
			if x.hasDay {
				g.day = x.day.Format("01-02")
			}
			if x.kind != noTime {
				g.hhmm = time.Date(0, 1, 1, 0, x.minutes, 0, 0, time.UTC).Format("15:04")
			}
			got = append(got, g)
		}
		require.Equal(t, want, got, "moments(%q)", in)
	}
}

func TestDurations(t *testing.T) {
	d := durations(fold("करीब 30 घंटे तक न बैलेंस दिखा"))
	require.Equal(t, []statedDuration{{minutes: 1800}}, d)
	d = durations(fold("तीन दिन से प्रमाण पत्र अटके"))
	require.True(t, d[0].ongoing)
	d = durations(fold("pending refunds within 48 hours"))
	require.True(t, d[0].within)
	d = durations(fold("down for six hours; back after a 58-hour shutdown"))
	require.Equal(t, []statedDuration{{minutes: 360, span: true}, {minutes: 58 * 60}}, d)
	d = durations(fold("तीन दिन से प्रमाण पत्र अटके"))
	require.True(t, d[0].inDays)
}

func TestReadFallbackSeam(t *testing.T) {
	page := []byte(`<html><head><title>t</title></head><body><div class="x"><p>one</p></div></body></html>`)
	a, err := Read(page, nil, ReadOptions{Fallback: func(html []byte, _ *url.URL) (string, error) {
		return "from the fallback\nRead more: another story\nsecond paragraph", nil
	}})
	require.NoError(t, err)
	require.Equal(t, "from the fallback\n\nsecond paragraph", a.Body)
}

func TestNamedService(t *testing.T) {
	cases := map[string]string{
		"जयपुर। जन आधार पोर्टल का सर्वर बुधवार को दिन भर डाउन रहा।":   "जन आधार पोर्टल",
		"কলকাতা: কন্যাশ্রী-এর সার্ভার দু'দিন ধরে বন্ধ।":               "কন্যাশ্রী",
		"PATNA: The Jeevika Didi portal was down for most of Monday.": "Jeevika Didi ",
		"मुंबई : आपले सरकार पोर्टल दिवसभर ठप्प होते.":                 "आपले सरकार",
		"रीवा। कल सुबह बिजली कंपनी का सर्वर ठप रहा।":                  "बिजली कंपनी",
	}
	for text, want := range cases {
		name, i := namedService(articleSentences("", text))
		require.Equal(t, strings.TrimSpace(want), name, "namedService(%q)", text)
		require.Equal(t, 0, i)
	}
}

// TestServiceNameDeterministic: a sentence naming one service by two aliases
// reports the same name on every run (the longest alias), whatever order the
// catalog's alias map is walked in.
func TestServiceNameDeterministic(t *testing.T) {
	cat := catalog.Default()
	a := Article{
		Title:     "अस्पतालों से लौटे मरीज",
		Body:      "रायपुर। पीएम-जय यानी आयुष्मान भारत योजना का सर्वर शुक्रवार सुबह ठप हो गया और PM-JAY के दावे शाम तक दर्ज नहीं हो सके।",
		Published: time.Date(2025, 3, 8, 0, 0, 0, 0, ist),
	}
	want := Extract(a, cat, ExtractOptions{})
	require.Equal(t, "pmjay", want.ServiceID)
	require.Equal(t, "आयुष्मान भारत", want.ServiceName)
	for i := 0; i < 200; i++ {
		require.Equal(t, want.ServiceName, Extract(a, cat, ExtractOptions{}).ServiceName, "run %d", i)
	}
}

// shortPub is the publication day of the short articles in these tests.
var shortPub = time.Date(2025, 4, 26, 0, 0, 0, 0, ist)

// extractOutage runs Extract on a short article published on shortPub and
// requires it to be read as an outage.
func extractOutage(t *testing.T, title, body string, opts ExtractOptions) Report {
	t.Helper()
	r := Extract(Article{Title: title, Body: body, Published: shortPub}, catalog.Default(), opts)
	require.True(t, r.IsOutage, "%s: %v", title, r.Evidence)
	return r
}

// placeCase is a short article and the state and district Extract should give it.
type placeCase struct {
	name, title, body string
	state, district   string
}

func runPlaceCases(t *testing.T, cases []placeCase) {
	t.Helper()
	for _, c := range cases {
		r := extractOutage(t, c.title, c.body, ExtractOptions{})
		require.Equal(t, c.state, r.State, "%s: state (%q)", c.name, r.Evidence["state"])
		require.Equal(t, c.district, r.District, "%s: district (%q)", c.name, r.Evidence["district"])
	}
}

// TestOutageScope: "across <state>" makes an outage statewide even when a kicker
// and a standfirst push it past the lead, so a district named in passing does
// not make it local.
func TestOutageScope(t *testing.T) {
	runPlaceCases(t, []placeCase{{
		name:  "en: across a state after a kicker and a standfirst",
		title: "Ayushman card checks fail for a day",
		body: "Health / States\n\n" +
			"A storage fault left hospital desks without the beneficiary system\n\n" +
			"RAIPUR: Hospitals across Chhattisgarh could not verify PM-JAY beneficiaries on Friday after the scheme's server crashed in the morning.\n\n" +
			"At the district hospital in Durg, staff wrote names in a register.",
		state: "Chhattisgarh",
	}, {
		// The outlet's city is the dateline and is named again for a local voice,
		// but the lead says the national service failed across the country.
		name:  "hi: a nationwide outage from a city outlet",
		title: "आधार सर्वर ठप, नामांकन रुके",
		body: "इंदौर। यूआईडीएआई का आधार सर्वर शनिवार सुबह ठप हो गया और देशभर के केंद्रों पर नामांकन रुक गया।\n\n" +
			"इंदौर के एक केंद्र संचालक ने बताया कि दोपहर तक कोई काम नहीं हुआ।",
	}, {
		// "রাজ্যজুড়ে" (statewide) written as one word, under a Kolkata dateline.
		name:  "bn: statewide in one word",
		title: "ই-পস সার্ভার বন্ধ, রেশন বিলি আটকে",
		body: "কলকাতা: শুক্রবার সকাল থেকে রেশন দোকানের ই-পস সার্ভার বন্ধ।\n\n" +
			"রাজ্যজুড়ে প্রায় ৪০ হাজার কার্ডধারী রেশন পাননি। বিভিন্ন ব্লক অফিসে অভিযোগ জমা পড়ে।",
		state: "West Bengal",
	}})
}

// outageCase is a short article and whether Extract should read it as an outage.
type outageCase struct {
	title, body string
	outage      bool
}

// runOutageCases checks is_outage on each case (published 2025-04-26), and with
// why, that a non-outage says why in Evidence["not_outage"].
func runOutageCases(t *testing.T, cases []outageCase, why bool) {
	t.Helper()
	cat := catalog.Default()
	for _, c := range cases {
		r := Extract(Article{Title: c.title, Body: c.body, Published: shortPub}, cat, ExtractOptions{})
		require.Equal(t, c.outage, r.IsOutage, "%s: %v", c.title, r.Evidence)
		if why && !c.outage {
			require.NotEmpty(t, r.Evidence["not_outage"], c.title)
		}
	}
}

// TestNotAnOutage: a headline denying an outage, or a private operator's system
// failing with no catalogued service named, is no outage report, though the
// body has outage words; a catalogued service run by a private firm still is one.
func TestNotAnOutage(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"Transport department denies reports of licence portal crash",
			"LUCKNOW: The transport department said on Friday its servers were working normally. Some applicants, though, said the site showed errors all afternoon.", false},
		{"बिजली कंपनी ने बिलिंग सर्वर ठप होने से इनकार किया",
			"जबलपुर। कंपनी ने कहा कि सर्वर सामान्य रूप से काम कर रहा था। कुछ उपभोक्ताओं ने कहा कि ऐप पर त्रुटि दिख रही थी।", false},
		{"कॉन्सर्ट के टिकट खुलते ही सर्वर डाउन",
			"मुंबई। एक निजी कंपनी के टिकट ऐप का सर्वर शुक्रवार दोपहर डाउन हो गया। हजारों प्रशंसक टिकट नहीं खरीद पाए।", false},
		{"Passport Seva server down for a day",
			"CHENNAI: The Passport Seva server, run by a private firm for the ministry, went down on Friday morning and applicants were turned away.", true},
		// Harm done, not a claim denied.
		{"Patients denied treatment as Ayushman portal stays down",
			"INDORE: Patients were denied treatment on Friday because the Ayushman Bharat portal was down all day.", true},
	}, true)
	// People sitting down in protest ("बैठ गए") are no system sitting down ("बैठ गया").
	runOutageCases(t, []outageCase{{"पोर्टल की शिकायत पर धरना",
		"रीवा। पोर्टल पर पंजीयन की शिकायत लेकर किसान कलेक्टोरेट के सामने धरने पर बैठ गए।", false}}, false)
}

// TestNegatedOutageWord: an outage word followed by "did not happen" ("বিভ্রাট
// হয়নি", "ठप नहीं हुआ", "बिघाड झाला नाही") is no outage report; one that caused
// work not to happen still is.
func TestNegatedOutageWord(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"রেশন ডিলারদের সম্মেলন",
			"হাওড়া: ডিলারদের দাবি, এই মরসুমে ই-পস সার্ভারে একবারও বিভ্রাট হয়নি। সম্মেলনে কমিশন নিয়ে আলোচনা হয়।", false},
		{"भू-अभिलेख पोर्टल पर नई सुविधा",
			"पटना। विभाग ने कहा कि पिछले तीन महीने में पोर्टल एक बार भी ठप नहीं हुआ। नई सुविधा सोमवार से शुरू हुई।", false},
		{"महाडीबीटी अर्जांची मुदत वाढली",
			"पुणे : या हंगामात पोर्टलमध्ये कोणताही बिघाड झाला नाही, असे अधिकाऱ्यांनी सांगितले।", false},
		{"ই-পস বিভ্রাট, রেশন বিলি বন্ধ",
			"হাওড়া: বৃহস্পতিবার ই-পস সার্ভারের বিভ্রাটের ফলে দিনভর রেশন বিলি হয়নি।", true},
		{"भुगतान अटके",
			"पटना। शुक्रवार को सर्वर ठप रहा, कोई भुगतान नहीं हुआ।", true},
	}, false)
}

// TestDownloadIsNoOutageWord: "डाउनलोड" (download) starts with the cue "डाउन"
// but is none, in the clause test and in the outage-word test that decides which
// sentences' times and durations are read.
func TestDownloadIsNoOutageWord(t *testing.T) {
	for text, want := range map[string]bool{
		"ऐप डाउनलोड करें और राशन कार्ड जोड़ें": false,
		"অ্যাপ ডাউনলোড করুন":                   false,
		"सर्वर दोपहर से डाउन रहा":              true,
		"डाउनलोड करते समय सर्वर डाउन हो गया":   true,
	} {
		require.Equal(t, want, hasOutageWord(fold(text)), text)
	}
}

// TestHoaxHeadline: a headline that quotes an outage claim and calls it false
// ("फर्जी", "fake", "ভুয়ো") is a fact-check, not an outage report.
func TestHoaxHeadline(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"Viral post claiming EPFO portal shutdown for a week is fake, says ministry",
			"NEW DELHI: A message saying the EPFO portal would be down from Monday is false. The portal is working normally, officials said.", false},
		{"'राशन सर्वर पांच दिन ठप' वाली खबर फर्जी, वितरण सामान्य",
			"पटना। सोशल मीडिया पर चल रहा संदेश गलत है। विभाग के अनुसार सर्वर सामान्य रूप से चल रहा है।", false},
		{"'স্বাস্থ্যসাথী পোর্টাল বন্ধ' খবর ভুয়ো, জানাল দফতর",
			"কলকাতা: দফতর জানিয়েছে, পোর্টাল ঠিকঠাক চলছে।", false},
	}, true)
}

// TestMarathiFuture: a Marathi future ("बंद राहणार", "सुरू होणार") announces, it
// does not report; "डाउनलोड" is no "डाउन".
func TestMarathiFuture(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"आपले सरकार पोर्टल रविवारी सहा तास बंद राहणार",
			"मुंबई : देखभालीसाठी आपले सरकार पोर्टल रविवारी सकाळी सहा ते दुपारी बारा या वेळेत बंद राहणार आहे. त्यानंतर दाखले लवकर डाउनलोड करता येतील.", false},
		{"नवीन प्रणालीत प्रमाणपत्रे जलद मिळणार",
			"पुणे : नव्या सर्व्हरमुळे नागरिक प्रमाणपत्रे काही सेकंदांत डाउनलोड करू शकतील.", false},
	}, false)
}

// causeCase is a short article and the cause Extract should read from it.
type causeCase struct {
	title, body, cause string
}

func runCauseCases(t *testing.T, cases []causeCase) {
	t.Helper()
	for _, c := range cases {
		r := extractOutage(t, c.title, c.body, ExtractOptions{})
		require.Equal(t, c.cause, r.Cause, "%s: %q", c.title, r.Evidence["cause"])
	}
}

// TestCauseWordInServiceName: "नेटवर्क" in the spelled-out name before the
// service's bracketed acronym names the operator, not a network fault; a
// bracketed word that is no alias of the service leaves it a cause.
func TestCauseWordInServiceName(t *testing.T) {
	runCauseCases(t, []causeCase{
		{"रिटर्न की आखिरी शाम जीएसटी पोर्टल ठप",
			"नई दिल्ली। शनिवार शाम जीएसटी पोर्टल करीब तीन घंटे ठप रहा। गुड्स एंड सर्विसेज टैक्स नेटवर्क (जीएसटीएन) के प्रवक्ता ने बताया कि आखिरी दिन सर्वर पर ज्यादा लोड आ गया था।",
			CauseLoadSurge},
		{"जीएसटी पोर्टल ठप",
			"नई दिल्ली। शनिवार शाम जीएसटी पोर्टल ठप रहा। अधिकारियों ने बताया कि डेटा सेंटर का नेटवर्क (फाइबर लिंक) कट गया था।",
			CauseNetwork},
	})
}

// TestLoadAsMultipleOfUsual: load told as a multiple of the usual traffic, or a
// system that could not keep up with it, is a load surge.
func TestLoadAsMultipleOfUsual(t *testing.T) {
	runCauseCases(t, []causeCase{
		{"E-way bill portal crashes on the last day of the quarter",
			"NEW DELHI: The e-way bill portal crashed on Friday afternoon. Officials said requests ran at five times the usual rate and the servers could not keep up with the demand.",
			CauseLoadSurge},
		{"Scholarship portal goes down as results are declared",
			"PATNA: The scholarship portal went down on Monday after it drew about three times its usual visitors in an hour.",
			CauseLoadSurge},
	})
}

// TestDelayedMoneyBengali: a sum whose payment "পিছিয়ে" (was put off) by the
// outage is money the outage held up.
func TestDelayedMoneyBengali(t *testing.T) {
	r := extractOutage(t, "কৃষকবন্ধু পোর্টালে বিভ্রাট",
		"বর্ধমান: শুক্রবার দুপুর থেকে কৃষকবন্ধু পোর্টাল বসে যায়।\n\n"+
			"ফলে প্রায় ১২০ কোটি টাকার অনুদান কৃষকদের অ্যাকাউন্টে পাঠানো দু'দিন পিছিয়ে গেল।", ExtractOptions{})
	require.Equal(t, 1.2e9, r.MoneyINR, "%v", r.Evidence)
}

// TestEDistrictIsNoDistrict: the "District" of an "e-District" portal is its
// name, not a local scope word, so a statewide outage reported from the capital
// gets no district.
func TestEDistrictIsNoDistrict(t *testing.T) {
	runPlaceCases(t, []placeCase{{
		name:  "en: statewide e-District outage from the capital",
		title: "e-District portal crash stalls certificates at Lok Mitra Kendras",
		body: "SHIMLA: The e-District portal of Himachal Pradesh crashed on Friday and certificate counters across the state shut early.\n\n" +
			"In Kangra district, officials issued handwritten receipts.",
		state: "Himachal Pradesh",
	}})
}

// TestPiledUpCount: applications that "piled up" were hit by the outage, so the
// statewide count beats a larger district's share.
func TestPiledUpCount(t *testing.T) {
	r := extractOutage(t, "Scholarship portal down for two days",
		"PATNA: The state scholarship portal was down from Monday to Wednesday.\n\n"+
			"About 31,000 applications piled up across Bihar. In Gaya district alone, 4,100 students could not apply.", ExtractOptions{})
	require.EqualValues(t, 31000, r.Affected, "%q", r.Evidence["affected"])
}

// TestServiceOfTheDatelineState: a generic service word that is an alias of one
// state's service ("রেশন", West Bengal's PDS) in a story filed from another
// state (its dateline) whose places point there is that state's service of the
// same kind; a West Bengal story that names a neighbouring state keeps its own.
func TestServiceOfTheDatelineState(t *testing.T) {
	cases := []struct {
		title, body, service, state, district string
	}{
		{"দুমকায় রেশন বিলি বন্ধ, সার্ভার বিভ্রাট",
			"দুমকা (ঝাড়খণ্ড): শুক্রবার সকাল থেকে দুমকা জেলার রেশন দোকানে ই-পস সার্ভার বসে গিয়েছে।\n\n" +
				"পশ্চিমবঙ্গ থেকে আসা পরিযায়ী শ্রমিকেরাও রেশন পাননি।",
			"jh-ration", "Jharkhand", "Dumka"},
		{"পুরুলিয়ায় রেশন বিলি বন্ধ, সার্ভার বিভ্রাট",
			"পুরুলিয়া: শুক্রবার সকাল থেকে পুরুলিয়া জেলার রেশন দোকানে ই-পস সার্ভার বসে গিয়েছে।\n\n" +
				"ঝাড়খণ্ড সীমানার গ্রামগুলিতে সমস্যা সবচেয়ে বেশি।",
			"wb-ration", "West Bengal", "Purulia"},
	}
	for _, c := range cases {
		r := extractOutage(t, c.title, c.body, ExtractOptions{})
		require.Equal(t, c.service, r.ServiceID, c.title)
		require.Equal(t, c.state, r.State, c.title)
		require.Equal(t, c.district, r.District, c.title)
	}
}

// TestNoOutageYet: an outage announced for next week, a threat averted ("ठप होने
// का खतरा टल गया", "नौबत नहीं आई"), a Marathi conditional ("बंद पडला तर") or a
// recommendation ("नोंद ... करावी") reports no outage; a private bank's app
// failing is no outage of a scheme named only in passing.
func TestNoOutageYet(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"Passport portal to go offline next weekend for upgrade",
			"CHENNAI: The Passport Seva portal will be unavailable from 10 pm on Saturday to 6 am on Monday for a planned database upgrade, the ministry said.", false},
		{"त्योहार पर रिकॉर्ड आवेदन, पर पोर्टल ठप होने का खतरा टल गया",
			"भोपाल। शनिवार को पंजीयन पोर्टल पर रिकॉर्ड आवेदन आए, लेकिन इस बार सर्वर बैठने की नौबत नहीं आई। किसी भी जिले से पोर्टल बंद होने की शिकायत नहीं मिली।", false},
		{"सातबारा उताऱ्यासाठी रांगा: पोर्टल बंद पडले तर शेतकऱ्यांनी काय करायचे?",
			"अमरावती : पीक कर्जाच्या हंगामात सर्व्हर बंद पडला तर शेतकऱ्यांना बँकेत चकरा माराव्या लागतात. विभागाने पर्यायी व्यवस्था जाहीर करावी आणि पोर्टल बंद पडलेल्या दिवसांची नोंद सार्वजनिक करावी.", false},
	}, false)
	runOutageCases(t, []outageCase{
		{"Private bank's app down, UPI payments stuck",
			"KOLKATA: The mobile app of a private bank went down on Monday morning. A pensioner said she opened the app to check whether her Lakshmir Bhandar money had arrived.", false},
		// A complaint that ends in "should" still reports the outage.
		{"बिजली बिल भुगतान में परेशानी",
			"सतना। उपभोक्ताओं ने कहा कि बिलिंग सर्वर दो दिन से ठप है और विभाग को इसे जल्द ठीक करना चाहिए।", true},
		// Said with a comma, "तर" is "whereas": a report.
		{"सातबारा पोर्टल दिवसभर ठप्प",
			"अमरावती : सोमवारी सकाळी सातबारा पोर्टल बंद पडले, तर शेतकरी दिवसभर तहसील कार्यालयात थांबले.", true},
	}, true)
}

// TestSlowedOrStoppedIsOutage: a portal that slowed to a crawl, showed "Access
// Denied", stopped ("रुक गया") or filled up ("डेटा फुल"), and meters that do not
// reconnect ("नहीं जुड़े"), are outages; a ticker of market headlines on the page
// does not make the page a market story.
func TestSlowedOrStoppedIsOutage(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"Passport portal slows to a crawl",
			"CHENNAI: Applicants saw 'Access Denied' on the Passport Seva portal for most of Monday.", true},
		{"पंजीयन पोर्टल दोपहर में अचानक रुक गया",
			"भोपाल। शुक्रवार दोपहर पंजीयन पोर्टल अचानक रुक गया।", true},
		{"नगर निगम का सर्वर 'डेटा फुल'",
			"इंदौर। नगर निगम की वेबसाइट पर शुक्रवार को नक्शे जमा नहीं हुए।", true},
		{"रिचार्ज के बाद भी नहीं जुड़े बिजली मीटर",
			"गया। शनिवार को रिचार्ज कराने वाले सैकड़ों उपभोक्ताओं के मीटर दोबारा चालू नहीं हुए।\n\nBREAKING: सेंसेक्स 500 अंक गिरा • शेयर बाजार में हलचल", true},
	}, false)
}

// TestStepOfNamedService: "e-KYC" is an alias of a ration service, but on a page
// that names PM-Kisan, whose catalog name lists e-KYC as one of its steps, it is
// PM-Kisan's e-KYC.
func TestStepOfNamedService(t *testing.T) {
	r := extractOutage(t, "PM Kisan e-KYC stuck for farmers in Nadia",
		"KRISHNANAGAR: The PM Kisan portal stopped accepting e-KYC on Monday. Farmers said e-KYC failed again and again. "+
			"e-KYC camps at panchayat offices were empty by noon, and e-KYC requests piled up.", ExtractOptions{})
	require.Equal(t, "pm-kisan", r.ServiceID, "%v", r.Evidence)
}

// TestStatewideUnderMasthead: a masthead, a site name and a section trail at the
// top of the body do not push "across <state>" out of the lead, so a dateline
// town named again ("officials in Patna") does not make a statewide outage local.
func TestStatewideUnderMasthead(t *testing.T) {
	body := "The Ganga Ledger\n\nganga.example\n\nStates » Bihar\n\n" +
		"PATNA: Applicants across Bihar could not file caste certificates on Friday because the RTPS portal was down statewide for most of the day.\n\n" +
		"Operators in the city said the site showed errors from the morning.\n\n" +
		"A kiosk owner in Begusarai's Bakhri block said nearly 300 applicants in his district were turned away.\n\n" +
		"Officials in Patna said the portal was restored at night."
	r := extractOutage(t, "RTPS portal down, certificate work stalls", body, ExtractOptions{Gazetteer: catalog.DefaultGazetteer()})
	require.Equal(t, "Bihar", r.State, "%v", r.Evidence)
	require.Empty(t, r.District, "%v", r.Evidence)
}

// TestSumAfterItsWord: the rupee word may come before the figure with "the sum"
// between ("টাকার পরিমাণ প্রায় ২ কোটি ১০ লক্ষ"), and "the number" in the sentence
// after a district's count ("রাজ্যে সংখ্যাটা প্রায় ৮০ হাজার") is the same
// people counted statewide.
func TestSumAfterItsWord(t *testing.T) {
	r := extractOutage(t, "স্বাস্থ্যসাথী পোর্টালে বিভ্রাট",
		"বাঁকুড়া: শুক্রবার দুপুর থেকে স্বাস্থ্যসাথী পোর্টাল বসে যায়।\n\n"+
			"শুধু বাঁকুড়া জেলাতেই প্রায় ৬ হাজার পরিবারের কার্ড আটকে ছিল। গোটা রাজ্যে সংখ্যাটা প্রায় ৮০ হাজার।\n\n"+
			"হাসপাতালগুলির আটকে থাকা টাকার পরিমাণ প্রায় ২ কোটি ১০ লক্ষ।", ExtractOptions{})
	require.Equal(t, int64(80000), r.Affected, "%v", r.Evidence)
	require.Equal(t, 2.1e7, r.MoneyINR, "%v", r.Evidence)
}

// TestInTheEventOf: "while the server is down" and "in the event of" in a rule
// or a plea describe what should happen in an outage, not one that happened.
func TestInTheEventOf(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"रेशन वितरण: यंत्रावरचे अवलंबित्व किती?",
			"नागपूर : काही जिल्ह्यांनी सर्व्हर बंद असताना हस्तलिखित नोंदवहीवर धान्य देण्याची परवानगी दिली आहे.", false},
		{"छात्रवृत्ति आवेदन के लिए नई व्यवस्था",
			"रांची। विभाग ने कहा कि पोर्टल ठप होने की स्थिति में आवेदक प्रखंड कार्यालय में ऑफलाइन फॉर्म जमा कर सकते हैं।", false},
		{"Scholarship portal: a fallback for applicants",
			"PATNA: Whenever the portal is down, students can submit paper forms at the block office, the department said.", false},
	}, false)
}

// TestCitedOrSimulatedOutageWords: outage words quoted as words or a complaint
// with no day or time ("the term 'portal down'", "\"सर्वर डाउन\" की शिकायत"),
// a drill's script ("simulated", "मॉक ड्रिल") and "बंद पडलेले नाही" (has not
// failed) report no outage; a quoted error on a dated screen still does.
func TestCitedOrSimulatedOutageWords(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"Glossary: what the IT cell's status notes mean",
			"BHOPAL: What does the term 'portal down' in the weekly notes stand for? It is a heading the IT cell fills in every week.", false},
		{"किसान संगठनों की बैठक",
			"रायपुर। बैठक में एक सदस्य ने \"सर्वर डाउन\" की शिकायत उठाई, जिस पर अधिकारियों ने जवाब देने का वादा किया।", false},
		{"Flood-response rehearsal at the data centre",
			"GUWAHATI: In the rehearsal, simulated traffic was made to take the land records server down for an hour.", false},
		{"मॉक ड्रिल में आपदा की तैयारी परखी",
			"पटना। मॉक ड्रिल के दौरान राशन सर्वर बंद मानकर ऑफलाइन वितरण का अभ्यास किया गया।", false},
		{"सातबारा पोर्टलबाबत मंत्र्यांचे उत्तर",
			"नाशिक : गेल्या सहा महिन्यांत सातबारा पोर्टल एकदाही बंद पडलेले नाही, असे मंत्र्यांनी सांगितले.", false},
		{"ई-पॉस मशीनों पर 'सर्वर डाउन' संदेश",
			"गया। शनिवार सुबह से मशीनों की स्क्रीन पर 'सर्वर डाउन' लिखा आता रहा और राशन नहीं बंटा।", true},
	}, false)
}

// TestOutageAbroad: an outage in a neighbouring country, with no Indian state
// and an Indian service named only as unaffected, is none of India's; an Indian
// service that failed near the border still reports one.
func TestOutageAbroad(t *testing.T) {
	runOutageCases(t, []outageCase{
		{"নেপালে পাসপোর্ট সার্ভার বন্ধ, আবেদনকারীরা ফিরলেন",
			"কাঠমান্ডু: নেপালের পাসপোর্ট দফতরের সার্ভার শনিবার থেকে বন্ধ। এ দেশের পাসপোর্ট সেবা কেন্দ্রে কোনও প্রভাব পড়েনি।", false},
		{"Pakistan's ID database offline for a day",
			"ISLAMABAD: The national identity database went offline on Monday. Officials at the Attari border said Aadhaar services were unaffected.", false},
		{"সীমান্তের গ্রামে রেশন সার্ভার বন্ধ",
			"কোচবিহার: বাংলাদেশ সীমান্তের গ্রামগুলিতে শনিবার রেশন দোকানের ই-পস সার্ভার বন্ধ ছিল।", true},
	}, true)
}

// TestStorageFilledUp: storage or disks that filled up, in any of the four
// languages, is storage_full, not only "storage full".
func TestStorageFilledUp(t *testing.T) {
	runCauseCases(t, []causeCase{
		{"भू-नक्शा पोर्टल ठप", "पटना। शुक्रवार को भू-नक्शा पोर्टल ठप रहा। विभाग ने बताया कि सर्वर की डिस्क पूरी तरह भर गई थी।", CauseStorageFull},
		{"Birth certificate portal down", "RANCHI: The birth certificate portal was down on Friday because the database storage had filled up.", CauseStorageFull},
		{"জন্ম শংসাপত্রের পোর্টাল বন্ধ", "বর্ধমান: শুক্রবার পোর্টাল বন্ধ ছিল। সার্ভারের স্টোরেজ ভরে যাওয়ায় নতুন আবেদন জমা পড়েনি।", CauseStorageFull},
		{"सातबारा संकेतस्थळ बंद", "पुणे : शुक्रवारी सातबारा संकेतस्थळ बंद पडले. सर्व्हरची डिस्क भरल्याने नवीन नोंदी होत नव्हत्या.", CauseStorageFull},
	})
}
