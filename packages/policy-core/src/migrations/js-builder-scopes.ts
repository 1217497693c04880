import type { SyntaxNode } from '@lezer/common';

/** A table builder's parameter (`t` of `alterTable('users', (t) => ...)`) and what it builds. */
export interface Builder {
  table?: string;
  schema?: string;
  /**
   * The table's name as the call wrote it (`s.t` whole; a withSchema schema not in it): Knex
   * names the keys it makes from this (`tableNameRaw`), not from the table and schema apart.
   */
  written?: string;
  mode: 'create' | 'alter';
}

/**
 * The table builders a walk has met, each bound to its callback's parameter inside that callback
 * only. One chain hands several callbacks their builders at once
 * (`knex.schema.alterTable('links', (table) => …).createTable('tags', (table) => …)`), all before
 * the walk reaches their bodies, and they commonly share a parameter name: a use of `table` is the
 * builder of the callback it sits in, never the last one bound under that name.
 */
export class BuilderScopes {
  private readonly byName = new Map<string, { from: number; to: number; builder: Builder }[]>();

  /** `name` is the builder `b` inside the function `fn` (its parameter list and body). */
  bind(name: string, fn: SyntaxNode, b: Builder): void {
    const list = this.byName.get(name) ?? [];
    list.push({ from: fn.from, to: fn.to, builder: b });
    this.byName.set(name, list);
  }

  /** The builder `name` is at `pos`: the innermost callback around `pos` that binds it. */
  at(name: string, pos: number): Builder | undefined {
    let best: { from: number; to: number; builder: Builder } | undefined;
    for (const s of this.byName.get(name) ?? [])
      if (s.from <= pos && pos < s.to && (!best || s.from >= best.from)) best = s;
    return best?.builder;
  }
}
