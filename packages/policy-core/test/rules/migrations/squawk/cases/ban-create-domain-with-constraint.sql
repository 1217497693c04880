SET lock_timeout = '2s';
SET statement_timeout = '60s';
CREATE DOMAIN percent AS int CHECK (VALUE BETWEEN 0 AND 100);
