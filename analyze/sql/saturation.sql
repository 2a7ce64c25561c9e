-- saturation: per service, host and resource, the capacity trend and when usage
-- will cross 90% and 100%.
-- Breaks restart the trend. A sample is a break candidate when the median of
-- used_pct over the $break_window_hours hours from it differs from the median over
-- the $break_window_hours hours before it by at least $break_drop_pct points down
-- (a cleanup) or, when $break_jump_pct > 0, that many points up (a new level),
-- each median over at least 3 samples, so a single spike is no break; in a run of consecutive
-- candidates the break is the first sample already past half the step. A change of
-- size_bytes (a resize) is a break at once.
-- Trend: Theil-Sen over the daily medians of used_pct (local days) since the last
-- break, in the last $window_days days: the median of the slopes between every pair
-- of days. slope_low/slope_high are its 95% interval by Sen's method (the ranks
-- (N -/+ 1.96 sqrt(n(n-1)(2n+5)/18)) / 2 of the N pair slopes of n days). The level
-- now is the median of (y - slope x) plus slope x at the last sample.
-- trend says what the forecast may use:
--   too_short  under $min_span_days days since the last break (or under 3 days);
--   rising     slope >= $min_slope_pct_per_day and slope_low > 0;
--   shrinking  slope <= -$min_slope_pct_per_day and slope_high < 0;
--   flat       otherwise.
-- Days to 90% and 100% = (threshold - level) / slope, only when rising, with a
-- low/high interval from slope_high/slope_low; 0 when the last sample is already at
-- or above the threshold; otherwise NULL: flat or shrinking usage is reported as
-- such, never as an infinite time to full. eta_* = last sample + days.
-- Storage-full log events beside each resource of their service: how many, the
-- first one, the resource's used_pct then, and the first sample at or above
-- $full_pct% (storage_full_lag_hours = first event - that sample, in hours).
-- result_capacity_days is the series a capacity chart draws: per resource and
-- local calendar day, the median, lowest and highest used_pct of its samples
-- (the trend fits the daily medians of the samples since the last break only).
-- params: $break_drop_pct DOUBLE, $break_jump_pct DOUBLE, $break_window_hours DOUBLE,
--         $window_days INTEGER, $min_span_days DOUBLE, $min_slope_pct_per_day DOUBLE,
--         $tz_minutes INTEGER, $full_pct DOUBLE
-- output: result_capacity_breaks(service_id, host, resource, ts, kind, shift_pct)
--         result_capacity_days(service_id, host, resource, day, median_pct, min_pct,
--         max_pct, samples)
--         result_saturation (see the SELECT list)
CREATE OR REPLACE TABLE result_capacity_breaks AS
WITH s AS (
    SELECT service_id, host, resource, ts, used_pct, size_bytes, epoch_us(ts) // 1000000 AS sec,
           lag(size_bytes) OVER (PARTITION BY service_id, host, resource ORDER BY ts, source_id, line) AS prev_size,
           row_number() OVER (PARTITION BY service_id, host, resource ORDER BY ts, source_id, line) AS i
    FROM capacity
),
w AS (
    SELECT *,
           median(used_pct) OVER before_w AS before_med, count(*) OVER before_w AS before_n,
           median(used_pct) OVER after_w AS after_med, count(*) OVER after_w AS after_n
    FROM s
    WINDOW before_w AS (PARTITION BY service_id, host, resource ORDER BY sec
                        RANGE BETWEEN ($break_window_hours * 3600)::BIGINT PRECEDING AND 1 PRECEDING),
           after_w AS (PARTITION BY service_id, host, resource ORDER BY sec
                       RANGE BETWEEN CURRENT ROW AND ($break_window_hours * 3600)::BIGINT - 1 FOLLOWING)
),
cand AS (
    SELECT *, after_med - before_med AS shift,
           CASE WHEN after_med - before_med <= -$break_drop_pct THEN 'cleanup'
                WHEN $break_jump_pct > 0 AND after_med - before_med >= $break_jump_pct THEN 'jump' END AS kind
    FROM w
    WHERE before_n >= 3 AND after_n >= 3
),
runs AS (
    SELECT *, i - row_number() OVER (PARTITION BY service_id, host, resource, kind ORDER BY i) AS run
    FROM cand WHERE kind IS NOT NULL
),
steps AS (
    SELECT service_id, host, resource, kind,
           coalesce(min(ts) FILTER (WHERE (kind = 'cleanup' AND used_pct <= before_med + shift / 2)
                                       OR (kind = 'jump' AND used_pct >= before_med + shift / 2)),
                    min(ts)) AS ts,
           CASE WHEN kind = 'cleanup' THEN min(shift) ELSE max(shift) END AS shift_pct
    FROM runs GROUP BY service_id, host, resource, kind, run
)
SELECT service_id, host, resource, ts, kind, shift_pct FROM steps
UNION ALL
SELECT service_id, host, resource, ts, 'resize', NULL
FROM s WHERE size_bytes IS DISTINCT FROM prev_size AND prev_size IS NOT NULL AND size_bytes IS NOT NULL
ORDER BY service_id, host, resource, ts;

