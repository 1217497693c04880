// The Knex query builders a walk has met kept unrun in `const` names (js-knex-kept.ts says which
// are followed and why), each bound to its name from its declaration to its block's end.

/** A query builder kept in a name: its table, the calls written on it so far, where the name holds. */
export interface KeptQuery {
  name: string;
  table?: string;
  /** The chain's method names, the kept ones first. */
  names: string[];
  from: number;
  to: number;
  /**
   * A call through the name that is not itself the row change (`q.where(...)` in a loop, `q`
   * handed on): it may have added a WHERE, or not; a later UPDATE/DELETE cannot be judged.
   */
  touched: boolean;
}

/** The query builders kept in `const` names of one function body, each from its declaration to its scope's end. */
export class KeptQueries {
  private readonly byName = new Map<string, KeptQuery[]>();

  keep(q: KeptQuery): void {
    const list = this.byName.get(q.name) ?? [];
    list.push(q);
    this.byName.set(q.name, list);
  }

  /** The builder `name` holds at `pos`: the innermost declaration whose scope is around `pos`. */
  at(name: string, pos: number): KeptQuery | undefined {
    let best: KeptQuery | undefined;
    for (const q of this.byName.get(name) ?? [])
      if (q.from <= pos && pos < q.to && (!best || q.from >= best.from)) best = q;
    return best;
  }
}
