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

/** The chain's nullability and default as Knex applies them: the last of each kind wins. */
export function nullAndDefault(
  modifiers: readonly string[],
  modifierArgs: readonly SyntaxNode[][],
  src: string,
): { notNull: boolean; defaultArg: SyntaxNode | undefined } {
  let notNull = false;
  let defaultArg: SyntaxNode | undefined;
  modifiers.forEach((m, i) => {
    const args = modifierArgs[i] ?? [];
    if (NOT_NULLABLE.has(m)) notNull = true;
    // Only a literal `false` is `not null`: any other argument (none, true, a value read at run
    // time) Knex writes as `null` unless it is false then, which is not known here.
    else if (m === 'nullable')
      notNull = args[0] !== undefined && src.slice(args[0].from, args[0].to) === 'false';
    else if (DEFAULT_TO.has(m)) defaultArg = args[0];
  });
  return { notNull, defaultArg };
}
