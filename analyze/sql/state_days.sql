-- state_days: result_states cut at local midnights, so each row is the minutes of
-- one state on one local calendar day. The analysis time zone is a fixed offset
-- of $tz_minutes from UTC (DuckDB here has no time-zone database; see analyze.Options).
-- params: $tz_minutes INTEGER
-- output: result_state_days(service_id, day DATE, state, minutes)
CREATE OR REPLACE TABLE result_state_days AS
WITH cut AS (
    SELECT service_id, state,
           start_minute + $tz_minutes AS s, end_minute + $tz_minutes AS e
    FROM result_states
),
days AS (
    SELECT service_id, state, d,
           least(e, (d + 1) * 1440) - greatest(s, d * 1440) AS minutes
    FROM cut, range(s // 1440, (e - 1) // 1440 + 1) AS t(d)
)
SELECT service_id, DATE '1970-01-01' + d::INTEGER AS day, state, sum(minutes)::BIGINT AS minutes
FROM days
GROUP BY ALL
ORDER BY service_id, day, state;
