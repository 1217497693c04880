import type { SyntaxNode } from '@lezer/common';
import type { Fix, TextEdit } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import { parsePythonText } from '../../../migrations/python-parser.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { LineIndex } from '../../../text-position.js';

const IMPORT = 'from django.contrib.postgres.operations import AddIndexConcurrently';
/** Imported by its own name (`import AddIndexConcurrently as X` would leave the name unbound). */
const IMPORTED =
  /^from[ \t]+django\.contrib\.postgres\.operations[ \t]+import[ \t]+[^\n(]*\bAddIndexConcurrently\b(?![ \t]+as\b)/m;

/**
 * MIG020's fix in a Django migration: `migrations.AddIndex(...)` becomes `AddIndexConcurrently(...)`
 * (django.contrib.postgres.operations, the same arguments), and the Migration class says
 * `atomic = False` (PostgreSQL refuses CONCURRENTLY inside a transaction, and Django runs an atomic
 * migration in one). Offered only where that is certain from the file: the AddIndex is the one
 * operation of the one `class Migration`'s `operations = [...]` (with `atomic = False` every
 * operation runs outside a transaction: another would lose its own), the class does not set
 * `atomic` already, and the module's imports are each on one line (the new one goes after them).
 */
export function djangoConcurrentlyFix(op: SchemaOp, module: MigrationModule, text: string): Fix | undefined {
  if (op.kind !== 'create_index' || op.concurrently) return undefined;
  // The one operation, as the module's reading found them, before the file is parsed again: each
  // AddIndex of a migration with many asked for this fix, and each parse was of the whole file
  // (1,000 AddIndex in one list: 52 s).
  if (module.django?.operations.length !== 1) return undefined;
  const tree = parsePythonText(text);
  const classes = tree.topNode.getChildren('ClassDefinition').filter((c) => nameOf(c, text) === 'Migration');
  const body = classes.length === 1 ? classes[0]?.getChild('Body') : undefined;
  if (!body) return undefined;
  const statements = body.getChildren('AssignStatement');
  const assigned = (name: string) => statements.filter((s) => nameOf(s, text) === name);
  const operations = assigned('operations');
  if (operations.length !== 1 || assigned('atomic').length > 0) return undefined;
  const list = operations[0]?.getChild('ArrayExpression');
  const items = list ? list.getChildren('CallExpression') : [];
  const call = items.length === 1 ? items[0] : undefined;
  const callee = call?.firstChild;
  if (!list || !call || !callee || list.getChildren('⚠').length > 0) return undefined;
  // Only the call: any other element of the list (a name, a comprehension) is another operation.
  // (Nodes are made afresh on each walk: compared by where they are, not by identity.)
  for (let n = list.firstChild; n; n = n.nextSibling)
    if (n.from !== call.from && !['[', ']', ','].includes(n.name)) return undefined;
  if (text.slice(callee.from, callee.to) !== 'migrations.AddIndex') return undefined;
  const index = new LineIndex(text);
  if (index.position(call.from).line !== op.range.start.line) return undefined;
  const imports = tree.topNode.getChildren('ImportStatement');
  const last = imports[imports.length - 1];
  if (!last || imports.some((i) => text.slice(i.from, i.to).includes('\n'))) return undefined;
  const first = body.firstChild?.nextSibling;
  if (!first) return undefined;
  const firstAt = index.position(first.from);
  const indent = index.lineText(firstAt.line).slice(0, firstAt.character);
  if (!/^[ \t]+$/.test(indent)) return undefined;
  const lineStart = { line: firstAt.line, character: 0 };
  const edits: TextEdit[] = [
    {
      file: module.path,
      range: { start: lineStart, end: lineStart },
      newText: `${indent}atomic = False\n\n`,
    },
    {
      file: module.path,
      range: { start: index.position(callee.from), end: index.position(callee.to) },
      newText: 'AddIndexConcurrently',
    },
  ];
  if (!IMPORTED.test(text)) {
    const end = index.position(last.to);
    edits.unshift({ file: module.path, range: { start: end, end }, newText: `\n${IMPORT}` });
  }
  return { title: 'Build it with AddIndexConcurrently in a migration with atomic = False', edits };
}

function nameOf(node: SyntaxNode | undefined, text: string): string | undefined {
  const name = node?.getChild('VariableName');
  return name ? text.slice(name.from, name.to) : undefined;
}
