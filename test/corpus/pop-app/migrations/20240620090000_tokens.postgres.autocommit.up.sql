DROP TABLE old_tokens;
