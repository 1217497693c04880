SET lock_timeout = '2s';
SET statement_timeout = '60s';
ALTER TYPE status ADD VALUE 'pending';
