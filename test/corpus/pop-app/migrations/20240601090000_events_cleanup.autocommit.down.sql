CREATE TABLE legacy_events (id int);
