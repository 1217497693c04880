SET lock_timeout = '2s';
SET statement_timeout = '60s';
CREATE INDEX ix_users_email ON users (email);
