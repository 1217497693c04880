import type { SyntaxNode, Tree } from '@lezer/common';
import type { LineIndex } from '../text-position.js';

/**
 * Where a statement put first in a revision's `upgrade()` goes, read while the module's tree is at
 * hand (alembic-module.ts) so that a fix needs no second parse: the line of the first statement of
 * the one module-level `def upgrade` (after its docstring) and that line's indentation. Undefined
 * when that place is not certain: no such def or more than one, an empty body, a body on the
 * `def` line itself (`def upgrade(): op.drop_table("t")`), or something before the statement on
 * its line.
 */
export interface UpgradeFirstLine {
  /** 0-based line of the body's first statement. */
  line: number;
  /** The blanks before it on that line. */
  indent: string;
}

export function upgradeFirstLine(tree: Tree, text: string, lines: LineIndex): UpgradeFirstLine | undefined {
  const defs: SyntaxNode[] = [];
  for (let n = tree.topNode.firstChild; n; n = n.nextSibling) {
    const def = n.name === 'DecoratedStatement' ? n.getChild('FunctionDefinition') : n;
    if (
      def?.name === 'FunctionDefinition' &&
      text.slice(def.getChild('VariableName')?.from, def.getChild('VariableName')?.to) === 'upgrade'
    )
      defs.push(def);
  }
  const body = defs.length === 1 ? defs[0]?.getChild('Body') : undefined;
  if (!body) return undefined;
  const statements: SyntaxNode[] = [];
  for (let n = body.firstChild; n; n = n.nextSibling)
    if (n.name !== ':' && !n.type.isSkipped) statements.push(n);
  const first = isDocstring(statements[0], text) ? statements[1] : statements[0];
  if (!first) return undefined;
  const at = lines.position(first.from);
  const lineStart = first.from - at.character;
  const before = text.slice(lineStart, first.from);
  if (!/^[ \t]+$/.test(before) || at.line === lines.position(body.from).line) return undefined;
  return { line: at.line, indent: before };
}

function isDocstring(node: SyntaxNode | undefined, text: string): boolean {
  if (node?.name !== 'ExpressionStatement') return false;
  const only = node.firstChild;
  return only?.name === 'String' && only.nextSibling === null && text.slice(node.from, node.to).trim() !== '';
}
