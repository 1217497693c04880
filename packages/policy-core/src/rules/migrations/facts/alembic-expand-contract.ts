import type { SyntaxNode } from '@lezer/common';
import type { Finding, Fix, TextEdit } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import type { MigrationTree } from '../../../migrations/migration-analysis.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { LineIndex, samePosition } from '../../../text-position.js';
import {
  backfillDo,
  backfillIntro,
  type ColumnMove,
  expandWhat,
  laterSteps,
  syncFunction,
  syncName,
  syncTrigger,
  undoes,
} from './expand-contract-sql.js';
import type { MigFacts } from './mig-facts.js';
import { argsOf, type Call, revisionId, statementCall, upgradeBody } from './validate-later-alembic.js';
import { safeRetype } from './safe-retype.js';
import { readSqlType } from '../../../migrations/sqlalchemy-type.js';

const PLAIN = /^[a-z_][a-z0-9_]*$/;
/** What `op.alter_column` may say beside the rename or the type for the plan to keep its meaning. */
const EXISTING = ['existing_type', 'existing_nullable', 'existing_server_default', 'existing_comment'];
/** What a revision id and a path may hold to be written into Python and comments as they are. */
const SAFE_ID = /^[A-Za-z0-9_]+$/;
const SAFE_PATH = /^[A-Za-z0-9_./-]+$/;
const RENAME_KEYWORDS = new Set(['new_column_name', ...EXISTING]);
const RETYPE_KEYWORDS = new Set(['type_', ...EXISTING]);

/**
 * The expand/contract fix (expand-contract-sql.ts) in an Alembic revision: the
 * `op.alter_column(...)` that renames a column (its `existing_type=` says the type) or changes its
 * type (`type_=`, no `postgresql_using`) becomes `op.add_column` and the trigger's `op.execute`s;
 * a new revision after the head runs the backfill inside `autocommit_block()`; the plain inverse
 * in downgrade() is rewritten to undo the expand step. A suggestion always; no fix where the call
 * says anything else, is not a statement of its own lines directly in upgrade(), where the module
 * does not import `sqlalchemy as sa`, or where the history's heads leave the new revision's place
 * open (several heads, this revision not one of them).
 */
export function alembicExpandContract(
  facts: MigFacts,
  entry: { tree: MigrationTree; module: MigrationModule },
  op: SchemaOp,
  pg11: boolean,
  listed: () => Set<string>,
): Fix | undefined {
  const { tree, module } = entry;
  const revision = module.revision?.value;
  if (module.django || module.js || revision === undefined || module.revisionDynamic) return undefined;
  if (!SAFE_ID.test(revision) || !SAFE_PATH.test(module.path)) return undefined;
  // A schema (`schema=`) is refused with the call's other keywords (alterColumnMove).
  if (op.source !== 'op' || op.file || op.via || op.inHelper) return undefined;
  const heads = tree.graph.heads();
  if (heads.length === 0 || (heads.length > 1 && !heads.includes(revision))) return undefined;
  if (heads.some((h) => !SAFE_ID.test(h)) || !SAFE_PATH.test(tree.root)) return undefined;
  const text = facts.ctx.repo.readFile(module.path);
  if (text === undefined || !/^from[ \t]+alembic[ \t]+import[ \t]+[^\n]*\bop\b/m.test(text)) return undefined;
  if (!/^import[ \t]+sqlalchemy[ \t]+as[ \t]+sa[ \t]*$/m.test(text)) return undefined;
  const index = new LineIndex(text);
  const body = upgradeBody(text);
  const call = body && statementCall(text, index, op.range, body);
  const move = call && alterColumnMove(op, call, pg11);
  const sync = move && syncName(move);
  if (!body || !call || !move || !sync) return undefined;
  const head = heads.length > 1 ? revision : (heads[0] as string);
  const known = new Set(tree.modules.map((m) => m.revision?.value));
  let id = revisionId(`${head}\u0000${module.path}\u0000${sync}`);
  while (known.has(id)) id = revisionId(id);
  const path = `${tree.root}/${id}_backfill_${move.bare}_${move.to}.py`;
  if (listed().has(path)) return undefined;
  const at = index.position(call.base);
  const edits: TextEdit[] = [
    {
      file: module.path,
      range: { start: at, end: index.position(call.base + call.node.to) },
      newText: expandCalls(move, sync, body.indent),
    },
  ];
  const undo = inverseCall(op, module, text, index);
  if (undo) edits.push({ file: module.path, range: undo.range, newText: undoCalls(move, sync, undo.indent) });
  const top = { line: 0, character: 0 };
  edits.push({
    file: path,
    range: { start: top, end: top },
    newText: backfillRevision(id, head, revision, move, sync),
    create: true,
  });
  const unsure = [
    // Nothing in the history says the type but the revision itself: a stale existing_type would
    // make the new column (a rename) or judge the change safe (a retype) by the wrong type.
    `the old column's type is read from existing_type, so check it`,
    ...(heads.length > 1 ? [`the history has ${heads.length} heads (${heads.join(', ')})`] : []),
    ...(heads.length === 1 && head !== revision ? [`${revision} is not the head (${head} is)`] : []),
    ...(!undo && (module.downgrade?.ops.length ?? 0) > 0 ? ['its downgrade is left as it was'] : []),
  ];
  return {
    title:
      `Expand/contract: add "${move.to}" beside "${move.from}" (a trigger keeps it filled), backfill in batches in ` +
      `${path}; switch the code, then drop "${move.from}" in a later release (a suggestion${
        unsure.length > 0 ? `: ${unsure.join('; ')}` : ''
      })`,
    edits,
    choice: true,
  };
}

