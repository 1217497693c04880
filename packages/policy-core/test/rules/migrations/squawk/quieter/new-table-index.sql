-- A table created earlier in the same migration has no rows and no readers yet: building its
-- index, its constraints, its defaults under lock harms nobody.
SET lock_timeout = '2s';
SET statement_timeout = '60s';
CREATE TABLE payments (id bigint, order_id bigint, token uuid);
CREATE INDEX ix_payments_order ON payments (order_id);  -- squawk: require-concurrent-index-creation
ALTER TABLE payments ADD CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id);  -- squawk: adding-foreign-key-constraint constraint-missing-not-valid
ALTER TABLE payments ADD CONSTRAINT uq_payments_token UNIQUE (token);  -- squawk: disallowed-unique-constraint constraint-missing-not-valid
