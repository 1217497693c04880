import type { SyntaxNode } from '@lezer/common';
import type { Finding, Fix, Range } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import type { MigrationTree } from '../../../migrations/migration-analysis.js';
import { parsePythonText } from '../../../migrations/python-parser.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { LineIndex, positionKey } from '../../../text-position.js';
import { ALEMBIC_SET } from './lock-timeout-fix.js';
import type { MigFacts } from './mig-facts.js';
import { fixOf, inFileOrder, type Memo, provenNote, type ValidateLaterStep } from './validate-later-step.js';

const PLAIN = /^[a-z_][a-z0-9_]*$/;
/** What an `op.alter_column` may say besides `nullable=False` for its rewrite to keep its meaning. */
const KEPT_KEYWORDS = new Set(['nullable', 'existing_type', 'existing_nullable', 'existing_server_default']);

/**
 * The validate-later fix in an Alembic revision (Django and JS migrations are not offered one):
 * `postgresql_not_valid=True` on `op.create_foreign_key`/`op.create_check_constraint`, or
 * `op.alter_column(..., nullable=False)` rewritten to a CHECK (c IS NOT NULL) added NOT VALID; and
 * a new revision after the head whose upgrade() validates (and sets NOT NULL, then drops the
 * check). A suggestion only where a person must judge: the revision is not the head, or a
 * constraint name not wrapped in `op.f()` (a `naming_convention` on target_metadata can rename it,
 * and the VALIDATE would name another constraint), or the history has several heads (then it
 * follows this revision, if it is one of them; no fix if it is not).
 */
export function alembicValidateLater(
  facts: MigFacts,
  entry: { tree: MigrationTree; module: MigrationModule },
  at: readonly number[],
  findings: readonly Finding[],
  pg12: boolean,
  memo: Memo,
): { fix: Fix; findings: number[] } | undefined {
  const { tree, module } = entry;
  const revision = module.revision?.value;
  if (module.django || module.js || revision === undefined || module.revisionDynamic) return undefined;
  let shape = memo.trees.get(tree);
  if (!shape) {
    shape = { heads: tree.graph.heads(), known: new Set(tree.modules.map((m) => m.revision?.value)) };
    memo.trees.set(tree, shape);
  }
  const { heads, known } = shape;
  // Several heads: only after this revision, when it is one of them, and only as a suggestion.
  if (heads.length === 0 || (heads.length > 1 && !heads.includes(revision))) return undefined;
  const text = facts.ctx.repo.readFile(module.path);
  if (text === undefined || !/^from[ \t]+alembic[ \t]+import[ \t]+[^\n]*\bop\b/m.test(text)) return undefined;
  const index = new LineIndex(text);
  const body = upgradeBody(text);
  if (!body) return undefined;
  const ops = module.upgrade?.ops ?? [];
  const steps: ValidateLaterStep[] = [];
  const fixed: number[] = [];
  const unsure: string[] = [];
  // The first op starting at each place, as a search from the start would find it: one per finding.
  const opAt = new Map<string, SchemaOp>();
  for (const o of ops) {
    const key = positionKey(o.range.start);
    if (!opAt.has(key)) opAt.set(key, o);
  }
  for (const i of inFileOrder(at, findings)) {
    const f = findings[i] as Finding;
    const op = opAt.get(positionKey(f.range.start));
    const plain = op && op.source === 'op' && !op.file && !op.via && !op.inHelper && !op.schema;
    const call = plain ? statementCall(text, index, op.range, body) : undefined;
    if (!op || !call) continue;
    const step =
      f.rule === 'MIG023'
        ? pg12
          ? alterColumnStep(op, call, module.path, text, index)
          : undefined
        : notValidStep(op, call, module.path, text, index, unsure);
    if (step) {
      steps.push(step);
      fixed.push(i);
    }
  }
  if (steps.length === 0) return undefined;
  const head = heads.length > 1 ? revision : (heads[0] as string);
  if (heads.length > 1) unsure.unshift(`the history has ${heads.length} heads (${heads.join(', ')})`);
  else if (head !== revision) unsure.unshift(`${revision} is not the head (${head} is)`);
  let id = revisionId(`${head}\u0000${steps.flatMap((s) => s.later).join('\n')}`);
  while (known.has(id)) id = revisionId(id);
  const name = steps.length === 1 ? (steps[0] as ValidateLaterStep).name : 'constraints';
  const path = `${tree.root}/${id}_validate_${name}.py`;
  if (memo.listed().has(path)) return undefined;
  const imports = importLines(text);
  if (imports === undefined) return undefined;
  const top = { line: 0, character: 0 };
  const newText = revisionText(id, head, revision, imports, steps);
  const created = [{ file: path, range: { start: top, end: top }, newText, create: true as const }];
  return {
    fix: fixOf(steps, created, path, unsure.length > 0 ? unsure.join('; ') : undefined),
    findings: fixed,
  };
}

