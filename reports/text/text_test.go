package text

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/require"

	"outagelens/reports"
	"outagelens/reports/internal/golden"
)

var ist = mustLoad("Asia/Kolkata")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func f(v float64) *float64 { return &v }
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, ist)
	if err != nil {
		panic(err)
	}
	return t
}
func atp(s string) *time.Time { t := at(s); return &t }

// fixtures are fixed report rows, one slice per report, in the order the CLI
// sorts them. They cover nil (unknown) values, long and non-Latin text and
// characters that need escaping.
var fixtures = map[string]any{
	"reliability": []reports.ReliabilityRow{
		{Service: "cg-chips-lsk", Month: "2025-06", AvailabilityMinutesPct: f(97.4123), AvailabilityRequestsPct: f(98.2), SLOPct: 99,
			ErrorBudgetUsedPct: f(258.77), Incidents: 14, MTTRMinutes: f(52.5), MTTRMedianMinutes: f(41), MTBFHours: f(49.2),
			LongestOutageMinutes: f(95), UpMinutes: 41000, DownMinutes: 1100, UnknownMinutes: 1100, AvailabilityMonthEndPct: f(91.2),
			AvailabilityRestPct: f(98.1), Requests: 1234567},
		{Service: "wb-ration", Month: "2024-09", AvailabilityMinutesPct: f(100), SLOPct: 99.5, ErrorBudgetUsedPct: f(0),
			UpMinutes: 30 * 1440, Requests: 0},
		{Service: "wb-ration", Month: "2024-10", SLOPct: 99.5, UnknownMinutes: 31 * 1440},
	},
	"incidents": []reports.IncidentRow{
		{Service: "wb-ration", Start: at("2024-09-28 18:10"), End: tp(at("2024-09-29 15:30")), Duration: f(1280), Cause: "unknown",
			Source: "logs+probes", PeakErrorRatio: f(1)},
		{Service: "cg-csmcl-booking", Start: at("2025-04-14 09:20"), End: tp(at("2025-04-14 13:40")), Duration: f(260),
			Cause: "load_surge", Source: "logs", PeakErrorRatio: f(0.9166666)},
		{Service: "mp-rewa-smartmeter", Start: at("2025-08-07 14:00"), End: tp(at("2025-08-07 14:00").Add(30 * time.Second)),
			Duration: f(0.5), Cause: "unknown", Source: "probes"},
	},
	"monthend": []reports.MonthEndRow{
		{Service: "wb-ration", K: 3, IncidentRateRatio: f(28.43), CILow: f(7.9), CIHigh: f(152.1), PValue: f(0.0000012),
			MinutesRateRatio: f(41.7), MonthEndDays: 39, OtherDays: 356, MonthEndIncidents: 10, OtherIncidents: 3,
			MonthEndOutageMinutes: 6900, OtherOutageMinutes: 180, MonthEndRequestsPerDay: f(25000), OtherRequestsPerDay: f(10000.4)},
		{Service: "all", K: 3, MonthEndDays: 156, OtherDays: 1424, MonthEndIncidents: 0, OtherIncidents: 0, PValue: f(1)},
	},
	"saturation": []reports.SaturationRow{
		{Service: "cg-chips-lsk", Host: "lsk-db-1", Resource: "/data", UsedPct: 78.04, Trend: "rising", SlopePctPerDay: f(0.3),
			DaysTo90: f(39.87), DaysTo100: f(73.2), DaysTo100Low: f(60), DaysTo100High: f(90.5), ETA90: atp("2025-11-09 00:00"),
			ETA100: atp("2025-12-12 05:00"), LastBreak: atp("2025-07-03 22:00"), LastSample: at("2025-09-30 23:55")},
		{Service: "wb-ration", Host: "epos-1", Resource: "/var", UsedPct: 41, Trend: "flat", SlopePctPerDay: f(0.001),
			LastSample: at("2025-09-30 23:55")},
	},
	"promises": []reports.PromiseRow{
		{Service: "cg-csmcl-booking", Promise: "confirm-15m", Text: "order confirmed within 15 minutes of payment", LimitMinutes: 15,
			Started: 5000, Completed: 4620, KeptPct: f(91.5), P50Minutes: f(2), P95Minutes: f(33), MaxMinutes: f(1800), NeverCompleted: 40},
		{Service: "mp-rewa-smartmeter", Promise: "reconnect-20m", Text: "reconnect within 20 minutes of payment", LimitMinutes: 20,
			Started: 0, Completed: 0},
	},
	"news": []reports.NewsRow{
		{Source: "https://news.example/bn/ration", Title: "রেশন দোকানে ই-কেওয়াইসি সার্ভার বন্ধ", Outlet: "Khabar Bangla", Published: "2024-09-29", Language: "bn",
			IsOutage: true, ServiceID: "wb-ration", State: "West Bengal", Started: "2024-09-28", Ongoing: true, Cause: "unknown", Confidence: 0.8,
			Evidence: map[string]string{"started": "শনিবার সন্ধ্যা থেকে সার্ভার বন্ধ"}},
		{Source: "saved/x.html", Title: "<script>alert(1)</script> | pipes", Published: "2025-04-15", Language: "en", IsOutage: true,
			ServiceID: "cg-csmcl-booking", Started: "2025-04-14T09:00+05:30", DurationMinutes: f(260), Cause: "load_surge",
			MoneyINR: f(1.5e7), Confidence: 0.65},
	},
}

