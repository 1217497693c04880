import { DESTRUCTIVE_RULES } from './destructive-rules.generated.js';
import type { SchemaOp } from './schema-op.js';

/**
 * The rule that flags a destructive op (see `isDestructive`): the one whose `destructive` lists
 * its kind (the generated table; the registry test proves every destructive kind has one).
 */
export function destructiveRule(op: SchemaOp): string {
  return DESTRUCTIVE_RULES[op.kind] ?? op.kind;
}
