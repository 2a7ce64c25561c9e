package logs_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"outagelens/ingest/logs"
)

var eventCols = []string{"line", "ts", "host", "level", "event", "message"}

// check compares the rows and the errors a format gives for lines.
func check(t *testing.T, name string, f logs.Format, opts logs.Options, lines []string, cols []string, want []row, wantErrs []string) {
	t.Helper()
	rows, errs := parse(t, f, opts, lines...)
	if diff := cmp.Diff(want, pick(rows, cols...)); diff != "" {
		t.Errorf("%s: rows (-want +got):\n%s", name, diff)
	}
	if diff := cmp.Diff(wantErrs, errsOnly(errs)); diff != "" {
		t.Errorf("%s: errors (-want +got):\n%s", name, diff)
	}
}

func TestSyslog3164(t *testing.T) {
	opts := testOptions() // reference 2025-01-05
	check(t, "year inferred from the reference, rolling over Dec -> Jan", logs.Syslog3164, opts, []string{
		"Dec 31 23:59:58 veridian automount[7998]: lookup(file): lookup for foobar failed",
		"Jan  3 09:47:02 veridian sudo: timstack : TTY=pts/6",
		"<11>Jan  3 09:47:03 veridian kernel: write error: No space left on device",
		"\tcontinued on an indented line",
		"garbage",
	}, eventCols, []row{
		{"line": "1", "ts": "2024-12-31T18:29:58Z", "host": "veridian", "level": "NULL", "event": "NULL", "message": "automount[7998]: lookup(file): lookup for foobar failed"},
		{"line": "2", "ts": "2025-01-03T04:17:02Z", "host": "veridian", "level": "NULL", "event": "NULL", "message": "sudo: timstack : TTY=pts/6"},
		{"line": "3", "ts": "2025-01-03T04:17:03Z", "host": "veridian", "level": "error", "event": "NULL", "message": "kernel: write error: No space left on device\n\tcontinued on an indented line"},
	}, []string{`5: line 5: syntax error: not a log line and not an indented continuation: "garbage"`})

	check(t, "a month after the reference is last year's", logs.Syslog3164, opts, []string{
		"Mar 27 13:06:56 ip-10-77-20-248 sshd[1291]: Server listening on 0.0.0.0 port 22.",
	}, []string{"ts"}, []row{{"ts": "2024-03-27T07:36:56Z"}}, nil)

	check(t, "rsyslog RFC 3339 time; naive ISO times are not syslog", logs.Syslog3164, opts, []string{
		"2025-01-04T10:00:00.5+05:30 web1 nginx[12]: disk full",
		"2025-01-04 10:00:00 web1 nginx[12]: started",
	}, eventCols, []row{
		{"line": "1", "ts": "2025-01-04T04:30:00.5Z", "host": "web1", "level": "NULL", "event": "storage_full", "message": "nginx[12]: disk full"},
	}, []string{`2: line 2: syntax error: not a log line and not an indented continuation: "2025-01-04 10:00:00 web1 nginx[12]: started"`})
}

func TestSyslog5424(t *testing.T) {
	check(t, "RFC 5424 examples", logs.Syslog5424, testOptions(), []string{
		"<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \ufeff'su root' failed for lonvick on /dev/pts/8",
		`<165>1 2003-10-11T22:14:15.003-07:00 host app 8710 - [exampleSDID@32473 iut="3" eventSource="Ap]p"] disk full`,
		"<34>2 2003-10-11T22:14:15.003Z h a - - - x",
		"<34>1 yesterday h a - - - x",
		"Oct 11 22:14:15 h a: x",
	}, eventCols, []row{
		{"line": "1", "ts": "2003-10-11T22:14:15.003Z", "host": "mymachine.example.com", "level": "fatal", "event": "NULL", "message": "su: 'su root' failed for lonvick on /dev/pts/8"},
		{"line": "2", "ts": "2003-10-12T05:14:15.003Z", "host": "host", "level": "notice", "event": "storage_full", "message": "app[8710]: disk full"},
	}, []string{
		"3: line 3: syntax error: version is not 1",
		`4: line 4: bad timestamp: "yesterday"`,
		"5: line 5: syntax error: no <PRI> at the start",
	})
}