type variant struct {
	name string
	opts Options
}

var variants = []variant{
	{"tty", Options{Format: Table, TTY: true, Location: ist}},
	{"tty-wide", Options{Format: Table, TTY: true, Wide: true, Location: ist}},
	{"nontty", Options{Format: Table, Location: ist}},
	{"csv", Options{Format: CSV, Location: ist}},
	{"json", Options{Format: JSON, Location: ist}},
	{"markdown", Options{Format: Markdown, Location: ist}},
}

// TestGolden renders every report in every format and compares with
// testdata/<report>.<variant>.golden.
func TestGolden(t *testing.T) {
	for name, rows := range fixtures {
		for _, v := range variants {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				var b bytes.Buffer
				require.NoError(t, Write(&b, rows, v.opts))
				golden.Check(t, filepath.Join("testdata", name+"."+v.name+".golden"), b.Bytes())
			})
		}
	}
}

// stableFields are the JSON and CSV field names of every report the CLI
// prints, in order: a documented interface (the README's "Report fields"), so
// renaming one must be a deliberate change here and in the README.
// services has reliability's fields.
var stableFields = map[string]string{
	"reliability":   "service,month,availability_minutes_pct,availability_requests_pct,slo_pct,error_budget_minutes,error_budget_used_pct,incidents,mttr_minutes,mttr_median_minutes,mtbf_hours,longest_outage_minutes,up_minutes,down_minutes,unknown_minutes,maintenance_minutes,availability_monthend_pct,availability_rest_pct,requests,errors_5xx",
	"incidents":     "service,id,start,end,duration_minutes,down_minutes,cause,source,peak_error_ratio,demand_ratio,news_reports",
	"monthend":      "service,source,k,incident_rate_ratio,ci_low,ci_high,p_value,minutes_rate_ratio,monthend_days,other_days,monthend_incidents,other_incidents,monthend_outage_minutes,other_outage_minutes,monthend_known_minutes,other_known_minutes,monthend_requests_per_day,other_requests_per_day",
	"monthend-days": "service,source,day_of_month,exposure_days,monthend_days,known_hours,outage_minutes_per_day,incidents,incidents_per_100_days,requests_per_day",
	"saturation":    "service,host,resource,used_pct,level_pct,trend,slope_pct_per_day,slope_low_pct_per_day,slope_high_pct_per_day,days_to_90,days_to_90_low,days_to_90_high,days_to_100,days_to_100_low,days_to_100_high,eta_90,eta_100,last_break,last_break_kind,breaks,span_days_since_break,last_sample,storage_full_events,first_storage_full,used_pct_at_first_storage_full,first_full,storage_full_lag_hours",
	"storage-full":  "service,period,start,events,first_event,last_event",
	"load":          "service,month,peak_requests_per_minute,peak_at,peak_error_ratio,knee_requests_per_minute,baseline_error_ratio,headroom_pct",
	"promises":      "service,promise,text,limit_minutes,orphan_after_minutes,started,completed,kept,broken,kept_pct,p50_minutes,p95_minutes,max_minutes,never_completed,pending",
	"promise-cases": "service,promise,rank,key,started,ended,delay_minutes,status",
	"links":         "service,kind,news_incident,incident,news_start,news_end,start,end,start_gap_minutes,news_reports,logs_cover",
	"components":    "service,component,month,availability_pct,down_minutes,major_outage_minutes,partial_outage_minutes,degraded_minutes,maintenance_minutes,up_minutes,incidents",
	"news":          "source,sources,title,outlet,published,language,is_outage,service,service_name,state,district,started,ended,duration_minutes,ongoing,cause,affected,money_inr,confidence,reports,news_incident,event,evidence",
}

// rowTypes are the row types of the reports without fixtures, as empty slices.
var rowTypes = map[string]any{
	"monthend-days": []reports.MonthEndDayRow{},
	"storage-full":  []reports.StorageFullRow{},
	"load":          []reports.LoadRow{},
	"promise-cases": []reports.PromiseCaseRow{},
	"links":         []reports.LinkRow{},
	"components":    []reports.ComponentRow{},
}

