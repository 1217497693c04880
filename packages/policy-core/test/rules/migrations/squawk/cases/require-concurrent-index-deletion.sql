SET lock_timeout = '2s';
SET statement_timeout = '60s';
DROP INDEX ix_users_email;
