INSERT INTO reading_rollups (sensor_id, hour_start, samples, value_min, value_max, value_avg)
SELECT sensor_id, date_trunc('hour', taken_at), count(*), min(value), max(value), avg(value)
FROM readings
GROUP BY sensor_id, date_trunc('hour', taken_at)
ON CONFLICT (sensor_id, hour_start) DO NOTHING;
