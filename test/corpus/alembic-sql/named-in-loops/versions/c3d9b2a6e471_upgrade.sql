CREATE TABLE ovens (
    oven_id serial PRIMARY KEY,
    label text NOT NULL UNIQUE
);

ALTER TABLE orders ADD COLUMN oven_id integer REFERENCES ovens (oven_id);
CREATE INDEX orders_placed_at_idx ON orders (placed_at);
