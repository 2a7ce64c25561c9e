package news

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"outagelens/data/catalog"
)

// whenCase is a short article and the times Extract should read from it.
type whenCase struct {
	name      string
	published string // YYYY-MM-DD
	title     string
	body      string // paragraphs separated by blank lines
	started   string // "2006-01-02 15:04", or "2006-01-02" when no time of day
	ended     string // "" when the article gives no end
	duration  float64
	ongoing   bool // still going on when published: Ongoing, and the evidence says so
}

func runWhenCases(t *testing.T, cases []whenCase) {
	t.Helper()
	cat := catalog.Default()
	for _, c := range cases {
		pub, err := time.ParseInLocation("2006-01-02", c.published, ist)
		require.NoError(t, err, c.name)
		r := Extract(Article{Title: c.title, Body: c.body, Published: pub}, cat, ExtractOptions{Location: ist})
		require.True(t, r.IsOutage, "%s: is_outage", c.name)
		layout := "2006-01-02"
		if r.StartedTimeKnown {
			layout = "2006-01-02 15:04"
		}
		assert.Equal(t, c.started, r.Started.In(ist).Format(layout), "%s: started (%q)", c.name, r.Evidence["started"])
		ended := ""
		if !r.Ended.IsZero() {
			ended = r.Ended.In(ist).Format("2006-01-02 15:04")
		}
		assert.Equal(t, c.ended, ended, "%s: ended (%q)", c.name, r.Evidence["ended"])
		assert.Equal(t, c.duration, r.DurationMinutes, "%s: duration_minutes (%q)", c.name, r.Evidence["duration_minutes"])
		if c.ongoing {
			assert.True(t, r.Ongoing, "%s: ongoing", c.name)
			assert.Contains(t, r.Evidence["ended"], "still going on when published", "%s: ended evidence", c.name)
		}
	}
}

// TestEndsFromOutageSentences: an end or a duration is read only from what the
// article says about the outage itself (the service down or back, people unable to
// use it), not from a promise, the time some other task took, or people coming
// back; a clock time of restoration wins over bare numbers.
func TestEndsFromOutageSentences(t *testing.T) {
	runWhenCases(t, []whenCase{{
		// The headline's "20 मिनट" and "9 घंटे" are how long cutting and
		// reconnecting took, and the body's "20 मिनट के अंदर" is the promise: the
		// outage ran from 1 p.m. to the restart at 10 p.m.
		name:      "hi: restart time, not the headline's or the promise's minutes",
		published: "2025-05-15",
		title:     "काटने में 20 मिनट, जोड़ने में 9 घंटे: सतना में बिजली कंपनी का सर्वर ठप",
		body: "सतना। बिजली कंपनी का सर्वर बुधवार दोपहर 1 बजे ठप हो गया।\n\n" +
			"कंपनी का दावा है कि भुगतान के 20 मिनट के अंदर कनेक्शन जुड़ जाता है।\n\n" +
			"रात करीब 10 बजे सर्वर चालू होने पर ही कनेक्शन जुड़ सके।",
		started: "2025-05-14 13:00", ended: "2025-05-14 22:00", duration: 540,
	}, {
		name:      "hi: headline clauses about other tasks give no duration",
		published: "2025-05-15",
		title:     "काटने में 20 मिनट, जोड़ने में 9 घंटे: सतना में बिजली कंपनी का सर्वर ठप",
		body:      "सतना। बिजली कंपनी का सर्वर बुधवार सुबह ठप हो गया।",
		started:   "2025-05-14 09:00",
	}, {
		// "ফিরেছেন": customers went home, the server did not come back.
		name:      "bn: people returning are no restoration",
		published: "2025-06-01",
		title:     "রেশনের সার্ভার ডাউন, খালি হাতে ফিরলেন গ্রাহকেরা",
		body: "বর্ধমান: শনিবার বিকেল ৪টে থেকে রেশন দোকানে ই-পস যন্ত্র কাজ করছে না।\n\n" +
			"শুধু শনিবার সন্ধ্যাতেই হাজার দুয়েক গ্রাহক খালি হাতে ফিরেছেন।",
		started: "2025-05-31 16:00",
	}, {
		name:      "en: applicants coming back are no restoration",
		published: "2025-06-03",
		title:     "Driving licence portal down for a day",
		body: "PUNE: The Sarathi portal went down at 10 a.m. on Monday.\n\n" +
			"Applicants who came back at 5 p.m. were turned away again.",
		started: "2025-06-02 10:00",
	}, {
		name:      "bn: a service's restoration at a time-of-day word is its end",
		published: "2025-06-01",
		title:     "রেশনের সার্ভার ডাউন",
		body: "বর্ধমান: শনিবার সকাল ১০টা থেকে রেশন দোকানে ই-পস যন্ত্র কাজ করছে না।\n\n" +
			"বিকেলে পরিষেবা স্বাভাবিক হয়।",
		started: "2025-05-31 10:00", ended: "2025-05-31 17:00",
	}, {
		// "until 4 p.m." without a start in its sentence: an end when the
		// sentence says the service was down, a count otherwise.
		name:      "en: down until a clock time",
		published: "2025-06-03",
		title:     "Land records portal crashes",
		body:      "LUCKNOW: The Bhulekh portal crashed at 10 a.m. on Monday.\n\nIt remained down until 4 p.m., officials said.",
		started:   "2025-06-02 10:00", ended: "2025-06-02 16:00", duration: 360,
	}, {
		name:      "en: booking hours are not the outage's",
		published: "2025-04-15",
		title:     "Liquor booking portal crashes on launch day",
		body: "RAIPUR: The CSMCL booking portal crashed at 9.20 a.m. on Monday.\n\n" +
			"From Tuesday, booking is open only between 9 a.m. and 5 p.m.",
		started: "2025-04-14 09:20",
	}})
}

