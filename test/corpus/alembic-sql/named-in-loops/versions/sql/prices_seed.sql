INSERT INTO prices (loaf_id, cents)
SELECT loaf_id, 450 FROM loaves;