/**
 * The keyword arguments of `op.alter_column("table", "column", k=v, ...)`, by name (each value's
 * node, in the call's own text); undefined when it says anything else: more positional
 * arguments, `*args` or `**kwargs` (which may hold `schema=` or `nullable=`).
 */
function keywords(call: Call): Map<string, SyntaxNode> | undefined {
  const out = new Map<string, SyntaxNode>();
  const args = argsOf(call.node);
  let positional = 0;
  for (let i = 0; i < args.length; i++) {
    const n = args[i] as SyntaxNode;
    const value = args[i + 2];
    if (n.name === 'VariableName' && args[i + 1]?.name === 'AssignOp' && value) {
      out.set(call.source.slice(n.from, n.to), value);
      i += 2;
    } else if (n.name === 'String' && positional < 2) positional++;
    else return undefined;
  }
  return positional === 2 ? out : undefined;
}

/** A type as sql-type-name.ts writes it, from what an SQLAlchemy type says (no array). */
function sqlTypeText(node: SyntaxNode, src: string): string | undefined {
  const t = readSqlType(node, src);
  if (!t || t.array) return undefined;
  if (t.length !== undefined) return `${t.base}(${t.length})`;
  if (t.precision !== undefined) return `${t.base}(${t.precision}, ${t.scale ?? 0})`;
  return t.base;
}