// TestPassiveRestoration: "চালু করা হয়" (was switched back on) ends the outage
// like "চালু হয়", with the verb far from the time.
func TestPassiveRestoration(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "bn: passive restoration",
		published: "2025-04-26",
		title:     "ভূমি দফতরের সার্ভার বিভ্রাট, আটকে মিউটেশন",
		body: "বর্ধমান: বৃহস্পতিবার দুপুর ২টো থেকে ভূমি দফতরের সার্ভার বন্ধ ছিল।\n\n" +
			"শুক্রবার সকাল ১০টা নাগাদ বিকল্প সার্ভারে সব তথ্য সরিয়ে মিউটেশনের কাজ চালু করা হয়।",
		started: "2025-04-24 14:00", ended: "2025-04-25 10:00", duration: 1200,
	}})
}

// TestPortalSatDown: "पोर्टल ... बैठ गया" (the portal sat down) reports the
// outage, so its time is read even in a sentence that also names a deadline.
func TestPortalSatDown(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "hi: बैठ गया with a deadline in the sentence",
		published: "2025-04-28",
		title:     "लाइसेंस नवीनीकरण से पहले परिवहन पोर्टल पर संकट",
		body: "भोपाल। नवीनीकरण की अंतिम तिथि से पहले परिवहन विभाग का पोर्टल शनिवार शाम करीब 6 बजे बैठ गया।\n\n" +
			"रविवार सुबह तक ही सेवा बहाल हो पाई।",
		started: "2025-04-26 18:00", ended: "2025-04-27 09:00",
	}})
}

// TestPreciseTimesWin: a lead that names the outage's day only ("for most of
// Thursday", "overnight") gives way to a clock time the evening before in an
// outage sentence, and an end told first by a time-of-day word ("until Thursday
// evening") and then by a clock time on that day takes the clock time.
func TestPreciseTimesWin(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "en: clock start the evening before, clock end after a vague one",
		published: "2025-04-25",
		title:     "Land records site down for most of Thursday",
		body: "RANCHI: Circle offices could not issue mutation orders for most of Thursday after an overnight upgrade of the land records portal ran long.\n\n" +
			"The revenue department took the portal offline at 10 pm on Wednesday for what was meant to be a three-hour job. " +
			"It stayed down until Thursday evening, and the department said it was fully back by about 6.30 pm on Thursday.",
		started: "2025-04-23 22:00", ended: "2025-04-24 18:30", duration: 1230,
	}})
}

