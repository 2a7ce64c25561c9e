package html_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"outagelens/analyze"
	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

// The edge fixture: a small store, written as raw rows (the tables ingest
// fills) and analysed by the real analyze.Run, for what the demo does not
// show. All in September 2025, IST:
//   - wb-ration: 5 requests a minute 10:00-12:00 every day, all 503 on 28 Sep
//     10:30-11:00 (an incident in the month end) and 10 Sep 10:30-10:45;
//   - mp-rewa-smartmeter: probes every 5 minutes from 29 Sep, failing from 30 Sep
//     20:15 to the end of the data: an outage still going on, so its notice says
//     "down since"; two payments on 29 Sep, one reconnected in 5 minutes, one in 70;
//   - cg-chips-lsk: hourly disk samples from 60% rising 0.5 points a day, and
//     one storage-full event on 15 Sep;
//   - news: a hostile article about wb-ration (its title, outlet and evidence
//     try to run script, its link is javascript:) reporting the 28 Sep outage,
//     and a smart-meter article about 20 Sep, when there are no smart-meter logs.
func edgeStore(t testing.TB) *store.DB {
	t.Helper()
	ctx := context.Background()
	db := storetest.New(t)
	storetest.InsertRequests(t, db, "source_id, line, service_id, ts, status", `
		 SELECT 1, row_number() OVER (), 'wb-ration', to_timestamp(m * 60 + i * 10),
		        CASE WHEN m >= epoch_us(TIMESTAMPTZ '2025-09-28 10:30:00+05:30') // 60000000
		              AND m <  epoch_us(TIMESTAMPTZ '2025-09-28 11:00:00+05:30') // 60000000 THEN 503
		             WHEN m >= epoch_us(TIMESTAMPTZ '2025-09-10 10:30:00+05:30') // 60000000
		              AND m <  epoch_us(TIMESTAMPTZ '2025-09-10 10:45:00+05:30') // 60000000 THEN 503
		             ELSE 200 END
		 FROM range(30) d(day), range(120) r(k), range(5) q(i),
		      (SELECT epoch_us(TIMESTAMPTZ '2025-09-01 10:00:00+05:30') // 60000000 + day * 1440 + k AS m)`)
	for _, q := range []string{
		`INSERT INTO probes (source_id, line, service_id, ts, target, ok)
		 SELECT 2, k, 'mp-rewa-smartmeter', t, 'api', t < TIMESTAMPTZ '2025-09-30 20:15:00+05:30'
		 FROM (SELECT k, to_timestamp(epoch_us(TIMESTAMPTZ '2025-09-29 00:00:00+05:30') // 1000000 + k * 300) AS t FROM range(576) r(k))`,
		`INSERT INTO events (source_id, line, service_id, ts, event, key) VALUES
		 (3, 1, 'mp-rewa-smartmeter', TIMESTAMPTZ '2025-09-29 10:00:00+05:30', 'payment_received', 'a'),
		 (3, 2, 'mp-rewa-smartmeter', TIMESTAMPTZ '2025-09-29 10:05:00+05:30', 'reconnect', 'a'),
		 (3, 3, 'mp-rewa-smartmeter', TIMESTAMPTZ '2025-09-29 11:00:00+05:30', 'payment_received', 'b'),
		 (3, 4, 'mp-rewa-smartmeter', TIMESTAMPTZ '2025-09-29 12:10:00+05:30', 'reconnect', 'b'),
		 (4, 1, 'cg-chips-lsk', TIMESTAMPTZ '2025-09-15 10:00:00+05:30', 'storage_full', NULL)`,
		`INSERT INTO capacity (source_id, line, service_id, ts, host, resource, used_pct)
		 SELECT 5, h, 'cg-chips-lsk', to_timestamp(epoch_us(TIMESTAMPTZ '2025-09-01 00:00:00+05:30') // 1000000 + h * 3600), 'lsk-db-1', '/data', 60 + h / 48.0
		 FROM range(24 * 30) r(h)`,
	} {
		_, err := db.Exec(ctx, q)
		require.NoError(t, err, q)
	}
	for i, n := range []struct {
		url, site, title, service, started, evidence string
		timeKnown                                    bool
	}{
		{"javascript:alert(2)", `<img src=x onerror=alert(3)>`, `<script>alert(1)</script> Ration server down`, "wb-ration",
			"2025-09-28 10:00", `{"started":"<script>alert(4)</script>","is_outage":"Ration server down"}`, true},
		{"https://rewa.example/smart-meter-down", "rewa.example", "स्मार्ट मीटर सर्वर ठप", "mp-rewa-smartmeter",
			"2025-09-20 00:00", `{"started":"शनिवार से सर्वर बंद है।"}`, false},
	} {
		id := 100 + i
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`INSERT INTO sources VALUES (?, 'news', ?, 'html', NULL, ?, 1, 1, 'x', 1, 1, 0, TIMESTAMPTZ '2025-10-01 00:00:00+00', TIMESTAMPTZ '2025-10-01 00:00:00+00')`,
				[]any{id, "news/" + n.service + ".html", string(rune('a'+i)) + "0"}},
			{`INSERT INTO articles (source_id, url, site, title, published, language, body, html_sha256, extracted_at)
			  VALUES (?, ?, ?, ?, ?, 'en', '', 'x', TIMESTAMPTZ '2025-10-01 00:00:00+00')`,
				[]any{id, n.url, n.site, n.title, ts(n.started).Add(20 * time.Hour)}},
			{`INSERT INTO news_reports (source_id, is_outage, service_id, started, started_date, started_time_known, cause, confidence, evidence)
			  VALUES (?, true, ?, ?, ?::DATE, ?, 'unknown', 0.8, ?)`,
				[]any{id, n.service, ts(n.started), ts(n.started).Format("2006-01-02"), n.timeKnown, n.evidence}},
		} {
			_, err := db.Exec(ctx, q.sql, q.args...)
			require.NoError(t, err, q.sql)
		}
	}
	_, err := analyze.Run(ctx, db, analyze.Options{Location: ist, Catalog: catalog.Default(), Now: func() time.Time { return generated }})
	require.NoError(t, err)
	return db
}
