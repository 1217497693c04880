ALTER TABLE audit RENAME TO audit_unpartitioned;