function alterColumnMove(op: SchemaOp, call: Call, pg11: boolean): ColumnMove | undefined {
  const src = call.source;
  const { table, column } = op;
  if (!/^op\.alter_column\(/.test(src) || !table || !column || !PLAIN.test(table) || !PLAIN.test(column))
    return undefined;
  const said = keywords(call);
  const rename = op.kind === 'rename_column';
  const allowed = rename ? RENAME_KEYWORDS : RETYPE_KEYWORDS;
  if (!said || [...said.keys()].some((k) => !allowed.has(k))) return undefined;
  // A plain column only: the new one would lack a default, NOT NULL or a key. The revision must
  // say it is nullable (autogenerate writes existing_nullable on every alter_column; a key's
  // column is not nullable) and name no server default.
  const nullable = said.get('existing_nullable');
  const fallback = said.get('existing_server_default');
  if (!nullable || src.slice(nullable.from, nullable.to) !== 'True') return undefined;
  if (fallback && src.slice(fallback.from, fallback.to) !== 'None') return undefined;
  const typeNode = said.get(rename ? 'existing_type' : 'type_');
  const type = typeNode ? src.slice(typeNode.from, typeNode.to) : undefined;
  const to = rename ? op.newName : `${column}_new`;
  if (!type || /[\n"'#]/.test(type) || !to || !PLAIN.test(to) || to.startsWith('slipway_')) return undefined;
  if (!rename) {
    const old = said.get('existing_type');
    const from = old ? sqlTypeText(old, src) : undefined;
    const next = typeNode ? sqlTypeText(typeNode, src) : undefined;
    if (!from || !next || !safeRetype(from, next)) return undefined;
  }
  return { table, bare: table, from: column, to, type, rename, pg11 };
}

function expandCalls(move: ColumnMove, sync: string, indent: string): string {
  return [
    `# Expand/contract, step 1 of 4 (expand): ${expandWhat(move)}.`,
    `${indent}op.add_column("${move.table}", sa.Column("${move.to}", ${move.type}))`,
    `${indent}op.execute(\n${indent}    """\n${syncFunction(move, sync)}\n"""\n${indent})`,
    `${indent}op.execute("${syncTrigger(move, sync)}")`,
  ].join('\n');
}

function undoCalls(move: ColumnMove, sync: string, indent: string): string {
  return [
    `op.execute("DROP TRIGGER ${sync} ON ${move.table}")`,
    `${indent}op.execute("DROP FUNCTION ${sync}()")`,
    `${indent}op.drop_column("${move.table}", "${move.to}")`,
  ].join('\n');
}

/** The downgrade() call that plainly undoes `op` (the rename back, the old type back). */
function inverseCall(
  op: SchemaOp,
  module: MigrationModule,
  text: string,
  index: LineIndex,
):
  | { range: { start: SchemaOp['range']['start']; end: SchemaOp['range']['end'] }; indent: string }
  | undefined {
  const body = upgradeBody(text, 'downgrade');
  const back = module.downgrade?.ops ?? [];
  const match = back.find((b) => undoes(b, op));
  const call =
    body && match && match.source === 'op' ? statementCall(text, index, match.range, body) : undefined;
  if (!body || !match || !call) return undefined;
  const source = text.slice(call.base + call.node.from, call.base + call.node.to);
  if (
    !/^op\.alter_column\(/.test(source) ||
    back.filter((b) => b.range.start.line === match.range.start.line).length !== 1
  )
    return undefined;
  return {
    range: { start: index.position(call.base), end: index.position(call.base + call.node.to) },
    indent: body.indent,
  };
}

function backfillRevision(id: string, head: string, from: string, move: ColumnMove, sync: string): string {
  const intro = backfillIntro(move, from)
    .map((l) => `    # ${l}\n`)
    .join('');
  const later = laterSteps(move, sync)
    .map((l) => `    # ${l}\n`)
    .join('');
  return [
    `"""Expand/contract, step 2 of 4: backfill ${move.table}.${move.to}\n\nRevision ID: ${id}\nRevises: ${head}\n"""`,
    'from alembic import op\n',
    `revision = "${id}"\ndown_revision = "${head}"\nbranch_labels = None\ndepends_on = None\n\n`,
    `def upgrade():\n${intro}    with op.get_context().autocommit_block():\n        op.execute(\n            """\n${backfillDo(move)}\n"""\n        )\n${later}\n`,
    `def downgrade():\n    # Nothing to undo: copying rows changes no schema; ${from}'s downgrade drops the column.\n    pass\n`,
  ].join('\n');
}

/** The finding's op in the module's upgrade(), at the finding's start. */
export function upgradeOpAt(module: MigrationModule, finding: Finding): SchemaOp | undefined {
  return (module.upgrade?.ops ?? []).find((o) => samePosition(o.range.start, finding.range.start));
}