// TestStableFields pins the CSV header of every report, and for the reports
// with fixtures the JSON keys: the same names in the same order.
func TestStableFields(t *testing.T) {
	require.Len(t, stableFields, len(fixtures)+len(rowTypes))
	for name, want := range stableFields {
		rows, ok := fixtures[name]
		if !ok {
			rows, ok = rowTypes[name]
		}
		require.True(t, ok, "no rows for %s", name)
		var b bytes.Buffer
		require.NoError(t, Write(&b, rows, Options{Format: CSV}))
		head, _, _ := strings.Cut(b.String(), "\n")
		require.Equal(t, want, head, "CSV header of %s", name)
		if _, ok := fixtures[name]; !ok {
			continue
		}
		// JSON objects carry the same keys as the CSV header, in the same order.
		b.Reset()
		require.NoError(t, Write(&b, rows, Options{Format: JSON}))
		keys := strings.Split(want, ",")
		if name == "news" {
			// News JSON carries the service as {"id", "name"}, after the other
			// fields (NewsRow.MarshalJSON): no service_name key.
			keys = slices.DeleteFunc(keys, func(k string) bool { return k == "service" || k == "service_name" })
			keys = append(keys, "service")
		}
		objs := jsonKeys(t, b.Bytes())
		require.NotEmpty(t, objs, name)
		for _, o := range objs {
			require.Equal(t, keys, o, "JSON keys of %s", name)
		}
	}
}

// jsonKeys returns the keys of each object of a JSON array, in order.
func jsonKeys(t *testing.T, b []byte) [][]string {
	t.Helper()
	var objs []json.RawMessage
	require.NoError(t, json.Unmarshal(b, &objs))
	out := make([][]string, len(objs))
	for i, o := range objs {
		dec := json.NewDecoder(bytes.NewReader(o))
		_, err := dec.Token() // {
		require.NoError(t, err)
		for dec.More() {
			k, err := dec.Token()
			require.NoError(t, err)
			out[i] = append(out[i], k.(string))
			var v json.RawMessage
			require.NoError(t, dec.Decode(&v))
		}
	}
	return out
}

// TestCSVRoundTrip checks that CSV parses back into as many records and fields
// as rows and columns, whatever the text holds (commas, quotes, newlines).
func TestCSVRoundTrip(t *testing.T) {
	for name, rows := range fixtures {
		var b bytes.Buffer
		require.NoError(t, Write(&b, rows, Options{Format: CSV, Location: ist}))
		recs, err := csv.NewReader(&b).ReadAll()
		require.NoError(t, err, name)
		n := reflect.ValueOf(rows).Len()
		require.Len(t, recs, n+1, name)
	}
}

// TestTTYAlignment checks columns line up in terminal cells, including rows
// whose text is Bengali (combining vowel signs are narrower than their runes).
func TestTTYAlignment(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Write(&b, fixtures["news"], Options{Format: Table, TTY: true, Location: ist}))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	require.Len(t, lines, 3)
	// The column after TITLE starts at the same cell in every line.
	col := func(l string) int {
		i := strings.Index(l, "2024-09-29")
		if i < 0 {
			i = strings.Index(l, "2025-04-15")
		}
		if i < 0 {
			i = strings.Index(l, "PUBLISHED")
		}
		return uniseg.StringWidth(l[:i])
	}
	require.Equal(t, col(lines[0]), col(lines[1]), "Bengali row misaligned:\n%s", b.String())
	require.Equal(t, col(lines[0]), col(lines[2]), "second row misaligned:\n%s", b.String())
}

// TestHumanUnits pins the renderings people read most.
func TestHumanUnits(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{Minutes(45), "45 min"},
		{Minutes(192), "3 h 12 min"},
		{Minutes(120), "2 h"},
		{Minutes(1280), "21 h 20 min"},
		{Minutes(3000), "2 d 2 h"},
		{Minutes(0.5), "0.5 min"},
		{Percent(99.5), "99.5%"},
		{Percent(100), "100%"},
		{Days(39.87), "40 d"},
		{Days(2.25), "2.2 d"},
		{Count(1234567), "1,234,567"},
		{Count(-1200), "-1,200"},
	}
	for _, c := range cases {
		require.Equal(t, c.want, c.got)
	}
}

// TestGoldenRows covers WriteRows, the writer of the sql command, whose columns
// are known only at run time: NULLs, numbers right-aligned on a terminal, times
// in the location, nested values as JSON.
func TestGoldenRows(t *testing.T) {
	cols := []string{"service_id", "n", "ratio", "first_ts", "note", "tags"}
	rows := [][]any{
		{"wb-ration", int64(13), 0.5, at("2024-09-28 18:10").UTC(), "month end", []any{"a", "b"}},
		{"cg-chips-lsk", int64(20), nil, at("2025-06-27 14:02").UTC(), "ডেটা ফুল | <b>", map[string]any{"k": 1}},
		{"all", nil, 1.0 / 3, nil, "tab\there", nil},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteRows(&b, cols, rows, v.opts))
			golden.Check(t, filepath.Join("testdata", "sql."+v.name+".golden"), b.Bytes())
		})
	}
}

func tp(t time.Time) *time.Time { return &t }

// TestRowsJSONRepeatedColumn: a query may name two columns alike (SELECT 1 AS a,
// 2 AS a); each JSON key carries its own column's value.
func TestRowsJSONRepeatedColumn(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteRows(&b, []string{"a", "a"}, [][]any{{int64(1), int64(2)}}, Options{Format: JSON}))
	require.Equal(t, "[\n  {\"a\": 1, \"a\": 2}\n]\n", b.String())
}
