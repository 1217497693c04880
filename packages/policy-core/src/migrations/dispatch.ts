import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import type { FunctionShape } from './function-shape.js';

/**
 * Alembic's `multidb` template: `def upgrade(engine_name): globals()["upgrade_%s" % engine_name]()`
 * runs `upgrade_<engine>()` for each database. Those functions are the migration; Slipway reads
 * each as part of upgrade()/downgrade() and lists them (FunctionFacts.dispatched), so MIG110 and
 * MIG111 can pair `upgrade_<engine>` with `downgrade_<engine>`.
 */
export interface DispatchedFunction {
  /** `upgrade_engine1`. */
  name: string;
  /** `engine1`: what pairs it with the other direction's function. */
  suffix: string;
  /** The `def name` line. */
  range: Range;
  /** How its body reads, as FunctionFacts.shape says of upgrade()/downgrade(). */
  shape: FunctionShape;
}

/**
 * `globals()["upgrade_%s" % name]()`, `globals()[f"upgrade_{name}"]()`, `globals()["upgrade_" + name]()`:
 * the fixed start of the function name ("upgrade_"). Undefined for any other call.
 */
export function globalsDispatchPrefix(call: SyntaxNode, src: string): string | undefined {
  const callee = call.firstChild;
  if (callee?.name !== 'MemberExpression' || callee.lastChild?.name !== ']') return undefined;
  const table = callee.firstChild;
  if (table?.name !== 'CallExpression' || table.firstChild?.name !== 'VariableName') return undefined;
  if (src.slice(table.firstChild.from, table.firstChild.to) !== 'globals') return undefined;
  let key = table.nextSibling?.nextSibling ?? null;
  const joined = key?.name === 'BinaryExpression';
  if (joined) key = key?.firstChild ?? null;
  if (key?.name !== 'String' && key?.name !== 'FormatString') return undefined;
  const raw = src.slice(key.from, key.to).replace(/^[a-zA-Z]*("""|'''|"|')/, '');
  const prefix = /^[A-Za-z_]\w*/.exec(raw)?.[0];
  // The name must be built from something: a complete literal is an ordinary call.
  const rest = raw.slice(prefix?.length ?? 0);
  const built = /^[%{]/.test(rest) || (joined && /^("""|'''|"|')$/.test(rest));
  return prefix !== undefined && built ? prefix : undefined;
}

/** Each suffix's first function (as a search from the start would find it), for pairing by suffix. */
export function bySuffix(fns: readonly DispatchedFunction[]): Map<string, DispatchedFunction> {
  const out = new Map<string, DispatchedFunction>();
  for (const fn of fns) if (!out.has(fn.suffix)) out.set(fn.suffix, fn);
  return out;
}
