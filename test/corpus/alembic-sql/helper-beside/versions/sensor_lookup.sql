CREATE INDEX readings_taken_idx ON readings (taken_at);
