import { describe, expect, it } from 'vitest';
import type { SchemaOp } from '../../../../src/migrations/schema-op.js';
import { CreatedTables } from '../../../../src/rules/migrations/facts/created-tables.js';

// The running set of tables a migration created, which MIG037, MIG044 and MIG046 exempt.

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const op = (kind: SchemaOp['kind'], table?: string, schema?: string) =>
  ({ kind, label: kind, range: at, ...(table ? { table } : {}), ...(schema ? { schema } : {}) }) as SchemaOp;

describe('CreatedTables', () => {
  it('notes only CREATE TABLE, from that statement on', () => {
    const created = new CreatedTables();
    expect(created.existed('Users')).toBe(true);
    expect(created.note(op('add_column', 'users'))).toBe(false);
    expect(created.existed('users')).toBe(true);
    expect(created.note(op('create_table', 'Users'))).toBe(true);
    expect(created.existed('USERS')).toBe(false);
    expect(created.nameExisted('users')).toBe(false);
    expect(created.existed('orders')).toBe(true);
  });

  it('keeps schemas apart, but a foreign key target (no schema) is matched by name', () => {
    const created = new CreatedTables();
    created.note(op('create_table', 'events', 'audit'));
    expect(created.existed('events', 'AUDIT')).toBe(false);
    expect(created.existed('events')).toBe(true);
    expect(created.existed('events', 'public')).toBe(true);
    expect(created.nameExisted('Events')).toBe(false);
  });

  it('counts a statement naming no table as on an existing one (not exempt)', () => {
    const created = new CreatedTables();
    expect(created.note(op('create_table'))).toBe(true);
    expect(created.existed(undefined)).toBe(true);
  });
});
