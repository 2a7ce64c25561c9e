package analyze

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"outagelens/data/catalog"
	"outagelens/data/store"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// Options configure the analyses. Zero fields take the defaults in brackets; the
// README defines every rule they tune.
type Options struct {
	// Location is the calendar for days and months [Asia/Kolkata]. Its UTC offset
	// must not change over the data.
	Location *time.Location

	// MinRequests is the fewest requests in a minute for the error-ratio rule [3].
	MinRequests int
	// ErrorRatio is the 5xx share at which a minute with MinRequests is down [0.5].
	ErrorRatio float64
	// ProbeCoverMinutes is the longest a probe result speaks for [15].
	ProbeCoverMinutes int
	// RequestCoverMinutes is the longest the access log's verdict on a minute speaks
	// for the silent minutes after it, when no probe covers them [15]; -1 turns it off.
	RequestCoverMinutes int
	// CollapseRatio: a minute no probe covers is down when its requests are at most
	// this share of the time-of-day baseline [0.1]; negative turns the rule off.
	CollapseRatio float64
	// CollapseMinExpected is the least baseline (requests per minute) for which
	// the collapse rule applies, so quiet hours never look like outages [20].
	CollapseMinExpected float64
	// MergeGapMinutes: down runs separated by gaps shorter than this are one
	// incident [5]; negative means only touching runs join.
	MergeGapMinutes int
	// CauseLeadMinutes is how long before an incident co-occurring evidence counts [30].
	CauseLeadMinutes int
	// SurgeFactor is the multiple of the usual daily peak that makes a load surge [3].
	SurgeFactor float64

	// MonthEndDays is K, the last days of the month compared with the rest [3].
	MonthEndDays int
	// NewsGroupDays: news reports of one service starting at most this many days
	// after the previous one are one incident [2].
	NewsGroupDays int
	// LinkToleranceMinutes widens news windows on both sides when linking them to
	// monitored incidents [1440].
	LinkToleranceMinutes int

	// DefaultSLOPct is the target of services the catalog does not list [99.5].
	DefaultSLOPct float64

	// BreakDropPct is the fall in the median used_pct that marks a cleanup [5].
	BreakDropPct float64
	// BreakJumpPct, when set, makes a rise in the median used_pct of at least this
	// many points a break too, for gauges where a step up starts a new regime (a
	// CPU level shift). 0, the default, treats rises as growth: a bulk load fills
	// the disk and the trend goes on through it.
	BreakJumpPct float64
	// BreakWindowHours is the span of the medians compared before and after a
	// sample to find breaks [6].
	BreakWindowHours float64
	// WindowDays is how far back the capacity trend looks [30].
	WindowDays int
	// MinSpanDays is the least span since the last break for a forecast [7].
	MinSpanDays float64
	// MinSlopePctPerDay is the slope below which usage is flat [0.01].
	MinSlopePctPerDay float64
	// FullPct is the used_pct at which a resource counts as full for relating
	// storage-full events to the trend [99].
	FullPct float64
	// KneeRise is how far above the low-load error ratio a load bin must be to
	// climb [0.05].
	KneeRise float64
	// KneeMinSlots is the fewest 15-minute slots a load bin needs [4].
	KneeMinSlots int

	// OrphanAfterMinutes is how long a promise's start may wait for its end before
	// it is never_completed, for promises the catalog gives no time [1440].
	OrphanAfterMinutes float64
	// WorstCases is how many unkept cases result_promise_worst lists per promise [10].
	WorstCases int

	// Catalog supplies SLOs, promises and maintenance windows [catalog.Default()].
	Catalog *catalog.Catalog
	// Force reruns even when the inputs have not changed.
	Force bool
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
	// Now is the clock [time.Now].
	Now func() time.Time
}

