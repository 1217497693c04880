CREATE INDEX CONCURRENTLY ix_stats ON stats (at);