CREATE OR REPLACE TABLE result_capacity_days AS
SELECT service_id, host, resource,
       DATE '1970-01-01' + ((epoch_us(ts) // 60000000 + $tz_minutes) // 1440)::INTEGER AS day,
       median(used_pct) AS median_pct, min(used_pct) AS min_pct, max(used_pct) AS max_pct,
       count(*) AS samples
FROM capacity
GROUP BY ALL
ORDER BY service_id, host, resource, day;

CREATE OR REPLACE TABLE result_saturation AS
WITH s AS (
    SELECT service_id, host, resource, ts, used_pct, epoch_us(ts) // 1000000 AS sec
    FROM capacity
),
res AS (
    SELECT s.service_id, s.host, s.resource,
           max(s.ts) AS last_ts, max(s.sec) AS last_sec, arg_max(s.used_pct, s.ts) AS last_used_pct
    FROM s GROUP BY ALL
),
brk AS (
    SELECT service_id, host, resource, max(ts) AS last_break, arg_max(kind, ts) AS last_break_kind, count(*) AS breaks
    FROM result_capacity_breaks GROUP BY ALL
),
fit AS (
    SELECT s.*
    FROM s JOIN res USING (service_id, host, resource)
    LEFT JOIN brk USING (service_id, host, resource)
    WHERE (brk.last_break IS NULL OR s.ts >= brk.last_break)
      AND s.sec >= res.last_sec - $window_days * 86400
),
span AS (
    SELECT service_id, host, resource, (max(sec) - min(sec)) / 86400.0 AS span_days
    FROM fit GROUP BY ALL
),
daily AS (
    SELECT service_id, host, resource,
           (sec + $tz_minutes * 60) // 86400 + 0.5 AS x, median(used_pct) AS y
    FROM fit GROUP BY ALL
),
n_days AS (
    SELECT service_id, host, resource, count(*) AS n,
           count(*) * (count(*) - 1) / 2 AS n_pairs,
           1.959964 * sqrt(count(*) * (count(*) - 1) * (2 * count(*) + 5) / 18.0) AS c
    FROM daily GROUP BY ALL
),
pairs AS (
    SELECT a.service_id, a.host, a.resource, (b.y - a.y) / (b.x - a.x) AS slope
    FROM daily a JOIN daily b USING (service_id, host, resource)
    WHERE b.x > a.x
),
ranked AS (
    SELECT p.*, n.n_pairs, n.c,
           row_number() OVER (PARTITION BY p.service_id, p.host, p.resource ORDER BY p.slope) AS r
    FROM pairs p JOIN n_days n USING (service_id, host, resource)
),
trend AS (
    SELECT service_id, host, resource,
           median(slope) AS slope,
           max(slope) FILTER (WHERE r = greatest(1, round((n_pairs - c) / 2))) AS slope_low,
           max(slope) FILTER (WHERE r = least(n_pairs, round((n_pairs + c) / 2) + 1)) AS slope_high
    FROM ranked GROUP BY ALL
),
level AS (
    SELECT d.service_id, d.host, d.resource, median(d.y - t.slope * d.x) AS intercept
    FROM daily d JOIN trend t USING (service_id, host, resource)
    GROUP BY ALL
),
sf AS (
    SELECT service_id, count(*) AS storage_full_events, min(ts) AS first_storage_full
    FROM events WHERE event = 'storage_full' GROUP BY ALL
),
at_event AS (
    SELECT r.service_id, r.host, r.resource, c.used_pct AS used_pct_at_first_storage_full
    FROM res r JOIN sf e USING (service_id)
    ASOF LEFT JOIN capacity c
        ON c.service_id = r.service_id AND c.host = r.host AND c.resource = r.resource AND c.ts <= e.first_storage_full
),
full_at AS (
    SELECT service_id, host, resource, min(ts) AS first_full
    FROM capacity WHERE used_pct >= $full_pct GROUP BY ALL
),
judged AS (
    SELECT r.*, b.last_break, b.last_break_kind, coalesce(b.breaks, 0) AS breaks,
           sp.span_days, n.n AS days_in_fit, t.slope, t.slope_low, t.slope_high,
           l.intercept + t.slope * ((r.last_sec + $tz_minutes * 60) / 86400.0) AS level_pct,
           CASE WHEN sp.span_days < $min_span_days OR coalesce(n.n, 0) < 3 OR t.slope IS NULL THEN 'too_short'
                WHEN t.slope >= $min_slope_pct_per_day AND t.slope_low > 0 THEN 'rising'
                WHEN t.slope <= -$min_slope_pct_per_day AND t.slope_high < 0 THEN 'shrinking'
                ELSE 'flat' END AS trend
    FROM res r
    LEFT JOIN brk b USING (service_id, host, resource)
    LEFT JOIN span sp USING (service_id, host, resource)
    LEFT JOIN n_days n USING (service_id, host, resource)
    LEFT JOIN trend t USING (service_id, host, resource)
    LEFT JOIN level l USING (service_id, host, resource)
),
days AS (
    SELECT *,
           CASE WHEN last_used_pct >= 90 THEN 0
                WHEN trend = 'rising' THEN greatest(0, (90 - level_pct) / slope) END AS days_to_90,
           CASE WHEN last_used_pct >= 90 THEN 0
                WHEN trend = 'rising' THEN greatest(0, (90 - level_pct) / slope_high) END AS days_to_90_low,
           CASE WHEN last_used_pct >= 90 THEN 0
                WHEN trend = 'rising' THEN greatest(0, (90 - level_pct) / slope_low) END AS days_to_90_high,
           CASE WHEN last_used_pct >= 100 THEN 0
                WHEN trend = 'rising' THEN greatest(0, (100 - level_pct) / slope) END AS days_to_100,
           CASE WHEN last_used_pct >= 100 THEN 0
                WHEN trend = 'rising' THEN greatest(0, (100 - level_pct) / slope_high) END AS days_to_100_low,
           CASE WHEN last_used_pct >= 100 THEN 0
                WHEN trend = 'rising' THEN greatest(0, (100 - level_pct) / slope_low) END AS days_to_100_high
    FROM judged
)
SELECT d.service_id, d.host, d.resource, d.last_ts, d.last_used_pct AS used_pct, d.level_pct,
       d.slope AS slope_pct_per_day, d.slope_low AS slope_low_pct_per_day, d.slope_high AS slope_high_pct_per_day,
       d.span_days AS span_days_since_break, d.days_in_fit, d.last_break, d.last_break_kind, d.breaks, d.trend,
       d.days_to_90, d.days_to_90_low, d.days_to_90_high,
       d.days_to_100, d.days_to_100_low, d.days_to_100_high,
       to_timestamp(d.last_sec + d.days_to_90 * 86400) AS eta_90,
       to_timestamp(d.last_sec + d.days_to_100 * 86400) AS eta_100,
       coalesce(e.storage_full_events, 0) AS storage_full_events, e.first_storage_full,
       ae.used_pct_at_first_storage_full, f.first_full,
       (epoch_us(e.first_storage_full) - epoch_us(f.first_full)) / 3600e6 AS storage_full_lag_hours
FROM days d
LEFT JOIN sf e USING (service_id)
LEFT JOIN at_event ae USING (service_id, host, resource)
LEFT JOIN full_at f USING (service_id, host, resource)
ORDER BY d.service_id, d.host, d.resource;