// IST is India Standard Time, the default analysis calendar.
var IST = catalog.IST

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	deff := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if o.Location == nil {
		o.Location = IST
	}
	def(&o.MinRequests, 3)
	deff(&o.ErrorRatio, 0.5)
	def(&o.ProbeCoverMinutes, 15)
	def(&o.RequestCoverMinutes, 15)
	if o.RequestCoverMinutes < 0 {
		o.RequestCoverMinutes = 1 // a minute covers only itself
	}
	deff(&o.CollapseRatio, 0.1)
	deff(&o.CollapseMinExpected, 20)
	def(&o.MergeGapMinutes, 5)
	def(&o.CauseLeadMinutes, 30)
	deff(&o.SurgeFactor, 3)
	def(&o.MonthEndDays, 3)
	def(&o.NewsGroupDays, 2)
	def(&o.LinkToleranceMinutes, 1440)
	deff(&o.DefaultSLOPct, 99.5)
	deff(&o.BreakDropPct, 5)
	deff(&o.BreakWindowHours, 6)
	def(&o.WindowDays, 30)
	deff(&o.MinSpanDays, 7)
	deff(&o.MinSlopePctPerDay, 0.01)
	deff(&o.FullPct, 99)
	deff(&o.KneeRise, 0.05)
	def(&o.KneeMinSlots, 4)
	deff(&o.OrphanAfterMinutes, 1440)
	def(&o.WorstCases, 10)
	if o.Catalog == nil {
		o.Catalog = catalog.Default()
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Summary says what a run did.
type Summary struct {
	UpToDate bool    `json:"up_to_date"` // nothing changed since the last run: skipped
	Seconds  float64 `json:"seconds"`
	Steps    []Step  `json:"steps,omitempty"`
}

// Step is one analysis of a run.
type Step struct {
	Name    string  `json:"name"`
	Rows    int64   `json:"rows"` // rows in its main result table
	Seconds float64 `json:"seconds"`
}

// step is one analysis: an embedded SQL file, then optionally Go that finishes it.
type step struct {
	name   string // sql/<name>.sql
	table  string // main result table
	finish func(ctx context.Context, tx *store.Tx, o Options) error
}

// steps run in this order: each reads the tables the ones before it wrote.
var steps = []step{
	{name: "minutes", table: "result_minutes"},
	{name: "states", table: "result_states"},
	{name: "state_days", table: "result_state_days"},
	{name: "incidents", table: "result_incidents"},
	{name: "news_incidents", table: "result_news_incidents"},
	{name: "days", table: "result_days"},
	{name: "monthend", table: "result_monthend", finish: finishMonthEnd},
	{name: "reliability", table: "result_reliability"},
	{name: "components", table: "result_components"},
	{name: "saturation", table: "result_saturation"},
	{name: "storage_full", table: "result_storage_full"},
	{name: "load", table: "result_load"},
	{name: "promises", table: "result_promises"},
	{name: "links", table: "result_links"},
}

// run executes the step's SQL, then the Go that finishes it.
func (s step) run(ctx context.Context, tx *store.Tx, o Options, params map[string]any) error {
	if err := runSQL(ctx, tx, s.name, params); err != nil {
		return err
	}
	if s.finish != nil {
		if err := s.finish(ctx, tx, o); err != nil {
			return fmt.Errorf("analyze %s: %w", s.name, err)
		}
	}
	return nil
}

// StepNames lists the analyses in the order Run runs them.
func StepNames() []string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.name
	}
	return names
}

// params returns the value of every parameter an analysis header may declare.
func (o Options) params(tz int) map[string]any {
	mergeGap := o.MergeGapMinutes
	if mergeGap < 0 {
		mergeGap = 0
	}
	return map[string]any{
		"tz_minutes":             tz,
		"min_requests":           o.MinRequests,
		"error_ratio":            o.ErrorRatio,
		"probe_cover_minutes":    o.ProbeCoverMinutes,
		"request_cover_minutes":  o.RequestCoverMinutes,
		"collapse_ratio":         math.Max(o.CollapseRatio, 0),
		"collapse_min_expected":  o.CollapseMinExpected,
		"merge_gap_minutes":      mergeGap,
		"cause_lead_minutes":     o.CauseLeadMinutes,
		"surge_factor":           o.SurgeFactor,
		"monthend_days":          o.MonthEndDays,
		"news_group_days":        o.NewsGroupDays,
		"link_tolerance_minutes": o.LinkToleranceMinutes,
		"default_slo_pct":        o.DefaultSLOPct,
		"break_drop_pct":         o.BreakDropPct,
		"break_jump_pct":         o.BreakJumpPct,
		"break_window_hours":     o.BreakWindowHours,
		"window_days":            o.WindowDays,
		"min_span_days":          o.MinSpanDays,
		"min_slope_pct_per_day":  o.MinSlopePctPerDay,
		"full_pct":               o.FullPct,
		"knee_rise":              o.KneeRise,
		"knee_min_slots":         o.KneeMinSlots,
		"orphan_after_minutes":   o.OrphanAfterMinutes,
		"worst_cases":            o.WorstCases,
	}
}

