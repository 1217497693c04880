CREATE INDEX orders_loaf_idx ON orders (loaf_id);
