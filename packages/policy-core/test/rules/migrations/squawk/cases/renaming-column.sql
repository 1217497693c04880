SET lock_timeout = '2s';
SET statement_timeout = '60s';
ALTER TABLE orders RENAME COLUMN total TO amount;