// Run recomputes every result table from the stored rows in one transaction. When
// neither the data, the catalog nor the options changed since the last run, it
// does nothing and says so (unless o.Force).
func Run(ctx context.Context, db *store.DB, o Options) (Summary, error) {
	o = o.withDefaults()
	start := time.Now()
	var sum Summary
	tz, err := fixedOffsetMinutes(ctx, db, o.Location)
	if err != nil {
		return sum, err
	}
	inputs, err := inputsFingerprint(ctx, db, o, tz)
	if err != nil {
		return sum, err
	}
	if !o.Force {
		var last sql.NullString
		if err := db.QueryRow(ctx, `SELECT arg_max(inputs_sha256, ran_at) FROM analysis_runs`).Scan(&last); err != nil {
			return sum, fmt.Errorf("analyze: %w", err)
		}
		if last.Valid && last.String == inputs {
			sum.UpToDate = true
			return sum, nil
		}
	}
	params := o.params(tz)
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := writeCatalog(ctx, tx, o); err != nil {
			return err
		}
		for _, s := range steps {
			t0 := time.Now()
			if err := s.run(ctx, tx, o, params); err != nil {
				return err
			}
			var n int64
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+store.QuoteIdent(s.table)).Scan(&n); err != nil {
				return fmt.Errorf("analyze %s: %w", s.name, err)
			}
			sum.Steps = append(sum.Steps, Step{Name: s.name, Rows: n, Seconds: time.Since(t0).Seconds()})
			o.Logger.Info("analysis done", "step", s.name, "rows", n)
		}
		_, err := tx.Exec(ctx, `INSERT INTO analysis_runs VALUES (?, ?, ?)`, o.Now().UTC(), inputs, time.Since(start).Seconds())
		return err
	})
	sum.Seconds = time.Since(start).Seconds()
	return sum, err
}

var paramRE = regexp.MustCompile(`\$([a-z_][a-z0-9_]*)`)

// Query returns the embedded SQL of an analysis. A missing file is a programmer
// error.
func Query(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("analyze: no embedded query %s: %v", name, err))
	}
	return string(b)
}

// declaredParams returns the parameters a query's header lists.
func declaredParams(query string) []string {
	var names []string
	inParams := false
	for _, line := range strings.Split(query, "\n") {
		if !strings.HasPrefix(line, "--") {
			break
		}
		c := strings.TrimSpace(strings.TrimPrefix(line, "--"))
		switch {
		case strings.HasPrefix(c, "params:"):
			inParams = true
		case strings.HasPrefix(c, "output:"):
			inParams = false
		}
		if inParams {
			for _, m := range paramRE.FindAllStringSubmatch(c, -1) {
				names = append(names, m[1])
			}
		}
	}
	return names
}

// runSQL executes one embedded analysis, passing each of its statements the
// parameters the header lists that the statement uses. (go-duckdb binds arguments
// to the last statement of a multi-statement Exec only, so statements run one by
// one.)
func runSQL(ctx context.Context, tx *store.Tx, name string, params map[string]any) error {
	q := Query(name)
	declared := declaredParams(q)
	for _, p := range declared {
		if _, ok := params[p]; !ok {
			return fmt.Errorf("analyze %s: parameter $%s has no value", name, p)
		}
	}
	for i, stmt := range statements(q) {
		used := map[string]bool{}
		for _, m := range paramRE.FindAllStringSubmatch(stmt, -1) {
			used[m[1]] = true
		}
		var args []any
		for _, p := range declared {
			if used[p] {
				args = append(args, sql.Named(p, params[p]))
			}
		}
		if _, err := tx.Exec(ctx, stmt, args...); err != nil {
			return fmt.Errorf("analyze %s (statement %d): %w", name, i+1, err)
		}
	}
	return nil
}

