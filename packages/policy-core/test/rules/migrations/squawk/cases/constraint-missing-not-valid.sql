SET lock_timeout = '2s';
SET statement_timeout = '60s';
ALTER TABLE orders ADD CONSTRAINT ck_price CHECK (price >= 0);
BEGIN;
ALTER TABLE orders ADD CONSTRAINT ck_qty CHECK (qty > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT ck_qty;
COMMIT;
