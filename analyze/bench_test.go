package analyze_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"outagelens/analyze"
	"outagelens/data/catalog"
	"outagelens/data/store"
	"outagelens/data/store/storetest"
)

// benchDays is how much data the benchmarks analyse: two web services with
// traffic from 08:00 to 20:00 and probes every 5 minutes (about 280,000 requests
// in 28 days), a disk sampled hourly, promise events every 10 minutes, a status
// page with three components and a few news reports.
const benchDays = 28

// loadBenchData fills db with deterministic pseudo-random rows generated in SQL.
// (The demo data set lives on another branch; when it lands, the benchmarks can
// read it instead.)
func loadBenchData(b *testing.B, db *store.DB) {
	b.Helper()
	ctx := context.Background()
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, analyze.IST).Unix() / 60
	for _, q := range []string{
		// Outage windows: an hour whenever hash(service, hour) % 97 = 0.
		`CREATE TEMP TABLE bench_minutes AS
		 SELECT s.service_id, m, (m + 330) % 1440 AS tod, hash(s.service_id, m // 60) % 97 = 0 AS outage
		 FROM (VALUES ('web-a'), ('web-b')) s(service_id), range($1, $1 + $2 * 1440) r(m)`,
		`INSERT INTO probes (source_id, line, service_id, ts, target, ok)
		 SELECT 2, row_number() OVER (), service_id, to_timestamp(m * 60), 'health', NOT outage
		 FROM bench_minutes WHERE m % 5 = 0`,
		`INSERT INTO capacity (source_id, line, service_id, ts, host, resource, used_pct, size_bytes)
		 SELECT 3, h, 'web-a', to_timestamp(($1 + h * 60) * 60), 'db1', '/data',
		        40 + (h % 400) * 0.12 + (hash(h) % 100) / 200.0, 2e12
		 FROM range($2 * 24) r(h)`,
		`INSERT INTO events (source_id, line, service_id, ts, event, key)
		 SELECT 4, 2 * i, 'web-b', to_timestamp(($1 + i * 10) * 60), 'payment_received', 'k' || i FROM range($2 * 144) r(i)
		 UNION ALL
		 SELECT 4, 2 * i + 1, 'web-b', to_timestamp(($1 + i * 10 + 1 + hash(i) % 40) * 60), 'reconnect', 'k' || i
		 FROM range($2 * 144) r(i) WHERE hash(i) % 50 > 0`,
		`INSERT INTO events (source_id, line, service_id, ts, event)
		 SELECT 5, row_number() OVER (), 'web-a', to_timestamp(m * 60), 'storage_full'
		 FROM bench_minutes WHERE service_id = 'web-a' AND outage AND m % 3 = 0`,
		`INSERT INTO status_changes (source_id, line, service_id, component, ts, status)
		 SELECT 6, row_number() OVER (), 'page', c, to_timestamp(($1 + i * 360 + hash(c, i) % 300) * 60),
		        CASE hash(c, i) % 7 WHEN 0 THEN 'major_outage' WHEN 1 THEN 'partial_outage' ELSE 'operational' END
		 FROM (VALUES ('api'), ('git'), ('web')) v(c), range($2 * 4) r(i)`,
		`INSERT INTO news_reports (source_id, is_outage, service_id, started_date, confidence)
		 SELECT 100 + d, true, 'web-a', DATE '1970-01-01' + ($1 // 1440 + d)::INTEGER, 1 FROM range(0, $2, 5) r(d)`,
	} {
		args := []any{start, benchDays}
		switch {
		case !strings.Contains(q, "$1") && !strings.Contains(q, "$2"):
			args = nil
		case !strings.Contains(q, "$2"):
			args = args[:1]
		}
		if _, err := db.Exec(ctx, q, args...); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	storetest.InsertRequests(b, db, "source_id, line, service_id, ts, status, duration_ms", `
		 SELECT 1, row_number() OVER (), service_id, to_timestamp(m * 60 + i * 7),
		        CASE WHEN outage OR hash(m, i) % 100 = 0 THEN 503 ELSE 200 END, 50 + hash(m, i) % 400
		 FROM bench_minutes, range((2 + hash(service_id, m) % 6)::BIGINT) k(i)
		 WHERE tod BETWEEN 480 AND 1199`)
}

// BenchmarkAnalyses times each analysis alone on the tables the analyses before
// it wrote. Each also reports its time as a multiple of a baseline measured in
// the same run (a scan of requests: count and sum of status), so results from
// different machines can be compared.
func BenchmarkAnalyses(b *testing.B) {
	ctx := context.Background()
	db := storetest.Memory(b)
	loadBenchData(b, db)
	cat, err := catalog.Parse([]byte(catalogWith("web-b", "Sun 01:00-03:00")), "bench catalog")
	if err != nil {
		b.Fatal(err)
	}
	opts := analyze.Options{Catalog: cat, Force: true}
	if _, err := analyze.Run(ctx, db, opts); err != nil {
		b.Fatal(err)
	}
	baseline := func() time.Duration {
		best := time.Duration(1 << 62)
		for range 5 {
			t0 := time.Now()
			var n, s int64
			if err := db.QueryRow(ctx, `SELECT count(*), sum(status) FROM requests`).Scan(&n, &s); err != nil {
				b.Fatal(err)
			}
			best = min(best, time.Since(t0))
		}
		return best
	}()
	for _, name := range analyze.StepNames() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := analyze.RunOne(ctx, db, name, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(baseline), "x-scan")
		})
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			if _, err := analyze.Run(ctx, db, opts); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(baseline), "x-scan")
	})
}