/**
 * The revision's own module-level imports, for the new one (the `op.alter_column` it copies may
 * name `sa.Text()`); undefined when one spans lines.
 */
export function importLines(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/).filter((l) => /^(import|from)[ \t]/.test(l));
  return lines.some((l) => /[(\\][ \t]*(#.*)?$/.test(l)) ? undefined : lines;
}

function revisionText(
  id: string,
  head: string,
  from: string,
  imports: readonly string[],
  steps: readonly ValidateLaterStep[],
): string {
  const undo = steps.flatMap((s) => s.undo);
  const down =
    undo.length > 0
      ? undo.map((s) => `    ${s}\n`).join('')
      : `    # Nothing to undo: validating changes no schema; ${from}'s downgrade drops the constraint.\n    pass\n`;
  return [
    `"""Validate what ${from} added NOT VALID\n\nRevision ID: ${id}\nRevises: ${head}\n"""`,
    `${imports.join('\n')}\n`,
    `revision = "${id}"\ndown_revision = "${head}"\nbranch_labels = None\ndepends_on = None\n\n`,
    `def upgrade():\n    ${ALEMBIC_SET}\n${steps
      .flatMap((s) => s.later)
      .map((s) => `    ${s}\n`)
      .join('')}\n`,
    `def downgrade():\n${down}`,
  ].join('\n');
}

/** Twelve hex digits from the text (FNV-1a, twice): Alembic's length, the same on every run. */
export function revisionId(seed: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    a = Math.imul(a ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ seed.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 12);
}

/**
 * The one module-level `def upgrade`'s body: where it runs and its statements' indentation. Only
 * a call at that indentation, on lines of its own, is rewritten: one inside an `if` or a loop
 * may not run, and the new revision's VALIDATE would.
 */
export function upgradeBody(
  text: string,
  name = 'upgrade',
): { from: number; to: number; indent: string } | undefined {
  const defs = [
    ...text.matchAll(new RegExp(`^def[ \\t]+${name}[ \\t]*\\([^)]*\\)[^:\\n]*:[ \\t]*(?:#.*)?\\r?\\n`, 'gm')),
  ];
  const def = defs.length === 1 ? defs[0] : undefined;
  if (!def) return undefined;
  const from = (def.index ?? 0) + def[0].length;
  const first = /^([ \t]+)\S/m.exec(text.slice(from));
  if (!first) return undefined;
  const end = /^\S/m.exec(text.slice(from));
  return { from, to: end ? from + end.index : text.length, indent: first[1] as string };
}

/** A call and where its text starts in the file (it is parsed alone: a whole module is not). */
export interface Call {
  node: SyntaxNode;
  base: number;
  /** The text parsed: the node's offsets are into it. */
  source: string;
}

/**
 * The `op.<name>(...)` call that `range` covers, when it is a statement of its own lines directly
 * in `upgrade()`; parsed alone (the module's own parse is not kept, and a check with a thousand
 * findings would parse a thousand modules again).
 */
export function statementCall(
  text: string,
  index: LineIndex,
  range: Range,
  body: { from: number; to: number; indent: string },
): Call | undefined {
  const from = index.offset(range.start);
  const to = index.offset(range.end);
  if (from < body.from || to > body.to) return undefined;
  if (index.lineText(range.start.line).slice(0, range.start.character) !== body.indent) return undefined;
  if (!/^[ \t]*(#.*)?$/.test(index.lineText(range.end.line).slice(range.end.character))) return undefined;
  const source = text.slice(from, to);
  const tree = parsePythonText(source);
  const statement = tree.topNode.firstChild;
  const node = statement?.name === 'ExpressionStatement' ? statement.firstChild : null;
  if (node?.name !== 'CallExpression' || node.from !== 0 || node.to !== to - from || statement?.nextSibling)
    return undefined;
  return { node, base: from, source };
}

/** Its arguments' nodes (commas and parentheses left out). */
export function argsOf(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n = call.getChild('ArgList')?.firstChild ?? null; n; n = n.nextSibling)
    if (!['(', ')', ','].includes(n.name)) out.push(n);
  return out;
}

/** `, postgresql_not_valid=True` after the last argument (after a trailing comma, there). */
function keywordEdit(call: Call, path: string, text: string, index: LineIndex, keyword: string) {
  const args = call.node.getChild('ArgList') as SyntaxNode;
  const inner = text.slice(call.base + args.from, call.base + args.to - 1).trimEnd();
  const at = index.position(call.base + args.from + inner.length);
  return {
    file: path,
    range: { start: at, end: at },
    newText: inner.endsWith(',') ? ` ${keyword},` : `, ${keyword}`,
  };
}

function notValidStep(
  op: SchemaOp,
  call: Call,
  path: string,
  text: string,
  index: LineIndex,
  unsure: string[],
): ValidateLaterStep | undefined {
  const source = text.slice(call.base + call.node.from, call.base + call.node.to);
  const name = op.constraintName;
  if (
    op.kind !== 'add_constraint' ||
    op.notValid ||
    !/^op\.create_(foreign_key|check_constraint)\b/.test(source)
  )
    return undefined;
  // A schema keyword (`source_schema=`): the VALIDATE would name the table on the search path.
  if (
    /postgresql_not_valid|schema\s*=/.test(source) ||
    !name ||
    !op.table ||
    !PLAIN.test(name) ||
    !PLAIN.test(op.table)
  )
    return undefined;
  const first = argsOf(call.node)[0];
  const nameText = first ? text.slice(call.base + first.from, call.base + first.to) : '';
  if (!/^op\.f\(/.test(nameText))
    unsure.push(`${nameText} is not wrapped in op.f(), so a naming_convention could rename it`);
  return {
    inPlace: [keywordEdit(call, path, text, index, 'postgresql_not_valid=True')],
    later: [`op.execute("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}")`],
    undo: [],
    name,
  };
}

/** `op.alter_column("t", "c", nullable=False)` (with existing_* only) as a CHECK added NOT VALID. */
function alterColumnStep(
  op: SchemaOp,
  call: Call,
  path: string,
  text: string,
  index: LineIndex,
): ValidateLaterStep | undefined {
  const from = call.base;
  const to = call.base + call.node.to;
  const source = text.slice(from, to);
  const { table, column } = op;
  if (op.kind !== 'set_not_null' || !table || !column || !PLAIN.test(table) || !PLAIN.test(column))
    return undefined;
  if (!/^op\.alter_column\(/.test(source)) return undefined;
  const keywords = [...source.matchAll(/\b([A-Za-z_]\w*)\s*=(?!=)/g)].map((m) => m[1] as string);
  if (keywords.some((k) => !KEPT_KEYWORDS.has(k)) || !/\bnullable\s*=\s*False\b/.test(source))
    return undefined;
  if (/["']{3}/.test(source)) return undefined;
  const check = `${table}_${column}_not_null`;
  if (check.length > 63) return undefined;
  const indent = index.lineText(index.position(from).line).slice(0, index.position(from).character);
  const flat = source.replace(new RegExp(`\\n${indent}`, 'g'), '\n    ');
  return {
    inPlace: [
      {
        file: path,
        range: { start: index.position(from), end: index.position(to) },
        newText: `op.create_check_constraint(op.f("${check}"), "${table}", "${column} IS NOT NULL", postgresql_not_valid=True)`,
      },
    ],
    later: [
      `op.execute("ALTER TABLE ${table} VALIDATE CONSTRAINT ${check}")`,
      `${provenNote('#', check)}\n    ${flat}`,
      `op.drop_constraint(op.f("${check}"), "${table}", type_="check")`,
    ],
    undo: [flat.replace(/\bnullable\s*=\s*False\b/, 'nullable=True')],
    name: `${column}_not_null`,
  };
}
