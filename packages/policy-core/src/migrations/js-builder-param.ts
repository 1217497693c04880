import type { SyntaxNode } from '@lezer/common';
import { text } from './js-walk.js';

/**
 * The name the builder arrives under in `up`/`down`: the first parameter (`up(queryInterface)`,
 * `up(db: Kysely<any>)`), or the `context` umzug hands a migration (`up({ context: queryInterface })`,
 * `up({ context })`). `unread`: a first parameter of another shape, whose uses are not read.
 */
export function builderParam(fn: SyntaxNode, src: string): { name?: string; unread?: SyntaxNode } {
  const list = fn.getChild('ParamList');
  const first = list?.firstChild?.name === '(' ? list.firstChild.nextSibling : list?.firstChild;
  if (!first || first.name === ')') return {};
  if (first.name === 'VariableDefinition') return { name: text(first, src) };
  if (first.name === 'ObjectPattern')
    for (const p of first.getChildren('PatternProperty')) {
      const key = p.getChild('PropertyName') ?? p.getChild('VariableDefinition');
      const bound = p.getChild('VariableDefinition');
      if (key && bound && text(key, src) === 'context') return { name: text(bound, src) };
    }
  return { unread: first };
}
