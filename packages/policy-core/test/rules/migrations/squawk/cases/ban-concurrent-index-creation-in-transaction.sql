SET lock_timeout = '2s';
SET statement_timeout = '60s';
BEGIN;
CREATE INDEX CONCURRENTLY ix_users_name ON users (name);
COMMIT;
