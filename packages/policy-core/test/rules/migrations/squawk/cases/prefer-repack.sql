SET lock_timeout = '2s';
SET statement_timeout = '60s';
VACUUM FULL events;
CLUSTER events USING ix_events_created;