// TestTimesBeforeTheFailure: a lead past the first two sentences that says
// people could not be served, followed in its paragraph by the sentence that
// says the portal failed, gives the outage's times.
func TestTimesBeforeTheFailure(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "hi: passive inability, then the failure",
		published: "2025-04-24",
		title:     "भू-अभिलेख पोर्टल ठप, किसान लौटे",
		body: "ग्वालियर। तहसील कार्यालयों में इन दिनों भीड़ है। किसान खसरा नकल के लिए आते हैं।\n\n" +
			"कल सुबह ११ बजे से दोपहर ३ बजे तक एक भी खसरा नकल नहीं दी जा सकी। भू-अभिलेख पोर्टल बार-बार बंद हो रहा था।",
		started: "2025-04-23 11:00", ended: "2025-04-23 15:00", duration: 240,
	}})
}

// TestDurationInHours: a duration stated in hours is the outage's length even
// when it runs past a day ("सुमारे २६ तास"); only one counted in days needs a
// restoration to be more than a span.
func TestDurationInHours(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "mr: 26 hours with a start day only",
		published: "2025-04-25",
		title:     "सातबारा संकेतस्थळ ठप्प; शेतकरी हैराण",
		body:      "नाशिक : भूमी अभिलेख विभागाचे संकेतस्थळ बुधवारी ठप्प झाले. सलग सुमारे २६ तास एकाही शेतकऱ्याला उतारा मिळू शकला नाही.",
		started:   "2025-04-23", duration: 1560,
	}})
}

// TestOngoingAtPublication: "for about a week", "पिछले एक हफ्ते से", "গত এক
// সপ্তাহ ধরে", "since Monday" give a start that far before publication (a week
// = 7 days) when no date is named, and an outage that was still going on when the
// article was written: no end, and the evidence says so.
func TestOngoingAtPublication(t *testing.T) {
	cases := []whenCase{{
		name:      "hi: पिछले एक हफ्ते से",
		published: "2025-07-02",
		title:     "चिप्स सर्वर का डेटा फुल, प्रमाण पत्र अटके",
		body:      "रायपुर। पिछले एक हफ्ते से लोक सेवा केंद्रों में प्रमाण पत्र अटके हैं, क्योंकि चिप्स का सर्वर बार-बार बंद हो रहा है।",
		started:   "2025-06-25", ongoing: true,
	}, {
		name:      "en: for about a week",
		published: "2025-07-02",
		title:     "Certificate portal keeps failing",
		body:      "RAIPUR: Applicants have been turned away for about a week as the CHIPS certificate portal keeps failing.",
		started:   "2025-06-25", ongoing: true,
	}, {
		name:      "bn: গত এক সপ্তাহ ধরে",
		published: "2025-06-10",
		title:     "রেশনের সার্ভার ফের বিভ্রাট",
		body:      "কলকাতা: গত এক সপ্তাহ ধরে রেশনের সার্ভার বারবার বসে যাচ্ছে।",
		started:   "2025-06-03", ongoing: true,
	}, {
		name:      "mr: आठवडाभरापासून",
		published: "2025-03-12",
		title:     "महाडीबीटी पोर्टल बंद",
		body:      "मुंबई : महाडीबीटी पोर्टल आठवडाभरापासून बंद आहे, त्यामुळे विद्यार्थ्यांचे अर्ज रखडले आहेत.",
		started:   "2025-03-05", ongoing: true,
	}, {
		name:      "en: since Monday",
		published: "2025-06-05",
		title:     "Ration server down in Himachal",
		body:      "SHIMLA: Fair price shops in Kangra have been unable to distribute ration since Monday because the server is down.",
		started:   "2025-06-02", ongoing: true,
	}}
	runWhenCases(t, cases)
	cat := catalog.Default()
	// An outage that ended is not ongoing, whatever its tenses.
	pub, _ := time.ParseInLocation("2006-01-02", "2025-06-05", ist)
	r := Extract(Article{Title: "Ration server down in Himachal", Published: pub,
		Body: "SHIMLA: Fair price shops have been unable to distribute ration since Monday because the server is down.\n\n" +
			"Service was restored at 6 p.m. on Wednesday."}, cat, ExtractOptions{Location: ist})
	assert.False(t, r.Ongoing, "restored: not ongoing (%q)", r.Evidence["ended"])
	assert.Equal(t, "2025-06-04 18:00", r.Ended.In(ist).Format("2006-01-02 15:04"))
}

