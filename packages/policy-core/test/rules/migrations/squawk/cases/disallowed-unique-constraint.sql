SET lock_timeout = '2s';
SET statement_timeout = '60s';
ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE (email);
ALTER TABLE users ADD COLUMN handle text UNIQUE;
