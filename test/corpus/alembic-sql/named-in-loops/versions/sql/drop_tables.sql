DROP TABLE orders;
DROP TABLE loaves;