// TestBulletedMetaLine: a date line that starts with a separator ("· Published:
// ...") is layout, not the story: its date is not the outage's, and the lead's
// "last Tuesday" is.
func TestBulletedMetaLine(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "en: bulleted published line before the lead",
		published: "2025-03-14",
		title:     "Bus pass portal crashes on renewal day",
		body: "Students queued at depots for hours.\n\n" +
			"· Published: 14 Mar 2025, 09:30 IST · Updated: 14 Mar 2025, 11:00 IST\n\n" +
			"NAGPUR: The state transport bus pass portal crashed at about 10 a.m. last Tuesday, leaving students without renewed passes.",
		started: "2025-03-11 10:00",
	}})
	require.True(t, isMetaLine("· Published: 14 Mar 2025, 09:30 IST · Updated: 14 Mar 2025, 11:00 IST"))
	require.True(t, isMetaLine("| अपडेट: 14 मार्च 2025"))
}

// TestRestoreIdioms: "got the system back on its feet", "back online" and
// "স্বাভাবিক ভাবে কাজ শুরু করে" (started working normally) end the outage.
func TestRestoreIdioms(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "en: back on its feet",
		published: "2025-08-09",
		title:     "Land records portal down for hours",
		body: "JAIPUR: The state land records portal crashed at 9 a.m. on Friday.\n\n" +
			"Engineers had the portal back on its feet by 1.30 p.m., officials said.",
		started: "2025-08-08 09:00", ended: "2025-08-08 13:30", duration: 270,
	}, {
		name:      "bn: স্বাভাবিক ভাবে কাজ শুরু করে",
		published: "2025-08-09",
		title:     "স্বাস্থ্যসাথী পোর্টালে বিভ্রাট",
		body: "কলকাতা: শুক্রবার সকাল ১০টা থেকে স্বাস্থ্যসাথী পোর্টাল বসে যায়।\n\n" +
			"দুপুর সাড়ে ৩টে নাগাদ পোর্টাল আবার স্বাভাবিক ভাবে কাজ শুরু করে।",
		started: "2025-08-08 10:00", ended: "2025-08-08 15:30", duration: 330,
	}})
}

// TestTimingOut: a system "timing out" is a failure, so the clock time in that
// sentence is the outage's start.
func TestTimingOut(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "en: began timing out",
		published: "2025-08-09",
		title:     "Exam admit cards: board website crashes",
		body: "Candidates were left waiting for their admit cards.\n\n" +
			"PATNA: Thousands of candidates tried to download admit cards from the school examination board's site on Thursday.\n\n" +
			"The site began timing out at about 5 p.m., an official said.\n\n" +
			"It was restored at 8 p.m.",
		started: "2025-08-07 17:00", ended: "2025-08-07 20:00", duration: 180,
	}})
}

// TestMarathiSinceYesterday: "कालपासून" is a start yesterday, a fused clock time
// ("पावणेअकराच्या सुमारास") is read, "the trouble began" ("अडचण सुरू झाली") is a
// start and no restoration, and a restoration denied with "नव्हती" is no end.
func TestMarathiSinceYesterday(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "mr: since yesterday, fused quarter-to, negated restoration",
		published: "2025-08-14",
		title:     "नाशिकमध्ये कालपासून दस्त नोंदणी ठप्प",
		body: "नाशिक : जिल्ह्यातील दुय्यम निबंधक कार्यालयांत दस्त नोंदणीचे संकेतस्थळ कालपासून बंद आहे.\n\n" +
			"काल सकाळी पावणेअकराच्या सुमारास ही अडचण सुरू झाली.\n\n" +
			"आज संध्याकाळपर्यंत नोंदणी सुरळीत झाली नव्हती.",
		started: "2025-08-13 10:45",
	}})
}

