package html

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/reports"
)

// TestHindiComplete finds every label the templates (t "...", tf "...") and the
// Go code (l.T("..."), l.F("...")) use and requires a Hindi translation with the
// same verbs, so --lang hi never falls back to English.
func TestHindiComplete(t *testing.T) {
	tmplRE := regexp.MustCompile(`\b(?:t|tf) ("(?:[^"\\]|\\.)*")`)
	goRE := regexp.MustCompile(`\bl\.(?:T|F)\(("(?:[^"\\]|\\.)*")`)
	legendRE := regexp.MustCompile(`\{"d-[a-z]+", ("(?:[^"\\]|\\.)*")\}`)
	keys := map[string]bool{}
	scan := func(glob string, res ...*regexp.Regexp) {
		files, err := filepath.Glob(glob)
		require.NoError(t, err)
		require.NotEmpty(t, files, glob)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, re := range res {
				for _, m := range re.FindAllStringSubmatch(string(b), -1) {
					k, err := strconv.Unquote(m[1])
					require.NoError(t, err, m[1])
					keys[k] = true
				}
			}
		}
	}
	scan("templates/*.tmpl", tmplRE)
	scan("*.go", goRE, legendRE)
	require.Greater(t, len(keys), 80)
	verbs := regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)
	argIndex := regexp.MustCompile(`\[\d+\]`)
	norm := func(s string) []string {
		var out []string
		for _, v := range verbs.FindAllString(s, -1) {
			out = append(out, argIndex.ReplaceAllString(v, ""))
		}
		slices.Sort(out)
		return out
	}
	for k := range keys {
		hi, ok := hindi[k]
		if !ok {
			t.Errorf("no Hindi for %q", k)
			continue
		}
		require.Equal(t, norm(k), norm(hi), "format verbs of %q and its Hindi", k)
	}
}

// TestSMSInfo pins the SMS arithmetic: 160 GSM-7 septets or 70 UCS-2 units in
// one message, 153 and 67 per part beyond; extension characters take two septets.
func TestSMSInfo(t *testing.T) {
	cases := []struct {
		text string
		want SMSInfo
	}{
		{strings.Repeat("a", 160), SMSInfo{"GSM-7", 160, 1}},
		{strings.Repeat("a", 161), SMSInfo{"GSM-7", 161, 2}},
		{strings.Repeat("a", 306), SMSInfo{"GSM-7", 306, 2}},
		{strings.Repeat("a", 307), SMSInfo{"GSM-7", 307, 3}},
		{strings.Repeat("€", 80), SMSInfo{"GSM-7", 160, 1}},
		{strings.Repeat("क", 70), SMSInfo{"UCS-2", 70, 1}},
		{strings.Repeat("क", 71), SMSInfo{"UCS-2", 71, 2}},
		{strings.Repeat("ক", 134), SMSInfo{"UCS-2", 134, 2}},
		{strings.Repeat("ক", 135), SMSInfo{"UCS-2", 135, 3}},
		{"", SMSInfo{"GSM-7", 0, 0}},
	}
	for _, c := range cases {
		require.Equal(t, c.want, smsInfo(c.text), "%.20q", c.text)
	}
}

// TestNoticeSMSFits prints every notice SMS of the seed categories and keeps
// each within two UCS-2 parts (134 characters) and the English within one
// GSM-7 message.
func TestNoticeSMSFits(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	end, dur := time.Date(2025, 9, 29, 15, 30, 0, 0, ist), 1280.0
	in := &reports.IncidentRow{Start: time.Date(2025, 9, 28, 18, 10, 0, 0, ist), End: &end, Duration: &dur}
	for _, lang := range []string{"bn", "hi", "en"} {
		for _, cat := range []string{"ration_ekyc", "certificate_portal", "registration_booking", "smart_meter", "other"} {
			for _, ongoing := range []bool{true, false} {
				n := buildNotice(lang, cat, "Some service", "Dept", in, ongoing)
				t.Logf("%s %s ongoing=%v: %d %s, %d part(s): %s", lang, cat, ongoing, n.SMSInfo.Units, n.SMSInfo.Encoding, n.SMSInfo.Segments, n.SMS)
				if n.Lang == "en" {
					require.Equal(t, "GSM-7", n.SMSInfo.Encoding, n.SMS)
					require.LessOrEqual(t, n.SMSInfo.Segments, 1, n.SMS)
				} else {
					require.LessOrEqual(t, n.SMSInfo.Segments, 2, n.SMS)
				}
			}
		}
	}
}

// TestNoticeDurations pins how notices spell a duration: days and hours from a
// day up, else hours and minutes, singular for one in English.
func TestNoticeDurations(t *testing.T) {
	for _, c := range []struct {
		minutes float64
		en, hi  string
	}{
		{0, "0 minutes", "0 मिनट"},
		{1, "1 minute", "1 मिनट"},
		{60, "1 hour", "1 घंटे"},
		{270, "4 hours 30 minutes", "4 घंटे 30 मिनट"},
		{1440 + 61, "1 day 1 hour", "1 दिन 1 घंटे"},
		{2 * 1440, "2 days", "2 दिन"},
	} {
		require.Equal(t, c.en, englishDuration(c.minutes), "%v minutes", c.minutes)
		require.Equal(t, c.hi, localDuration(c.minutes, "दिन", "घंटे", "मिनट", nil), "%v minutes", c.minutes)
	}
	require.Equal(t, "১ দিন ২ ঘণ্টা", localDuration(1440+120, "দিন", "ঘণ্টা", "মিনিট", bengaliDigits))
}