// statements splits an analysis file after its header into its statements, each
// of which starts with CREATE at the beginning of a line.
func statements(q string) []string {
	body := q[strings.Index(q, "\nCREATE")+1:]
	var out []string
	for {
		j := strings.Index(body[1:], "\nCREATE")
		if j < 0 {
			return append(out, body)
		}
		out = append(out, body[:j+1])
		body = body[j+2:]
	}
}

// fixedOffsetMinutes returns loc's UTC offset in minutes, checking that it is the
// same at the start of every month the stored data covers.
func fixedOffsetMinutes(ctx context.Context, db *store.DB, loc *time.Location) (int, error) {
	var from, to sql.NullTime
	err := db.QueryRow(ctx, `SELECT min(t), max(t) FROM (
		SELECT min(ts) t FROM requests UNION ALL SELECT max(ts) FROM requests
		UNION ALL SELECT min(ts) FROM probes UNION ALL SELECT max(ts) FROM probes
		UNION ALL SELECT min(ts) FROM events UNION ALL SELECT max(ts) FROM events
		UNION ALL SELECT min(ts) FROM capacity UNION ALL SELECT max(ts) FROM capacity
		UNION ALL SELECT min(ts) FROM status_changes UNION ALL SELECT max(ts) FROM status_changes)`).Scan(&from, &to)
	if err != nil {
		return 0, fmt.Errorf("analyze: data time range: %w", err)
	}
	_, off := time.Now().In(loc).Zone()
	if from.Valid && to.Valid {
		_, off = from.Time.In(loc).Zone()
		for t := from.Time; !t.After(to.Time.AddDate(0, 1, 0)); t = t.AddDate(0, 0, 7) {
			if _, o := t.In(loc).Zone(); o != off {
				return 0, fmt.Errorf("analyze: time zone %s changes its UTC offset on about %s (daylight saving); "+
					"analyses need a fixed offset because DuckDB here has no time-zone database: use --tz UTC or a fixed zone such as +01:00",
					loc, t.Format("2006-01-02"))
			}
		}
	}
	return off / 60, nil
}

