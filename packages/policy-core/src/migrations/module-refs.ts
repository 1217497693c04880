import type { SyntaxNode } from '@lezer/common';
import type { LineIndex } from '../text-position.js';
import type { Range } from '../finding.js';
import { type OpRef, resolveRef, type Unfollowed } from './op-reach.js';

// What a revision's module-level assignments make of its names, as far as reaching `op` goes
// (op-reach.ts): aliases of op and of its methods, and which function `upgrade` names.

/**
 * `name = value` at module level, as op-reach.ts reads it: `drop = op.drop_table`, `o = op`, a
 * lambda; `upgrade = _retire` makes `upgrade` that function. A function name bound to anything
 * else no longer names the function. Returns the name when `upgrade` is bound to what is not
 * followed (a call, an imported function).
 */
export function noteModuleRef(
  stmt: SyntaxNode,
  src: string,
  refs: Map<string, OpRef | null>,
  functions: Map<string, SyntaxNode>,
): string | undefined {
  const target = stmt.firstChild;
  const value = stmt.lastChild;
  if (target?.name !== 'VariableName' || target.nextSibling?.name !== 'AssignOp') return undefined;
  if (!value || target.nextSibling.nextSibling?.from !== value.from) return undefined;
  const name = src.slice(target.from, target.to);
  const scope = { src, names: new Map(), refs: new Map(), enclosing: [], moduleRefs: refs, functions };
  const ref = resolveRef(value, scope);
  if (ref?.kind === 'fn' && ref.fn.name === 'FunctionDefinition') {
    functions.set(name, ref.fn);
    refs.delete(name);
    return undefined;
  }
  const had = functions.delete(name);
  if (ref) refs.set(name, ref);
  else refs.delete(name);
  return name === 'upgrade' && (had || ref?.kind !== 'fn') ? name : undefined;
}

/** `upgrade = <what Slipway cannot read>`: an upgrade() whose every step is unknown, said by MIG042. */
export function unreadUpgrade(
  stmt: SyntaxNode,
  src: string,
  lines: LineIndex,
): { range: Range; shape: 'code'; ops: []; unfollowed: Unfollowed[] } {
  const range = lines.range(stmt.from, stmt.to);
  const text = src.slice(stmt.from, stmt.to).split('\n')[0] as string;
  return {
    range,
    shape: 'code',
    ops: [],
    unfollowed: [
      {
        range,
        construct: text.length > 80 ? `${text.slice(0, 77)}...` : text,
        what: '`upgrade` is bound to something Slipway cannot read: what it runs is not followed',
      },
    ],
  };
}