func TestAppLog(t *testing.T) {
	check(t, "layouts, levels, continuation, classification", logs.AppLog, testOptions(), []string{
		"java.lang.IllegalStateException: before any event",
		"2025-01-24T07:00:30,139 INFO [main] FarmApplication : Starting",
		"2020-08-06T14:25:02.835618Z 0 [Warning] [MY-010068] [Server] CA certificate is self signed.",
		"2025-08-13 01:46:12.212 PDT [12389] ERROR:  relation \"nonexistent_table\" does not exist",
		"[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6",
		"2012-07-02 10:22:40,672:DEBUG:foo bar baz",
		"17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered",
		"2015-07-29 17:41:44,747 - WARN  [QuorumPeer] - disk full",
		"28/Sep/2024:18:10:01 +0530 payment received txn=1",
		"Caused by: java.io.IOException: No space left on device",
		"\tat com.example.Foo.bar(Foo.java:10)",
	}, eventCols, []row{
		{"line": "2", "ts": "2025-01-24T01:30:30.139Z", "host": "NULL", "level": "info", "event": "NULL", "message": "[main] FarmApplication : Starting"},
		{"line": "3", "ts": "2020-08-06T14:25:02.835618Z", "host": "NULL", "level": "warn", "event": "NULL", "message": "[MY-010068] [Server] CA certificate is self signed."},
		{"line": "4", "ts": "2025-08-13T08:46:12.212Z", "host": "NULL", "level": "error", "event": "NULL", "message": "relation \"nonexistent_table\" does not exist"},
		{"line": "5", "ts": "2005-12-03T23:17:44Z", "host": "NULL", "level": "error", "event": "NULL", "message": "mod_jk child workerEnv in error state 6"},
		{"line": "6", "ts": "2012-07-02T04:52:40.672Z", "host": "NULL", "level": "debug", "event": "NULL", "message": "foo bar baz"},
		{"line": "7", "ts": "2017-06-09T14:40:40Z", "host": "NULL", "level": "info", "event": "NULL", "message": "executor.CoarseGrainedExecutorBackend: Registered"},
		{"line": "8", "ts": "2015-07-29T12:11:44.747Z", "host": "NULL", "level": "warn", "event": "storage_full", "message": "[QuorumPeer] - disk full"},
		{"line": "9", "ts": "2024-09-28T12:40:01Z", "host": "NULL", "level": "NULL", "event": "NULL",
			"message": "payment received txn=1\nCaused by: java.io.IOException: No space left on device\n\tat com.example.Foo.bar(Foo.java:10)"},
	}, []string{`1: line 1: bad timestamp: no timestamp at the start of "java.lang.IllegalStateException: before any event"`})
}

