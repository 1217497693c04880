CREATE TABLE loaves (
    loaf_id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    weight_grams integer NOT NULL CHECK (weight_grams > 0)
);

CREATE TABLE orders (
    order_id bigserial PRIMARY KEY,
    loaf_id bigint NOT NULL REFERENCES loaves (loaf_id),
    quantity integer NOT NULL CHECK (quantity > 0),
    placed_at timestamptz NOT NULL DEFAULT now()
);
