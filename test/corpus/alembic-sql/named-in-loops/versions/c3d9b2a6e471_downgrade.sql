DROP INDEX orders_placed_at_idx;
ALTER TABLE orders DROP COLUMN oven_id;
DROP TABLE ovens;
