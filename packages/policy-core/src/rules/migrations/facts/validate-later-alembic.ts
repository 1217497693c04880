import type { SyntaxNode } from '@lezer/common';
import type { Finding, Fix, Range } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import type { MigrationTree } from '../../../migrations/migration-analysis.js';
import { parsePythonText } from '../../../migrations/python-parser.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { LineIndex } from '../../../text-position.js';
import type { MigFacts } from './mig-facts.js';
import { fixOf, inFileOrder, provenNote, type ValidateLaterStep } from './validate-later-step.js';

const PLAIN = /^[a-z_][a-z0-9_]*$/;
/** What an `op.alter_column` may say besides `nullable=False` for its rewrite to keep its meaning. */
const KEPT_KEYWORDS = new Set(['nullable', 'existing_type', 'existing_nullable', 'existing_server_default']);

const same = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character;

/**
 * The validate-later fix in an Alembic revision (Django and JS migrations are not offered one):
 * `postgresql_not_valid=True` on `op.create_foreign_key`/`op.create_check_constraint`, or
 * `op.alter_column(..., nullable=False)` rewritten to a CHECK (c IS NOT NULL) added NOT VALID; and
 * a new revision after the head whose upgrade() validates (and sets NOT NULL, then drops the
 * check). A suggestion only where a person must judge: the revision is not the head, or a
 * constraint name not wrapped in `op.f()` (a `naming_convention` on target_metadata can rename it,
 * and the VALIDATE would name another constraint). No fix where the history has several heads.
 */
export function alembicValidateLater(
  facts: MigFacts,
  entry: { tree: MigrationTree; module: MigrationModule },
  at: readonly number[],
  findings: readonly Finding[],
  pg12: boolean,
  listed: () => Set<string>,
): { fix: Fix; findings: number[] } | undefined {
  const { tree, module } = entry;
  const revision = module.revision?.value;
  if (module.django || module.js || revision === undefined || module.revisionDynamic) return undefined;
  const heads = tree.graph.heads();
  if (heads.length !== 1) return undefined;
  const text = facts.ctx.repo.readFile(module.path);
  if (text === undefined || !/^from[ \t]+alembic[ \t]+import[ \t]+[^\n]*\bop\b/m.test(text)) return undefined;
  const tree0 = parsePythonText(text);
  const index = new LineIndex(text);
  const ops = module.upgrade?.ops ?? [];
  const steps: ValidateLaterStep[] = [];
  const fixed: number[] = [];
  const unsure: string[] = [];
  for (const i of inFileOrder(at, findings)) {
    const f = findings[i] as Finding;
    const op = ops.find((o) => same(o.range, f.range));
    const call =
      op && op.source === 'op' && op.file === undefined
        ? callAt(tree0, index.offset(op.range.start))
        : undefined;
    if (!op || !call || op.schema !== undefined) continue;
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
  const head = heads[0] as string;
  if (head !== revision) unsure.unshift(`${revision} is not the head (${head} is)`);
  const known = new Set(tree.modules.map((m) => m.revision?.value));
  let id = revisionId(`${head}\u0000${steps.flatMap((s) => s.later).join('\n')}`);
  while (known.has(id)) id = revisionId(id);
  const name = steps.length === 1 ? (steps[0] as ValidateLaterStep).name : 'constraints';
  const path = `${tree.root}/${id}_validate_${name}.py`;
  if (listed().has(path)) return undefined;
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
function importLines(text: string): string[] | undefined {
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
    `def upgrade():\n    op.execute("SET lock_timeout = '5s'")\n${steps
      .flatMap((s) => s.later)
      .map((s) => `    ${s}\n`)
      .join('')}\n`,
    `def downgrade():\n${down}`,
  ].join('\n');
}

/** Twelve hex digits from the text (FNV-1a, twice): Alembic's length, the same on every run. */
function revisionId(seed: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    a = Math.imul(a ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ seed.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 12);
}

/** The `op.<name>(...)` call starting at `offset`. */
function callAt(tree: ReturnType<typeof parsePythonText>, offset: number): SyntaxNode | undefined {
  let node: SyntaxNode | null = tree.resolveInner(offset, 1);
  while (node && !(node.name === 'CallExpression' && node.from === offset)) node = node.parent;
  return node ?? undefined;
}

/** Its arguments' nodes (commas and parentheses left out). */
function argsOf(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n = call.getChild('ArgList')?.firstChild ?? null; n; n = n.nextSibling)
    if (!['(', ')', ','].includes(n.name)) out.push(n);
  return out;
}

/** `, postgresql_not_valid=True` after the last argument (after a trailing comma, there). */
function keywordEdit(call: SyntaxNode, path: string, text: string, index: LineIndex, keyword: string) {
  const args = call.getChild('ArgList') as SyntaxNode;
  const inner = text.slice(args.from, args.to - 1).trimEnd();
  const at = index.position(args.from + inner.length);
  return {
    file: path,
    range: { start: at, end: at },
    newText: inner.endsWith(',') ? ` ${keyword},` : `, ${keyword}`,
  };
}

function notValidStep(
  op: SchemaOp,
  call: SyntaxNode,
  path: string,
  text: string,
  index: LineIndex,
  unsure: string[],
): ValidateLaterStep | undefined {
  const source = text.slice(call.from, call.to);
  const name = op.constraintName;
  if (
    op.kind !== 'add_constraint' ||
    op.notValid ||
    !/^op\.create_(foreign_key|check_constraint)\b/.test(source)
  )
    return undefined;
  if (/postgresql_not_valid/.test(source) || !name || !op.table || !PLAIN.test(name) || !PLAIN.test(op.table))
    return undefined;
  const first = argsOf(call)[0];
  const nameText = first ? text.slice(first.from, first.to) : '';
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
  call: SyntaxNode,
  path: string,
  text: string,
  index: LineIndex,
): ValidateLaterStep | undefined {
  const source = text.slice(call.from, call.to);
  const { table, column } = op;
  if (op.kind !== 'set_not_null' || !table || !column || !PLAIN.test(table) || !PLAIN.test(column))
    return undefined;
  if (!/^op\.alter_column\(/.test(source) || call.parent?.name !== 'ExpressionStatement') return undefined;
  const keywords = [...source.matchAll(/\b([A-Za-z_]\w*)\s*=(?!=)/g)].map((m) => m[1] as string);
  if (keywords.some((k) => !KEPT_KEYWORDS.has(k)) || !/\bnullable\s*=\s*False\b/.test(source))
    return undefined;
  if (/["']{3}/.test(source)) return undefined;
  const check = `${table}_${column}_not_null`;
  if (check.length > 63) return undefined;
  const line = index.lineText(index.position(call.from).line);
  const indent = line.slice(0, index.position(call.from).character);
  if (!/^[ \t]+$/.test(indent)) return undefined;
  const flat = source.replace(new RegExp(`\\n${indent}`, 'g'), '\n    ');
  return {
    inPlace: [
      {
        file: path,
        range: { start: index.position(call.from), end: index.position(call.to) },
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
