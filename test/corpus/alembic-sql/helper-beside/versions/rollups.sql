CREATE TABLE reading_rollups (
    sensor_id integer NOT NULL REFERENCES sensors (sensor_id),
    hour_start timestamptz NOT NULL,
    samples integer NOT NULL,
    value_min double precision NOT NULL,
    value_max double precision NOT NULL,
    value_avg double precision NOT NULL,
    PRIMARY KEY (sensor_id, hour_start)
);
