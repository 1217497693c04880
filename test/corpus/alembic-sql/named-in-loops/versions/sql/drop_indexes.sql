DROP INDEX orders_loaf_idx;
