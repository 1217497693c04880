SET lock_timeout = '2s';
SET statement_timeout = '60s';
UPDATE users SET a = 1, a = 2 WHERE id = 1;
