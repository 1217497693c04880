import type { SyntaxNode } from '@lezer/common';
import {
  type ConditionalBindings,
  isBinding,
  isCompound,
  readConditionalBindings,
} from './conditional-bindings.js';
import { noteModuleRef } from './module-refs.js';
import { noteModuleStatement } from './name-binding.js';
import { importRefs } from './op-imports.js';
import type { OpRef } from './op-reach.js';

// What a Python module's top-level statements bind, as the walk of a function body reads the
// module's names (op-calls.ts): its functions, the names bound once to a value (name-binding.ts)
// and the names that reach op or code elsewhere (op-reach.ts). One reading for a revision
// (alembic-module.ts) and for a module of the repository a revision calls into (helper-modules.ts).

export interface ModuleScope {
  /** Module-level functions, by the name they are bound to last. */
  functions: Map<string, SyntaxNode>;
  /** Names bound once to a value (null: more than once). */
  names: Map<string, SyntaxNode | null>;
  /** Names that stand for op, a method of op, a function, an imported module or name. */
  refs: Map<string, OpRef | null>;
}

export const emptyScope = (): ModuleScope => ({ functions: new Map(), names: new Map(), refs: new Map() });

/**
 * What binding `upgrade` a statement made: `def` (a function the walk reads), `unread` (bound to
 * what Slipway cannot read: a call, an imported function), `rebound` (bound otherwise).
 */
export type UpgradeBinding = 'def' | 'unread' | 'rebound' | undefined;

/** Binds one top-level statement's names into `scope` (a compound one's into `conditional`). */
export function bindModuleStatement(
  stmt: SyntaxNode,
  src: string,
  scope: ModuleScope,
  conditional: ConditionalBindings,
): UpgradeBinding {
  const { functions, refs, names } = scope;
  let upgrade: UpgradeBinding;
  // `@decorator` above a def wraps it in a DecoratedStatement.
  const def = stmt.name === 'DecoratedStatement' ? stmt.getChild('FunctionDefinition') : stmt;
  if (def?.name === 'FunctionDefinition') {
    const name = def.getChild('VariableName');
    const text = name ? src.slice(name.from, name.to) : undefined;
    if (text !== undefined) {
      functions.set(text, def);
      refs.delete(text);
      if (text === 'upgrade') upgrade = 'def';
    }
  } else if (stmt.name === 'AssignStatement') {
    const bound = noteModuleRef(stmt, src, refs, functions);
    if (bound === 'upgrade') upgrade = 'unread';
    else if (isBinding(stmt, src, 'upgrade')) upgrade = 'rebound';
  } else if (isCompound(stmt)) readConditionalBindings(stmt, src, refs, functions, conditional);
  else if (stmt.name === 'ImportStatement')
    for (const [name, ref] of importRefs(stmt, src)) {
      ref ? refs.set(name, ref) : refs.delete(name);
      // `from app.jobs import retire as upgrade`: upgrade is code Slipway does not read.
      if (name === 'upgrade') {
        functions.delete(name);
        upgrade = 'unread';
      }
    }
  noteModuleStatement(stmt, src, names);
  return upgrade;
}
