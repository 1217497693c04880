-- A default calling the database's own function: Slipway takes it as non-volatile (it cannot see
-- the definition); squawk flags every function not on its built-in list. `slipway trace` shows
-- whether it rewrites.
SET lock_timeout = '2s';
SET statement_timeout = '60s';
ALTER TABLE orders ADD COLUMN region text DEFAULT default_region();  -- squawk: adding-field-with-default