// inputsFingerprint hashes what results depend on: the stored sources and the
// size and time range of every input table (rows loaded by other means than
// ingest count too), the catalog, the options and the analyses' SQL.
func inputsFingerprint(ctx context.Context, db *store.DB, o Options, tz int) (string, error) {
	h := sha256.New()
	enc := json.NewEncoder(h)
	var n, rows, rejects sql.NullInt64
	var last sql.NullTime
	if err := db.QueryRow(ctx, `SELECT count(*), sum(rows), sum(rejects), max(last_ingested) FROM sources`).
		Scan(&n, &rows, &rejects, &last); err != nil {
		return "", fmt.Errorf("analyze: fingerprint inputs: %w", err)
	}
	_ = enc.Encode([]any{n, rows, rejects, last, tz})
	for _, q := range []string{
		`SELECT count(*), min(ts)::VARCHAR, max(ts)::VARCHAR FROM requests`,
		`SELECT count(*), min(ts)::VARCHAR, max(ts)::VARCHAR FROM events`,
		`SELECT count(*), min(ts)::VARCHAR, max(ts)::VARCHAR FROM probes`,
		`SELECT count(*), min(ts)::VARCHAR, max(ts)::VARCHAR FROM capacity`,
		`SELECT count(*), min(ts)::VARCHAR, max(ts)::VARCHAR FROM status_changes`,
		`SELECT count(*), min(start_ts)::VARCHAR, max(coalesce(end_ts, start_ts))::VARCHAR FROM status_incidents`,
		`SELECT count(*), min(source_id)::VARCHAR, max(source_id)::VARCHAR FROM news_reports`,
	} {
		var c sql.NullInt64
		var lo, hi sql.NullString
		if err := db.QueryRow(ctx, q).Scan(&c, &lo, &hi); err != nil {
			return "", fmt.Errorf("analyze: fingerprint inputs: %w", err)
		}
		_ = enc.Encode([]any{c, lo, hi})
	}
	_ = enc.Encode(o.params(tz))
	if err := enc.Encode(o.Catalog.Services); err != nil {
		return "", fmt.Errorf("analyze: fingerprint catalog: %w", err)
	}
	for _, name := range StepNames() {
		h.Write([]byte(Query(name)))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeCatalog refreshes the catalog_* tables the SQL joins with.
func writeCatalog(ctx context.Context, tx *store.Tx, o Options) error {
	for _, t := range []string{"catalog_services", "catalog_promises", "catalog_promise_ends", "catalog_maintenance"} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("analyze: refresh catalog: %w", err)
		}
	}
	var from, to sql.NullTime
	if err := tx.QueryRow(ctx, `SELECT min(ts), max(ts) FROM (
		SELECT ts FROM requests UNION ALL SELECT ts FROM probes UNION ALL SELECT ts FROM events
		UNION ALL SELECT ts FROM status_changes UNION ALL SELECT start_ts FROM status_incidents
		UNION ALL SELECT end_ts FROM status_incidents)`).Scan(&from, &to); err != nil {
		return fmt.Errorf("analyze: refresh catalog: %w", err)
	}
	var errs []error
	exec := func(q string, args ...any) {
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			errs = append(errs, err)
		}
	}
	for _, s := range o.Catalog.Services {
		exec(`INSERT INTO catalog_services VALUES (?, ?, ?, ?, ?, ?, ?)`, s.ID, s.Name, s.Category, s.Department, s.State, s.Language, s.SLOPct)
		for _, p := range s.Promises {
			// 0: the analysis default (Options.OrphanAfterMinutes) applies.
			exec(`INSERT INTO catalog_promises VALUES (?, ?, ?, ?, ?, ?)`, s.ID, p.ID, p.Text, p.StartEvent, p.LimitMinutes, math.Max(p.OrphanAfterMinutes, 0))
			for _, e := range p.EndEvents {
				exec(`INSERT INTO catalog_promise_ends VALUES (?, ?, ?)`, s.ID, p.ID, e)
			}
		}
		if from.Valid && to.Valid {
			for _, w := range maintenanceWindows(s, from.Time, to.Time) {
				exec(`INSERT INTO catalog_maintenance VALUES (?, ?, ?)`, s.ID, w[0], w[1])
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("analyze: refresh catalog: %w", err)
	}
	return nil
}

// maintenanceWindows expands a service's windows over [from, to] into disjoint
// minute intervals, overlapping or touching windows merged (minutes.sql relies on
// that). Weekly windows are in the service's local time, India's (IST).
func maintenanceWindows(s catalog.Service, from, to time.Time) [][2]int64 {
	var out [][2]int64
	minute := func(t time.Time) int64 { return t.Unix() / 60 }
	for _, m := range s.Maintenance {
		if m.Weekly == "" {
			out = append(out, [2]int64{minute(m.Start), minute(m.End)})
			continue
		}
		w, err := catalog.ParseWeekly(m.Weekly)
		if err != nil {
			continue // validated on load
		}
		day := time.Date(from.In(IST).Year(), from.In(IST).Month(), from.In(IST).Day(), 0, 0, 0, 0, IST).AddDate(0, 0, -1)
		for ; !day.After(to); day = day.AddDate(0, 0, 1) {
			if day.Weekday() != w.Day {
				continue
			}
			start, end := day.Add(w.Start), day.Add(w.End)
			if !end.After(start) {
				end = end.Add(24 * time.Hour)
			}
			out = append(out, [2]int64{minute(start), minute(end)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	var merged [][2]int64
	for _, w := range out {
		if n := len(merged); n > 0 && w[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], w[1])
			continue
		}
		merged = append(merged, w)
	}
	return merged
}
