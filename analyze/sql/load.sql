-- load: each service's demand peaks by month, the load knee and the headroom.
-- Demand is read in local 15-minute slots: rate = requests / 15 (requests per
-- minute), error ratio = 5xx / requests. Slots in catalog maintenance and slots
-- overlapping an incident whose cause is not load_surge are left out: failures
-- from a full disk or a dead server say nothing about load, and clients retrying
-- them inflate the requests.
-- The knee is the request rate above which the error ratio climbs. Slots are
-- binned by rate in geometric steps of 1.25x (bins with fewer than
-- $knee_min_slots slots are ignored); the baseline error ratio is that of all slots
-- at or below the median rate; a bin climbs when its error ratio is at least
-- baseline + $knee_rise. The knee is the lower edge of the lowest bin that climbs
-- with every bin above it; no knee (NULL) when the busiest bin does not climb.
--   peak_requests_per_minute  the month's busiest slot; peak_at its start;
--   headroom_pct              100 x (knee - peak) / knee: how far the month's peak
--                             is below the knee (negative: above it).
-- params: $tz_minutes INTEGER, $knee_rise DOUBLE, $knee_min_slots INTEGER
-- output: result_load_bins(service_id, bin_low_rpm, bin_high_rpm, slots, requests,
--         error_ratio, baseline_error_ratio, climbing)
--         result_load(service_id, month, peak_requests_per_minute, peak_at,
--         peak_error_ratio, knee_requests_per_minute, baseline_error_ratio, headroom_pct)
CREATE OR REPLACE TABLE result_load_slots AS
WITH slots AS (
    SELECT service_id, (minute + $tz_minutes) // 15 AS slot, sum(requests)::BIGINT AS requests, sum(errors_5xx)::BIGINT AS errors_5xx
    FROM result_minutes
    WHERE requests > 0 AND state <> 'maintenance'
    GROUP BY ALL
),
excluded AS (
    SELECT DISTINCT service_id,
           unnest(range((start_minute + $tz_minutes) // 15, (end_minute - 1 + $tz_minutes) // 15 + 1)) AS slot
    FROM result_incidents WHERE cause <> 'load_surge'
)
SELECT s.service_id, s.slot, s.requests, s.errors_5xx, s.requests / 15.0 AS rate,
       floor(ln(s.requests / 15.0) / ln(1.25))::INTEGER AS bin
FROM slots s ANTI JOIN excluded x USING (service_id, slot)
ORDER BY s.service_id, s.slot;

CREATE OR REPLACE TABLE result_load_bins AS
WITH med AS (
    SELECT service_id, median(rate) AS median_rate FROM result_load_slots GROUP BY ALL
),
base AS (
    SELECT s.service_id, sum(s.errors_5xx) / sum(s.requests)::BIGINT AS baseline_error_ratio
    FROM result_load_slots s JOIN med USING (service_id)
    WHERE s.rate <= med.median_rate GROUP BY ALL
),
bins AS (
    SELECT service_id, bin, count(*) AS slots, sum(requests)::BIGINT AS requests, sum(errors_5xx) / sum(requests)::BIGINT AS error_ratio
    FROM result_load_slots GROUP BY ALL
    HAVING count(*) >= $knee_min_slots
)
SELECT b.service_id, pow(1.25, b.bin) AS bin_low_rpm, pow(1.25, b.bin + 1) AS bin_high_rpm,
       b.slots, b.requests, b.error_ratio, base.baseline_error_ratio,
       b.error_ratio >= base.baseline_error_ratio + $knee_rise AS climbing
FROM bins b JOIN base USING (service_id)
ORDER BY service_id, bin_low_rpm;

CREATE OR REPLACE TABLE result_load AS
WITH above AS (
    SELECT *, bool_and(climbing) OVER (PARTITION BY service_id ORDER BY bin_low_rpm
                                       ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS all_above_climb
    FROM result_load_bins
),
knee AS (
    SELECT service_id, min(bin_low_rpm) FILTER (WHERE all_above_climb) AS knee_requests_per_minute,
           any_value(baseline_error_ratio) AS baseline_error_ratio
    FROM above GROUP BY ALL
),
months AS (
    SELECT service_id,
           strftime(date_trunc('month', DATE '1970-01-01' + (slot // 96)::INTEGER), '%Y-%m') AS month,
           max(rate) AS peak_requests_per_minute,
           arg_max(slot, (rate, -slot)) AS peak_slot,
           arg_max(errors_5xx / requests, (rate, -slot)) AS peak_error_ratio
    FROM result_load_slots GROUP BY ALL
)
SELECT m.service_id, m.month, m.peak_requests_per_minute,
       to_timestamp((m.peak_slot * 15 - $tz_minutes) * 60) AS peak_at,
       m.peak_error_ratio, k.knee_requests_per_minute, k.baseline_error_ratio,
       100 * (k.knee_requests_per_minute - m.peak_requests_per_minute) / k.knee_requests_per_minute AS headroom_pct
FROM months m LEFT JOIN knee k USING (service_id)
ORDER BY m.service_id, m.month;
