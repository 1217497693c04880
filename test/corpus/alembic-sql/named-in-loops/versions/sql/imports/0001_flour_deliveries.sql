CREATE TABLE flour_deliveries (
    delivery_id bigserial PRIMARY KEY,
    mill text NOT NULL,
    kilograms numeric(8, 2) NOT NULL,
    delivered_on date NOT NULL
);