func TestJSONLines(t *testing.T) {
	opts := testOptions()
	m, err := logs.ParseJSONMapping("key=meter_id,time=at")
	if err != nil {
		t.Fatal(err)
	}
	opts.JSON = m
	check(t, "mapping, epochs, nested keys, declared services", logs.JSONLines, opts, []string{
		`{"at":"2025-06-27T14:00:00+05:30","event":"Payment_Received","meter_id":"M1","amount":"1,250.50","service":"declared-svc"}`,
		`{"at":1719477000000,"log":{"level":"WARN"},"msg":"disk full","host":"h1"}`,
		`{"at":"2025-06-27 14:00:00","msg":"naive"}`,
		`{"msg":"no time"}`,
		`[1,2]`,
		`{"at":"2025-06-27T14:00:00Z",`,
	}, []string{"line", "ts", "level", "event", "key", "amount_inr", "service_id", "host", "message"}, []row{
		{"line": "1", "ts": "2025-06-27T08:30:00Z", "level": "NULL", "event": "payment_received", "key": "M1", "amount_inr": "1250.5", "service_id": "declared-svc", "host": "NULL", "message": "NULL"},
		{"line": "2", "ts": "2024-06-27T08:30:00Z", "level": "warn", "event": "storage_full", "key": "NULL", "amount_inr": "NULL", "service_id": "unknown", "host": "h1", "message": "disk full"},
		{"line": "3", "ts": "2025-06-27T08:30:00Z", "level": "NULL", "event": "NULL", "key": "NULL", "amount_inr": "NULL", "service_id": "unknown", "host": "NULL", "message": "naive"},
	}, []string{
		"4: line 4: bad timestamp: no time key (tried at)",
		"5: line 5: syntax error: not a JSON object",
		"6: line 6: syntax error: unexpected EOF",
	})
	if _, err := logs.ParseJSONMapping("colour=x"); err == nil || err.Error() != `json mapping: unknown field "colour" (want time, level, message, service, host, event, key or amount)` {
		t.Errorf("bad mapping: %v", err)
	}
}

func TestNginxPlus(t *testing.T) {
	check(t, "one probe per primary peer", logs.NginxPlus, testOptions(), []string{
		`{"timestamp":1446249493000,"upstreams":{"b":{"peers":[{"server":"10.0.0.2:80","state":"unhealthy"}]},"a":{"peers":[{"server":"10.0.0.1:8080","state":"up"},{"server":"10.0.0.1:8081","backup":true,"state":"unhealthy"}]}}}`,
		`{"level":"info","ts":1,"msg":"not a snapshot"}`,
	}, []string{"line", "ts", "host", "target", "ok"}, []row{
		{"line": "1", "ts": "2015-10-30T23:58:13Z", "host": "10.0.0.1:8080", "target": "a", "ok": "true"},
		{"line": "1", "ts": "2015-10-30T23:58:13Z", "host": "10.0.0.2:80", "target": "b", "ok": "false"},
	}, []string{"2: line 2: wrong number of fields: not a status snapshot: no timestamp or upstreams"})
}

