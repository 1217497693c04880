import type { SyntaxNode } from '@lezer/common';
import type { LineIndex } from '../text-position.js';
import type { DispatchedFunction } from './dispatch.js';
import { importRefs } from './op-imports.js';
import type { OpRef, Unfollowed } from './op-reach.js';
import { noteModuleRef } from './module-refs.js';
import type { SchemaOp } from './schema-op.js';

/**
 * What a revision binds inside a module-level `if`, `try`, `with` or loop: Python may or may not
 * run each branch, so a gate reads every branch as run. An import of `op` under another name
 * (`try: from alembic import op as o` / `except ImportError: o = None`) binds it, whatever the
 * other branch binds; an `upgrade` defined in a branch is judged, and every such definition is
 * judged when there are several (`if offline: def upgrade(): ...` / `else: def upgrade(): ...`).
 * Bindings are only ever added here: a branch that rebinds a name to nothing cannot hide the
 * branch that bound it to op.
 */
export interface ConditionalBindings {
  /** Every `def upgrade` (or `upgrade = fn`) inside a module-level compound statement. */
  upgrades: SyntaxNode[];
  /** The first compound statement that binds `upgrade` to something Slipway cannot read. */
  unreadUpgrade?: SyntaxNode;
  /** The first compound statement that binds `upgrade` at all: where MIG042 says so. */
  where?: SyntaxNode;
}

const COMPOUND = new Set([
  'IfStatement',
  'TryStatement',
  'WithStatement',
  'ForStatement',
  'WhileStatement',
  'MatchStatement',
]);

export function isCompound(stmt: SyntaxNode): boolean {
  return COMPOUND.has(stmt.name);
}

/** Reads a module-level compound statement's branches into `refs` and `functions`, additively. */
export function readConditionalBindings(
  stmt: SyntaxNode,
  src: string,
  refs: Map<string, OpRef | null>,
  functions: Map<string, SyntaxNode>,
  out: ConditionalBindings,
): void {
  for (const body of bodies(stmt))
    for (let s = body.firstChild; s; s = s.nextSibling) {
      if (isCompound(s)) {
        readConditionalBindings(s, src, refs, functions, out);
        continue;
      }
      const def = s.name === 'DecoratedStatement' ? s.getChild('FunctionDefinition') : s;
      if (def?.name === 'FunctionDefinition') {
        const name = def.getChild('VariableName');
        const text = name ? src.slice(name.from, name.to) : undefined;
        if (text === undefined) continue;
        functions.set(text, def);
        if (text === 'upgrade') {
          out.upgrades.push(def);
          out.where ??= stmt;
        }
      } else if (s.name === 'AssignStatement') {
        // noteModuleRef binds only the statement's target: its earlier ref is all there is to keep.
        const target = s.firstChild?.name === 'VariableName' ? s.firstChild : undefined;
        const name = target ? src.slice(target.from, target.to) : undefined;
        const had = name === undefined ? undefined : refs.get(name);
        const hadUpgrade = functions.get('upgrade');
        const bound = noteModuleRef(s, src, refs, functions);
        if (name !== undefined && had !== undefined && !refs.has(name)) refs.set(name, had);
        const now = functions.get('upgrade');
        if (now && now !== hadUpgrade) {
          out.upgrades.push(now);
          out.where ??= stmt;
        } else if (bound === 'upgrade') {
          if (hadUpgrade) functions.set('upgrade', hadUpgrade);
          out.unreadUpgrade ??= s;
          out.where ??= stmt;
        }
      } else if (s.name === 'ImportStatement')
        for (const [name, ref] of importRefs(s, src)) {
          if (ref) refs.set(name, ref);
          if (name === 'upgrade') {
            out.unreadUpgrade ??= s;
            out.where ??= stmt;
          }
        }
    }
}

/** The statement lists of a compound statement: each branch's `Body`. */
function bodies(stmt: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = stmt.firstChild; c; c = c.nextSibling) {
    if (c.name === 'Body') out.push(c);
    // `match`: each `case` clause holds its own Body.
    else if (c.name === 'MatchBody')
      for (let k = c.firstChild; k; k = k.nextSibling) {
        const b = k.getChild('Body');
        if (b) out.push(b);
      }
  }
  return out;
}

/** `upgrade = ...` at module level, whatever the value (it replaces every earlier binding). */
export function isBinding(stmt: SyntaxNode, src: string, name: string): boolean {
  const target = stmt.firstChild;
  return target?.name === 'VariableName' && src.slice(target.from, target.to) === name;
}

type Ops = { ops: SchemaOp[]; dispatched: DispatchedFunction[]; unfollowed: Unfollowed[] };

/** Every candidate upgrade()'s operations, in source order of the definitions. */
export function mergedOps(each: Ops[]): Ops {
  if (each.length === 1) return each[0] as Ops;
  return {
    ops: each.flatMap((o) => o.ops),
    dispatched: each.flatMap((o) => o.dispatched),
    unfollowed: each.flatMap((o) => o.unfollowed),
  };
}

/** MIG042's note: which upgrade() runs is decided when the module loads. */
export function conditionalUpgrade(where: SyntaxNode, src: string, lines: LineIndex): Unfollowed {
  const text = src.slice(where.from, where.to).split('\n')[0] as string;
  const keyword = text.trim().split(/[\s:(]/)[0] ?? 'if';
  return {
    range: lines.range(where.from, where.from + text.length),
    construct: text.length > 80 ? `${text.slice(0, 77)}...` : text,
    what: `\`upgrade\` is bound inside a module-level \`${keyword}\`: which binding runs is decided when the module loads`,
    consequence: 'so the rules judged every definition they could read, not knowing which one runs',
  };
}
