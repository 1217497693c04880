import { RULE_IDS, RULES } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { DESTRUCTIVE_RULES } from '../../src/migrations/destructive-rules.generated.js';
import { DESTRUCTIVE_KINDS, isDestructive, type SchemaOp } from '../../src/migrations/schema-op.js';

// What the lists generated from the rule files hold, against the rules they list (their text:
// generated-files.test.ts).
describe('the lists generated from the rule files', () => {
  it('lists the rules in id order', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it("spells each rule's id once more, by the name of its constant, for the readers below the rules", () => {
    expect(Object.values(RULE_IDS)).toEqual(RULES.map((r) => r.id));
    expect(RULE_IDS.invalidRecord).toBe(RULES.find((r) => r.name === 'invalid-record')?.id);
  });

  it('names for each destructive step the rule that declares it destructive', () => {
    const declared: Record<string, string> = {};
    for (const r of RULES) for (const kind of r.destructive ?? []) declared[kind] = r.id;
    expect(DESTRUCTIVE_RULES).toEqual(declared);
    // Every step isDestructive counts has a rule to name it.
    for (const kind of [...DESTRUCTIVE_KINDS, 'delete', 'update'] as const) {
      const op = { kind, hasWhere: false } as SchemaOp;
      expect(isDestructive(op), kind).toBe(true);
      expect(DESTRUCTIVE_RULES[kind], kind).toBeDefined();
    }
  });
});
