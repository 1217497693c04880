SET lock_timeout = '2s';
SET statement_timeout = '60s';
ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0);
