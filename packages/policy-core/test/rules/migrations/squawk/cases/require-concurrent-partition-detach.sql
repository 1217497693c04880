SET lock_timeout = '2s';
SET statement_timeout = '60s';
ALTER TABLE events DETACH PARTITION events_2020;