// TestCutOffAndReconnected: machines "cut off from the server" (सर्वर से कटे) are
// down; a start time marked "से" two sentences after the day joins that day; and
// "दोबारा जुड़ गया" (connected again) ends the outage.
func TestCutOffAndReconnected(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "hi: day before yesterday, time two sentences on, reconnected",
		published: "2025-03-20",
		title:     "गोड्डा में राशन वितरण दिन भर ठप",
		body: "गोड्डा। परसों जिले की राशन दुकानों की मशीनें सर्वर से कटे रहने के कारण बेकार पड़ी रहीं।\n\n" +
			"मशीनों पर हर बार त्रुटि का संदेश आता रहा।\n\n" +
			"डीलरों के मुताबिक सुबह करीब सवा नौ बजे से अंगूठे का सत्यापन नहीं हो पा रहा था।\n\n" +
			"आपूर्ति अधिकारी ने बताया कि शाम साढ़े चार बजे मशीनें दोबारा सर्वर से जुड़ गईं।",
		started:  "2025-03-18 09:15",
		ended:    "2025-03-18 16:30",
		duration: 435,
	}})
}

// TestEnglishClockWords: "a quarter to ten in the morning" is 09:45 (the part of
// the day after a clock time qualifies it), "last Thursday" is the Thursday
// before publication, "by noon" with a failure is no end, and "Friday evening"
// with a restoration is one.
func TestEnglishClockWords(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "en: quarter to, by noon, evening end",
		published: "2025-06-16", // a Monday
		title:     "Scholarship portal down for two days in Odisha",
		body: "BHUBANESWAR: Students were turned away last Thursday after the scholarship portal went down.\n\n" +
			"Officials said the failure began at about a quarter to ten in the morning.\n\n" +
			"By noon, the payment page had also stopped loading.\n\n" +
			"The portal was restored on Friday evening.",
		started: "2025-06-12 09:45",
		ended:   "2025-06-13 18:00",
	}})
	pub := time.Date(2025, 6, 16, 0, 0, 0, 0, ist)
	got := moments(fold("from half past three in the afternoon until a quarter past five in the evening"), pub)
	require.Len(t, got, 2)
	assert.Equal(t, 15*60+30, got[0].minutes)
	assert.Equal(t, 17*60+15, got[1].minutes)
}

// TestBackSince: in a sentence that says the service is back and names no
// failure, "since 6.10 pm" / "शाम सात बजे से ... फिर से पहुंचने लगे" is when it
// came back, not a start.
func TestBackSince(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "en: working normally since",
		published: "2025-07-31",
		title:     "EPFO portal crashes on deadline day",
		body: "NEW DELHI: The EPFO portal crashed at 11 am on Thursday as employers rushed to file returns.\n\n" +
			"The organisation said the portal had been working normally since 6.10 pm.",
		started:  "2025-07-31 11:00",
		ended:    "2025-07-31 18:10",
		duration: 430,
	}, {
		name:      "hi: orders reaching again since",
		published: "2025-07-31",
		title:     "भागलपुर में स्मार्ट मीटर ठप",
		body: "भागलपुर। गुरुवार सुबह 9 बजे से रिचार्ज के बाद भी स्मार्ट मीटर चालू नहीं हो रहे थे।\n\n" +
			"कंपनी ने बताया कि शाम सात बजे से आदेश फिर से पहुंचने लगे और सभी कनेक्शन जोड़ दिए गए।",
		started:  "2025-07-31 09:00",
		ended:    "2025-07-31 19:00",
		duration: 600,
	}})
}

