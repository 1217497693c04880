CREATE TABLE report_rows (id bigint PRIMARY KEY);
DROP TABLE report_rows_old;
