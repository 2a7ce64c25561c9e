package logs_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"outagelens/ingest/logs"
)

var requestCols = []string{"line", "ts", "host", "client", "method", "path", "status", "bytes", "duration_ms", "upstream_ms", "referer", "user_agent"}

func TestCombinedRows(t *testing.T) {
	cases := []struct {
		name, line string
		want       row
	}{
		{"common log format", `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326`,
			row{"line": "1", "ts": "2000-10-10T20:55:36Z", "host": "NULL", "client": "127.0.0.1", "method": "GET", "path": "/apache_pb.gif",
				"status": "200", "bytes": "2326", "duration_ms": "NULL", "upstream_ms": "NULL", "referer": "NULL", "user_agent": "NULL"}},
		{"combined with nginx request and upstream times", `10.0.0.1 - - [28/Sep/2024:18:10:01 +0530] "POST /epos/txn HTTP/1.1" 503 0 "-" "ePoS/2.3" 5.002 4.999`,
			row{"line": "1", "ts": "2024-09-28T12:40:01Z", "host": "NULL", "client": "10.0.0.1", "method": "POST", "path": "/epos/txn",
				"status": "503", "bytes": "0", "duration_ms": "5002", "upstream_ms": "4999", "referer": "NULL", "user_agent": "ePoS/2.3"}},
		{"vhost with port first, IPv6 client, dashes", `epos.wbfood.example:443 2001:db8::1 - - [28/Sep/2024:18:10:01 +0530] "GET / HTTP/2.0" - - "-" "-"`,
			row{"line": "1", "ts": "2024-09-28T12:40:01Z", "host": "epos.wbfood.example", "client": "2001:db8::1", "method": "GET", "path": "/",
				"status": "NULL", "bytes": "NULL", "duration_ms": "NULL", "upstream_ms": "NULL", "referer": "NULL", "user_agent": "NULL"}},
		{"escaped quotes in the user agent", `1.2.3.4 - - [28/Sep/2024:18:10:01 +0530] "GET /a HTTP/1.1" 200 5 "http://r/" "say \"hi\" \\ back"`,
			row{"line": "1", "ts": "2024-09-28T12:40:01Z", "host": "NULL", "client": "1.2.3.4", "method": "GET", "path": "/a",
				"status": "200", "bytes": "5", "duration_ms": "NULL", "upstream_ms": "NULL", "referer": "http://r/", "user_agent": `say "hi" \ back`}},
		{"an escape in the request, none after it", `1.2.3.4 - - [28/Sep/2024:18:10:01 +0530] "GET /a\"b HTTP/1.1" 200 5 "http://r/" "agent" "0.5"`,
			row{"line": "1", "ts": "2024-09-28T12:40:01Z", "host": "NULL", "client": "1.2.3.4", "method": "GET", "path": `/a"b`,
				"status": "200", "bytes": "5", "duration_ms": "500", "upstream_ms": "NULL", "referer": "http://r/", "user_agent": "agent"}},
		{"escapes in the referer and after the user agent only", `1.2.3.4 - - [28/Sep/2024:18:10:01 +0530] "GET /a HTTP/1.1" 200 5 "http://r/?q=\"x\"" "agent" "rt=\"0.25\""`,
			row{"line": "1", "ts": "2024-09-28T12:40:01Z", "host": "NULL", "client": "1.2.3.4", "method": "GET", "path": "/a",
				"status": "200", "bytes": "5", "duration_ms": "250", "upstream_ms": "NULL", "referer": `http://r/?q="x"`, "user_agent": "agent"}},
		{"key=value times, several upstreams, Apache %D microseconds", `1.2.3.4 - - [28/Sep/2024:18:10:01 +0530] "GET /a HTTP/1.1" 200 5 "-" "x" rt=0.250 urt="0.100, 0.120"`,
			row{"line": "1", "ts": "2024-09-28T12:40:01Z", "host": "NULL", "client": "1.2.3.4", "method": "GET", "path": "/a",
				"status": "200", "bytes": "5", "duration_ms": "250", "upstream_ms": "100", "referer": "NULL", "user_agent": "x"}},
		{"user agent cut off: the row is kept", `46.118.127.106 - - [20/May/2015:12:05:17 +0000] "GET /x.py HTTP/1.1" 200 235 "-" "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html`,
			row{"line": "1", "ts": "2015-05-20T12:05:17Z", "host": "NULL", "client": "46.118.127.106", "method": "GET", "path": "/x.py",
				"status": "200", "bytes": "235", "duration_ms": "NULL", "upstream_ms": "NULL", "referer": "NULL", "user_agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html"}},
		{"naive time read in the configured zone", `1.2.3.4 - - [28/Sep/2024:18:10:01] "GET /a HTTP/1.1" 200 5`,
			row{"line": "1", "ts": "2024-09-28T12:40:01Z", "host": "NULL", "client": "1.2.3.4", "method": "GET", "path": "/a",
				"status": "200", "bytes": "5", "duration_ms": "NULL", "upstream_ms": "NULL", "referer": "NULL", "user_agent": "NULL"}},
	}
	for _, c := range cases {
		rows, errs := parse(t, logs.Combined, testOptions(), c.line)
		if e := errsOnly(errs); len(e) > 0 {
			t.Errorf("%s: %v", c.name, e)
			continue
		}
		if diff := cmp.Diff([]row{c.want}, pick(rows, requestCols...)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestCombinedErrors(t *testing.T) {
	cases := []struct{ line, want string }{
		{`192.168.202.254 [20/Jul/2009:22:59:29 +0000] "GET /vmkboot.gz HTTP/1.0" 404 46210 "-" "gPXE/0.9.7"`,
			"line 1: wrong number of fields: 1 fields before the [time] field, want 3 or 4"},
		{`10.0.0.7 - - [31/Sep/2024:18:13:41 +0530] "GET /epos/ekyc HTTP/1.1" 504 0`,
			`line 1: bad timestamp: "31/Sep/2024:18:13:41 +0530"`},
		{`uplherc.upl.com - - [01/Aug/1995:00:00:44 -0400] "GET /shuttle/missions`,
			"line 1: syntax error: request is not a quoted string"},
		{`/sts-71/sts-71-patch-small.gif HTTP/1.0" 200 12054`,
			"line 1: wrong number of fields: no [time] field"},
		{`133.43.96.45 - - [01/Aug/199`, "line 1: syntax error: unclosed [time]"},
		{`van15423.direct.ca - - [01/Aug/1995:00:20:29 -0400] "GET /images/construct.gif HTTP/1.0" 30`,
			`line 1: bad value: status "30"`},
		{`1.2.3.4 - - [28/Sep/2024:18:10:01 +0530] "GET / HTTP/1.1" 200 12k`, `line 1: bad value: bytes "12k"`},
		{`1.2.3.4 - - [28/Sep/2024:18:10:01 +0530] "GET / HTTP/1.1"`, "line 1: wrong number of fields: no status"},
	}
	for _, c := range cases {
		rows, errs := parse(t, logs.Combined, testOptions(), c.line)
		if errs[0] != c.want {
			t.Errorf("%s\n got %q\nwant %q", c.line, errs[0], c.want)
		}
		if len(rows) != 0 {
			t.Errorf("%s: a rejected line appended %d rows", c.line, len(rows))
		}
	}
}

// Times in one minute are read from their seconds alone (the rest is the last
// line's); every other change is read in full.
func TestCombinedTimesInAMinute(t *testing.T) {
	var lines []string
	for _, ts := range []string{
		"28/Sep/2024:18:10:03 +0530", "28/Sep/2024:18:10:03 +0530", "28/Sep/2024:18:10:59 +0530",
		"28/Sep/2024:18:10:00 +0530", "28/Sep/2024:18:11:00 +0530", "28/Sep/2024:18:11:00 +0000",
		"28/Sep/2024:18:11:60 +0000", "28/Sep/2024:18:11:07.250 +0000", "28/Sep/2024:18:11:09.250 +0000",
		"28/Sep/2024:18:11:09", "28/Sep/2024:18:11:08",
	} {
		lines = append(lines, `1.2.3.4 - - [`+ts+`] "GET /a HTTP/1.1" 200 5`)
	}
	rows, errs := parse(t, logs.Combined, testOptions(), lines...)
	require.Empty(t, errsOnly(errs))
	var got []string
	for _, r := range rows {
		got = append(got, r["ts"])
	}
	require.Equal(t, []string{
		"2024-09-28T12:40:03Z", "2024-09-28T12:40:03Z", "2024-09-28T12:40:59Z",
		"2024-09-28T12:40:00Z", "2024-09-28T12:41:00Z", "2024-09-28T18:11:00Z",
		"2024-09-28T18:12:00Z", "2024-09-28T18:11:07.25Z", "2024-09-28T18:11:09.25Z",
		"2024-09-28T12:41:09Z", "2024-09-28T12:41:08Z",
	}, got)
}
