CREATE TABLE audit (id bigint PRIMARY KEY);
