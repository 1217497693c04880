import type { SyntaxNode } from '@lezer/common';
import { constraintFacts } from './js-knex-index.js';
import { type KeyedTable, placeOf } from './js-knex-key-names.js';
import { str, type WalkCtx } from './js-walk.js';
import type { StepFacts } from './schema-op.js';

// Knex's CHECK constraints on PostgreSQL, as its compilers write them (knex 3.3.0):
// - a column's `.checkPositive()`, `.checkIn([...])`, ... is `[constraint <name> ]check (...)`
//   inside its ADD COLUMN, or with `.alter()` its own `alter table ... add constraint <name>
//   check(...)`, unnamed ones `${tableNameRaw}_${column}_${n}` (lib/schema/columncompiler.js
//   `_check`, `_pushAlterCheckQuery`; `checkRegex` in pg-columncompiler.js);
// - `t.check(predicate, bindings, name)` is `alter table ... add constraint <name> check(...)`
//   (lib/schema/tablecompiler.js `check`);
// - `t.dropChecks(names)` is `alter table ... drop constraint <name>, ...`, nothing without names
//   (tablecompiler.js `dropChecks`).
// Every such name is written unquoted, so PostgreSQL folds it to lower case.

/** A column's check modifiers in the order Knex compiles them, and which argument names the constraint. */
export const COLUMN_CHECKS: ReadonlyMap<string, number> = new Map([
  ['checkPositive', 0],
  ['checkNegative', 0],
  ['checkIn', 1],
  ['checkNotIn', 1],
  ['checkBetween', 1],
  ['checkLength', 2],
  ['checkRegex', 1],
]);

/** The name as PostgreSQL keeps it: `undefined` when not given (falsy) or not known here. */
function givenName(arg: SyntaxNode | undefined, ctx: WalkCtx): string | undefined | null {
  if (!arg || arg.name === 'null' || ctx.src.slice(arg.from, arg.to) === 'undefined') return null;
  const name = str(arg, ctx);
  if (name === '') return null;
  return name?.toLowerCase();
}

/**
 * The add_constraint of each check modifier of an altered column. Knex keeps one call of each
 * modifier, the last (`this._modifiers[key] = args`, lib/schema/columnbuilder.js), and compiles
 * them in its own order, the order of COLUMN_CHECKS (columncompiler.js `_addCheckModifiers`),
 * counting the unnamed ones of the column from 1; a name from a `s.t` table would read as
 * qualified (PostgreSQL rejects the statement), so none is given then.
 */
export function alteredColumnChecks(
  column: string | undefined,
  modifiers: readonly string[],
  modifierArgs: readonly SyntaxNode[][],
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts[] {
  let unnamed = 0;
  const out: StepFacts[] = [];
  for (const [m, at] of COLUMN_CHECKS) {
    const i = modifiers.lastIndexOf(m);
    if (i < 0) continue;
    const given = givenName(modifierArgs[i]?.[at], ctx);
    if (given !== null) {
      out.push(constraintFacts('check', where, given));
      continue;
    }
    unnamed++;
    const made =
      where.written !== undefined && column !== undefined && !where.written.includes('.')
        ? `${where.written}_${column}_${unnamed}`.toLowerCase()
        : undefined;
    out.push(constraintFacts('check', where, made));
  }
  return out;
}

/**
 * `t.check(predicate, bindings?, name?)`. Unnamed, Knex names it from the quoted table
 * (`"users"_1`), which PostgreSQL rejects: no name is given here.
 */
export function tableCheck(nameArg: SyntaxNode | undefined, where: KeyedTable, ctx: WalkCtx): StepFacts {
  return constraintFacts('check', where, givenName(nameArg, ctx) ?? undefined);
}

/** `t.dropChecks(names)`: one drop per name; names not known here, one drop of no name. */
export function dropChecks(arg: SyntaxNode | undefined, where: KeyedTable, ctx: WalkCtx): StepFacts[] {
  if (!arg || ctx.src.slice(arg.from, arg.to) === 'undefined') return []; // Knex writes nothing
  const items: (SyntaxNode | undefined)[] = [];
  if (arg.name === 'ArrayExpression') {
    for (let c = arg.firstChild; c; c = c.nextSibling) {
      if (['[', ']', ','].includes(c.name) || c.type.isSkipped) continue;
      // `...names` stands for any number of names: one drop of no name, its operand skipped.
      items.push(c.name === 'Spread' ? undefined : c);
      if (c.name === 'Spread') c = c.nextSibling ?? c;
    }
  } else items.push(arg);
  return items.map((item) => {
    const name = item ? givenName(item, ctx) : undefined;
    return {
      kind: 'drop_constraint',
      ...placeOf(where),
      ...(name ? { constraintName: name } : {}),
      lock: { mode: 'AccessExclusiveLock' },
    };
  });
}