func TestCSVFormats(t *testing.T) {
	check(t, "capacity with percent computed", logs.CapacityCSV, testOptions(), []string{
		"\ufeffTime,Host,Mount,used_bytes,size_bytes",
		"2025-06-27T14:00:00+05:30,lsk-db-1,/data,90,100",
		"2025-06-27T14:05:00+05:30,lsk-db-1,/data,x,100",
		"2025-06-27T14:10:00+05:30,lsk-db-1,/data,1",
	}, []string{"line", "ts", "host", "resource", "used_pct"}, []row{
		{"line": "2", "ts": "2025-06-27T08:30:00Z", "host": "lsk-db-1", "resource": "/data", "used_pct": "90"},
	}, []string{
		`3: line 3: bad value: used/size/pct: "x" is not a number`,
		"4: line 4: wrong number of fields: 4 fields, header has 5",
	})
	check(t, "probes", logs.ProbeCSV, testOptions(), []string{
		"ts,target,status,latency_ms",
		"2025-06-27 14:00:00,https://x/,503,12.5",
		"2025-06-27 14:01:00,https://x/,maybe,1",
	}, []string{"line", "ts", "target", "ok", "latency_ms"}, []row{
		{"line": "2", "ts": "2025-06-27T08:30:00Z", "target": "https://x/", "ok": "false", "latency_ms": "12.5"},
	}, []string{`3: line 3: bad value: ok/status "maybe"`})
	check(t, "GitHub component transitions: page_updated_at wins, slug services", logs.StatusCSV, testOptions(), []string{
		"commit_time,page_updated_at,component_id,component,status,prev_status",
		"2021-03-12T19:02:22+00:00,2021-03-12T19:01:21.654Z,8l4ygp009s5s,Git Operations,major_outage,operational",
		"2021-03-12T19:37:11+00:00,2021-03-12T19:24:15.782Z,8l4ygp009s5s,Git Operations,operational,",
		"2021-03-12T19:37:11+00:00,soon,8l4ygp009s5s,Git Operations,operational,",
	}, []string{"line", "ts", "service_id", "component", "status", "prev_status"}, []row{
		{"line": "2", "ts": "2021-03-12T19:01:21.654Z", "service_id": "git-operations", "component": "Git Operations", "status": "major_outage", "prev_status": "operational"},
		{"line": "3", "ts": "2021-03-12T19:24:15.782Z", "service_id": "git-operations", "component": "Git Operations", "status": "operational", "prev_status": "NULL"},
	}, []string{`4: line 4: bad timestamp: time "soon": unknown layout`})
	check(t, "incident list", logs.IncidentsCSV, testOptions(), []string{
		"service,started_at,resolved_at,severity,title",
		"declared-svc,2025-06-30 10:00,2025-06-30 11:30,Major,ePoS down",
		"Ration Portal,2025-06-30T10:00:00+05:30,,minor,",
		"Ration Portal,2025-06-30T10:00:00+05:30,2025-06-30T09:00:00+05:30,minor,",
	}, []string{"line", "service_id", "component", "start_ts", "end_ts", "severity", "title"}, []row{
		{"line": "2", "service_id": "declared-svc", "component": "declared-svc", "start_ts": "2025-06-30T04:30:00Z", "end_ts": "2025-06-30T06:00:00Z", "severity": "major", "title": "ePoS down"},
		{"line": "3", "service_id": "ration-portal", "component": "Ration Portal", "start_ts": "2025-06-30T04:30:00Z", "end_ts": "NULL", "severity": "minor", "title": "NULL"},
	}, []string{"4: line 4: bad value: end 2025-06-30T09:00:00+05:30 before start 2025-06-30T10:00:00+05:30"})
}

