import type { SyntaxNode } from '@lezer/common';

/** What a module exports as `up`, `down` and `config` (Knex) or its migration class holds (TypeORM). */
export interface Found {
  up?: SyntaxNode;
  down?: SyntaxNode;
  /** A value bound to up/down that is not a function written in the file. */
  opaque: { which: 'up' | 'down'; node: SyntaxNode }[];
  autocommit: boolean;
  /** TypeORM: the class's name (or its `name` property), which TypeORM records as applied. */
  name?: string;
  /** TypeORM: the class's methods a call on its own `this` reaches (js-local-calls.ts). */
  methods?: ReadonlyMap<string, SyntaxNode>;
  /** MikroORM: what of the class decides how it runs and is not read, said at `up`. */
  unread?: { node: SyntaxNode; what: string }[];
}
