-- saturation: per service, host and resource, the capacity trend and when usage
-- will cross 90% and 100%.
-- Breaks: a drop of at least $break_drop_pct points between consecutive samples
-- (a cleanup) or a change of size_bytes (a resize) restarts the trend.
-- Trend: Theil-Sen over daily medians of used_pct in the last $window_days days
-- since the last break: the median of the slopes between every pair of days, with
-- the 10th and 90th percentile slopes as a low/high interval. The level now is the
-- median of (y - slope x) evaluated at the last sample.
-- No forecast (NULL days) when the span since the last break is under
-- $min_span_days days, or the slope is under $min_slope_pct_per_day (flat or
-- shrinking usage is reported as such, never as an infinite time to full).
-- params: $break_drop_pct DOUBLE, $window_days INTEGER, $min_span_days DOUBLE,
--         $min_slope_pct_per_day DOUBLE
-- output: result_saturation (see SELECT list)
CREATE OR REPLACE TABLE result_saturation AS
WITH s AS (
    SELECT service_id, host, resource, ts, used_pct, size_bytes,
           epoch_us(ts) / 86400e6 AS x,
           lag(used_pct) OVER w AS prev_pct,
           lag(size_bytes) OVER w AS prev_size
    FROM capacity
    WINDOW w AS (PARTITION BY service_id, host, resource ORDER BY ts)
),
b AS (
    SELECT *,
           coalesce(prev_pct - used_pct >= $break_drop_pct
                    OR (size_bytes IS DISTINCT FROM prev_size AND prev_size IS NOT NULL AND size_bytes IS NOT NULL), false) AS is_break
    FROM s
),
seg AS (
    SELECT *, sum(is_break::INTEGER) OVER (PARTITION BY service_id, host, resource ORDER BY ts) AS segment
    FROM b
),
res AS (
    SELECT service_id, host, resource,
           max(segment) AS last_segment,
           max(ts) AS last_ts,
           max(x) AS last_x,
           arg_max(used_pct, ts) AS last_used_pct,
           max(ts) FILTER (WHERE is_break) AS last_break,
           count(*) FILTER (WHERE is_break) AS breaks
    FROM seg GROUP BY ALL
),
win AS (
    SELECT seg.service_id, seg.host, seg.resource, seg.x, seg.used_pct, seg.ts
    FROM seg JOIN res USING (service_id, host, resource)
    WHERE seg.segment = res.last_segment
      AND seg.x >= res.last_x - $window_days
),
span AS (
    SELECT service_id, host, resource, (max(x) - min(x)) AS span_days, max(x) AS last_x
    FROM win GROUP BY ALL
),
daily AS (
    SELECT service_id, host, resource, floor(x) + 0.5 AS dx, median(used_pct) AS y
    FROM win GROUP BY ALL
),
pairs AS (
    SELECT a.service_id, a.host, a.resource, (b.y - a.y) / (b.dx - a.dx) AS slope
    FROM daily a JOIN daily b USING (service_id, host, resource)
    WHERE b.dx > a.dx
),
trend AS (
    SELECT service_id, host, resource,
           median(slope) AS slope, quantile_cont(slope, 0.1) AS slope_low, quantile_cont(slope, 0.9) AS slope_high
    FROM pairs GROUP BY ALL
),
level AS (
    SELECT d.service_id, d.host, d.resource, median(d.y - t.slope * d.dx) AS intercept
    FROM daily d JOIN trend t USING (service_id, host, resource)
    GROUP BY ALL
),
fc AS (
    SELECT r.service_id, r.host, r.resource, r.last_ts, r.last_used_pct, r.last_break, r.breaks,
           sp.span_days, t.slope, t.slope_low, t.slope_high,
           l.intercept + t.slope * sp.last_x AS level_pct
    FROM res r
    JOIN span sp USING (service_id, host, resource)
    LEFT JOIN trend t USING (service_id, host, resource)
    LEFT JOIN level l USING (service_id, host, resource)
),
judged AS (
    SELECT *,
           CASE WHEN span_days < $min_span_days OR slope IS NULL THEN 'too_short'
                WHEN slope < -$min_slope_pct_per_day THEN 'shrinking'
                WHEN slope < $min_slope_pct_per_day THEN 'flat'
                ELSE 'rising' END AS trend
    FROM fc
)
SELECT service_id, host, resource, last_ts, last_used_pct AS used_pct, level_pct,
       slope AS slope_pct_per_day, slope_low AS slope_low_pct_per_day, slope_high AS slope_high_pct_per_day,
       span_days AS span_days_since_break, last_break, breaks, trend,
       CASE WHEN trend = 'rising' THEN greatest(0, (90 - level_pct) / slope) END AS days_to_90,
       CASE WHEN trend = 'rising' THEN greatest(0, (100 - level_pct) / slope) END AS days_to_100,
       CASE WHEN trend = 'rising' AND slope_high > 0 THEN greatest(0, (100 - level_pct) / slope_high) END AS days_to_100_low,
       CASE WHEN trend = 'rising' AND slope_low > 0 THEN greatest(0, (100 - level_pct) / slope_low) END AS days_to_100_high
FROM judged
ORDER BY service_id, host, resource;
