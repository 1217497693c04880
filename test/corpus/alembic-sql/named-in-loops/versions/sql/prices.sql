CREATE TABLE prices (
    loaf_id bigint PRIMARY KEY REFERENCES loaves (loaf_id),
    cents integer NOT NULL CHECK (cents > 0)
);