func TestIncidentsJSON(t *testing.T) {
	doc := `[
 {"begin": "2020-06-29T15:15:42+00:00", "end": "2020-06-29T18:40:41+00:00", "severity": "medium", "service_name": "Google Compute Engine", "external_desc": "Autoscaling issues"},
 {"service_name": "Auto Scaling (N. Virginia)", "summary": "[RESOLVED] Increased API Error Rates", "date": "1525914401", "status": "1",
  "description": "<div><span class=\"yellowfg\"> 6:06 PM PDT</span>&nbsp;investigating</div><div><span class=\"yellowfg\"> 7:40 PM PDT</span>&nbsp;resolved</div>"},
 {"name": "Incident on 2020-11-18", "impact": "minor", "created_at": "2020-11-18T23:02:10.343Z", "resolved_at": null,
  "components": [{"name": "Webhooks"}], "scrape_last_seen": "2020-11-18T23:35:47+00:00"},
 {"summary": "no start"},
 {"begin": 
`
	var got []row
	var errs []string
	opts := testOptions()
	p := logs.IncidentsJSON.New(opts)
	err := logs.IncidentsJSON.Split(bytes.NewReader([]byte(doc)), 1<<20, func(rec []byte, n int64) error {
		rows, e := parse(t, logs.IncidentsJSON, opts, string(rec))
		for i := range rows {
			rows[i]["line"] = time.Duration(n).String()
		}
		got = append(got, rows...)
		if e[0] != "" {
			errs = append(errs, e[0])
		}
		return nil
	})
	_ = p
	want := []row{
		{"line": "1ns", "service_id": "google-compute-engine", "component": "Google Compute Engine", "start_ts": "2020-06-29T15:15:42Z", "end_ts": "2020-06-29T18:40:41Z", "severity": "medium", "title": "Autoscaling issues"},
		{"line": "2ns", "service_id": "auto-scaling-n-virginia", "component": "Auto Scaling (N. Virginia)", "start_ts": "2018-05-10T01:06:41Z", "end_ts": "2018-05-10T02:40:00Z", "severity": "1", "title": "[RESOLVED] Increased API Error Rates"},
		{"line": "3ns", "service_id": "webhooks", "component": "Webhooks", "start_ts": "2020-11-18T23:02:10.343Z", "end_ts": "2020-11-18T23:35:47Z", "severity": "minor", "title": "Incident on 2020-11-18"},
	}
	if diff := cmp.Diff(want, pick(got, "line", "service_id", "component", "start_ts", "end_ts", "severity", "title")); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// Parse numbers every element 1 (it saw one record each); the split gives the index.
	if diff := cmp.Diff([]string{"line 1: bad timestamp: element 1: no start (begin, started_at, start, start_time, created_at, created, date): <nil>"}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var le *logs.LineError
	if !asLineError(err, &le) || le.Line != 5 || le.Reason != logs.ErrSyntax {
		t.Errorf("a broken document must end in a LineError for element 5, got %v", err)
	}
}

func TestW3C(t *testing.T) {
	check(t, "IIS", logs.W3C, testOptions(), []string{
		"2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80",
		"#Software: Microsoft Internet Information Services 8.5",
		"#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken",
		"2015-01-13 00:32:17 100.79.192.81 GET /robots.txt a=1 80 - 157.55.39.146 Mozilla/5.0+(compatible;+bingbot/2.0) - 404 0 2 1405 242 283",
		"2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80",
	}, requestCols, []row{
		{"line": "4", "ts": "2015-01-13T00:32:17Z", "host": "NULL", "client": "157.55.39.146", "method": "GET", "path": "/robots.txt?a=1", "status": "404",
			"bytes": "1405", "duration_ms": "283", "upstream_ms": "NULL", "referer": "NULL", "user_agent": "Mozilla/5.0 (compatible; bingbot/2.0)"},
	}, []string{
		"1: line 1: bad header: data before any #Fields: line",
		"5: line 5: wrong number of fields: 7 fields, #Fields names 17",
	})
}

func TestDetect(t *testing.T) {
	cases := map[string]string{
		`10.0.0.1 - - [28/Sep/2024:18:10:01 +0530] "GET / HTTP/1.1" 200 5` + "\n":                          "combined",
		`{"ts":"2025-06-27T14:00:00Z","msg":"hi"}` + "\n":                                                  "jsonl",
		"Jun 14 15:16:01 combo sshd[19939]: authentication failure\n":                                      "syslog",
		"<34>1 2003-10-11T22:14:15.003Z h su - ID47 - x\n":                                                 "syslog5424",
		"2015-10-18 18:01:47,978 INFO [main] started\n\tat x\n":                                            "applog",
		"time,host,resource,used_pct\n2025-06-27T14:00:00Z,h,/d,5\n":                                       "capacity-csv",
		"time,target,ok\n2025-06-27T14:00:00Z,/x,1\n":                                                      "probe-csv",
		"commit_time,page_updated_at,component,status\n2021-03-12T19:02:22Z,2021-03-12T19:01:21Z,Git,ok\n": "status-csv",
		"service,started_at\nx,2025-06-30T10:00:00Z\n":                                                     "incidents-csv",
		`[{"begin":"2020-06-29T15:15:42+00:00","service_name":"x"}]`:                                       "incidents-json",
		"#Fields: date time cs-method\n2015-01-13 00:32:17 GET\n":                                          "w3c",
	}
	for sample, want := range cases {
		f, err := logs.Detect([]byte(sample), testOptions())
		if err != nil || f.Name != want {
			t.Errorf("%q: got %q, %v; want %s", sample, f.Name, err, want)
		}
	}
	if _, err := logs.Detect([]byte("not a log line\nneither is this\n"), testOptions()); err == nil {
		t.Error("prose must not be detected as a log")
	}
}
