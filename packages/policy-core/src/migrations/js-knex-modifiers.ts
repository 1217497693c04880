import type { SyntaxNode } from '@lezer/common';

// What a Knex column chain's nullability and default modifiers leave in force. Knex keeps one
// value per modifier, the last call's (`this._modifiers[key] = args`), under one key for all the
// spellings of it (lib/schema/columnbuilder.js): `default()` and `defaultsTo()` are `defaultTo()`,
// and `notNull()` / `notNullable()` are `nullable(false)`. The column compiler writes `not null`
// only for `nullable(false)` (lib/schema/columncompiler.js), so `nullable()` after either undoes it.

/** The spellings of Knex's `defaultTo` modifier. */
const DEFAULT_TO = new Set(['defaultTo', 'defaultsTo', 'default']);
/** Knex's spellings of `nullable(false)`. */
const NOT_NULLABLE = new Set(['notNullable', 'notNull']);

/** Every nullability and default modifier Knex has, as this reads them. */
export const NULL_AND_DEFAULT_MODIFIERS: ReadonlySet<string> = new Set([
  ...DEFAULT_TO,
  ...NOT_NULLABLE,
  'nullable',
]);

/** Arguments whose value is written out: `nullable(x)` with one of these is decided here. */
const LITERALS = new Set(['BooleanLiteral', 'Number', 'String', 'null']);

/**
 * The chain's nullability and default as Knex applies them: the last of each kind wins.
 * `unknownNullable` is the argument of a last `nullable(x)` whose value is known only at run time.
 */
export function nullAndDefault(
  modifiers: readonly string[],
  modifierArgs: readonly SyntaxNode[][],
  src: string,
): { notNull: boolean; defaultArg: SyntaxNode | undefined; unknownNullable?: SyntaxNode } {
  let notNull = false;
  let defaultArg: SyntaxNode | undefined;
  let unknownNullable: SyntaxNode | undefined;
  modifiers.forEach((m, i) => {
    const args = modifierArgs[i] ?? [];
    if (NOT_NULLABLE.has(m)) {
      notNull = true;
      unknownNullable = undefined;
    } else if (m === 'nullable') {
      // Only `false` is `not null` (`nullable === false`): none, true, 0, null, undefined are not.
      const arg = args[0];
      const text = arg ? src.slice(arg.from, arg.to) : undefined;
      notNull = text === 'false';
      unknownNullable = arg && !LITERALS.has(arg.name) && text !== 'undefined' ? arg : undefined;
    } else if (DEFAULT_TO.has(m)) defaultArg = args[0];
  });
  return { notNull, defaultArg, ...(unknownNullable ? { unknownNullable } : {}) };
}