// TestDatelineDateIsNoStart: the filing date of a wire dateline on a line of its
// own ("इंदौर, 9 मार्च (वार्ता)।", "SHILLONG, Sept 4 (NPA):") is not when the
// outage began; the day words of the story are.
func TestDatelineDateIsNoStart(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "hi: dateline line",
		published: "2025-03-09",
		title:     "संपदा पोर्टल ठप, रजिस्ट्री रुकी",
		body: "इंदौर, 9 मार्च (वार्ता)।\n\n" +
			"प्रदेश में संपदा पोर्टल परसों दोपहर दो बजे ठप हो गया।\n\n" +
			"विभाग के अनुसार पोर्टल कल सुबह 11 बजे बहाल हुआ।",
		started: "2025-03-07 14:00", ended: "2025-03-08 11:00", duration: 1260,
	}, {
		name:      "en: dateline line",
		published: "2025-09-04",
		title:     "Meghalaya land records portal down for a day",
		body: "SHILLONG, Sept 4 (NPA):\n\n" +
			"The land records portal went down on Tuesday morning.\n\n" +
			"It was restored on Wednesday evening, officials said.",
		started: "2025-09-02 09:00", ended: "2025-09-03 18:00",
	}})
}

// TestDayOfTellingIsNoStart: a dateline at the head of the lead ("AIZAWL, July
// 18 (NPA): ...") and the day something was said ("officials said on
// Thursday", "विभाग ने गुरुवार को बताया") are not when the outage began.
func TestDayOfTellingIsNoStart(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "en: dateline head",
		published: "2025-07-18",
		title:     "Mizoram ration e-PoS machines stall",
		body: "AIZAWL, July 18 (NPA): Ration shops in Mizoram could not serve card holders after the e-PoS server went down at 4 p.m. on Tuesday.\n\n" +
			"The server was restored at 9 a.m. on Wednesday.",
		started: "2025-07-15 16:00", ended: "2025-07-16 09:00", duration: 1020,
	}, {
		name:      "en: said on",
		published: "2025-07-18",
		title:     "Scholarship portal down for two days",
		body: "The state scholarship portal was down for two days, officials said on Thursday.\n\n" +
			"The portal went offline at 10 a.m. on Monday. It came back at 6 p.m. on Tuesday.",
		started: "2025-07-14 10:00", ended: "2025-07-15 18:00", duration: 1920,
	}, {
		name:      "hi: को बताया",
		published: "2025-07-18",
		title:     "छात्रवृत्ति पोर्टल दो दिन ठप",
		body: "विभाग ने गुरुवार को बताया कि छात्रवृत्ति पोर्टल दो दिन ठप रहा।\n\n" +
			"पोर्टल सोमवार सुबह 10 बजे बंद हुआ और मंगलवार शाम 6 बजे बहाल हुआ।",
		started: "2025-07-14 10:00", ended: "2025-07-15 18:00", duration: 1920,
	}})
}

// TestStartedAgain: "दोबारा शुरू हो सका", "फिर शुरू हुए" (started again) end the
// outage; an end with no day of its own is on the start's day.
func TestStartedAgain(t *testing.T) {
	runWhenCases(t, []whenCase{{
		name:      "hi: दोबारा शुरू हो सका",
		published: "2025-05-06",
		title:     "ई-मित्र पोर्टल ठप, बिल जमा नहीं हुए",
		body: "अजमेर। ई-मित्र पोर्टल रविवार दोपहर 3 बजे ठप हो गया।\n\n" +
			"सोमवार सुबह 8 बजे जाकर बिल जमा करने का काम दोबारा शुरू हो सका।",
		started: "2025-05-04 15:00", ended: "2025-05-05 08:00", duration: 1020,
	}, {
		name:      "hi: फिर शुरू हुए, no day",
		published: "2025-05-06",
		title:     "बिजली बिल भुगतान ठप",
		body: "लखनऊ। भुगतान गेटवे सोमवार दोपहर 12 बजे ठप हो गया और ऑनलाइन भुगतान रुक गए।\n\n" +
			"शाम सात बजे भुगतान फिर शुरू हुए।",
		started: "2025-05-05 12:00", ended: "2025-05-05 19:00", duration: 420,
	}})
}
