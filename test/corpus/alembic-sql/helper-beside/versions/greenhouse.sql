CREATE TABLE beds (
    bed_id serial PRIMARY KEY,
    label varchar(40) NOT NULL UNIQUE,
    area_m2 numeric(6, 2) NOT NULL,
    planted_on date
);

CREATE TABLE sensors (
    sensor_id serial PRIMARY KEY,
    bed_id integer NOT NULL REFERENCES beds (bed_id),
    kind varchar(16) NOT NULL CHECK (kind IN ('soil_moisture', 'air_temp', 'lux')),
    installed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE readings (
    sensor_id integer NOT NULL REFERENCES sensors (sensor_id),
    taken_at timestamptz NOT NULL,
    value double precision NOT NULL,
    PRIMARY KEY (sensor_id, taken_at)
);
