import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import { collectionItems, staticString, staticValue, str } from './python-syntax.js';

/**
 * `branch_labels` as Alembic would see it, as far as the file alone tells. OpenStack projects
 * name their labels through constants (`branch_labels = (cli.EXPAND_BRANCH,)`,
 * `branch_labels = migration.EXPAND_BRANCH`, `('ocata01', migration.CONTRACT_BRANCH)`): such
 * an element is still a label, only its value is unknown. It is kept as its source text
 * (`cli.EXPAND_BRANCH`), which tells two labels apart as well as their values would: Alembic
 * refuses the same label on two revisions, so equal text on two lines is the same constant.
 * A module-level name bound once to a string literal is followed to its value.
 */
export interface BranchLabels {
  values: string[];
  range: Range;
  /** Some element is not a literal; its source text stands for the label. */
  dynamic: boolean;
}

export function readBranchLabels(
  value: SyntaxNode,
  src: string,
  range: Range,
  names: ReadonlyMap<string, SyntaxNode | null>,
): BranchLabels {
  const literal = staticValue(value, src);
  if (literal === null) return { values: [], range, dynamic: false };
  if (typeof literal === 'string') return { values: [literal], range, dynamic: false };
  if (Array.isArray(literal) && literal.every((x) => typeof x === 'string'))
    return { values: literal as string[], range, dynamic: false };
  const elements =
    value.name === 'TupleExpression' ||
    value.name === 'ArrayExpression' ||
    value.name === 'ParenthesizedExpression'
      ? collectionItems(value)
      : [value];
  const values: string[] = [];
  for (const el of elements) {
    const text = staticString(el, src)?.value ?? boundString(el, src, names);
    values.push(text ?? src.slice(el.from, el.to).replace(/\s+/g, ''));
  }
  return { values, range, dynamic: true };
}

/** `EXPAND = 'expand'` at module level, then `branch_labels = (EXPAND,)`. */
function boundString(
  el: SyntaxNode,
  src: string,
  names: ReadonlyMap<string, SyntaxNode | null>,
): string | undefined {
  if (el.name !== 'VariableName') return undefined;
  const bound = names.get(src.slice(el.from, el.to));
  return str(bound, src);
}
