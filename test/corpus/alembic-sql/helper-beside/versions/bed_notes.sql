ALTER TABLE beds ADD COLUMN notes text;
ALTER TABLE beds ADD COLUMN watering_interval interval NOT NULL DEFAULT interval '1 day';
