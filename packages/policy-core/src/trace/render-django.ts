import type { SyntaxNode, Tree } from '@lezer/common';
import type { DjangoOperation } from '../migrations/django-operation.js';
import { readDjangoModule } from '../migrations/django-module.js';
import { DjangoState } from '../migrations/django-state.js';
import { parsePythonText } from '../migrations/python-parser.js';
import { LineIndex } from '../text-position.js';
import type { RenderedModule } from './render-alembic.js';
import { NotRendered } from './render-column.js';
import type { DjangoScope } from './render-django-field.js';
import { deferredStatement } from './render-django-deferred.js';
import { DjangoMade } from './render-django-made.js';
import { renderDjangoOperation } from './render-django-op.js';

/**
 * A Django migration rendered as the PostgreSQL DDL Django's schema editor sends for its
 * `operations`, in order, each statement at the line of its operation. The app's models come
 * from its earlier migrations: `app` carries them (django-state.ts) and the names of what the
 * rendering made from one migration to the next, so the caller renders the app's history first,
 * in graph order. What is deferred (`deferred_sql`: a new table's foreign keys and indexes) runs
 * at the end of the migration, at its operation's line. What is not rendered (RunPython, an
 * operation class Slipway does not know, a relation to another app's model) is listed as not traced,
 * with the reason; a field type Slipway does not know runs as a stand-in, noted on its statements.
 */

/** One app's models and what the rendering made in it, carried across its migrations. */
export const djangoAppState = (app: string): DjangoMade => new DjangoMade(app, new DjangoState(app));

/** What the summary counts every RunPython under. */
const PYTHON = 'Python Slipway does not run (assignments, loops, calls into other code)';

interface Walk {
  file: string;
  src: string;
  app: string;
  tree: Tree;
  lines: LineIndex;
  atomic: boolean;
  made: DjangoMade;
  out: RenderedModule;
}

export function renderDjangoMigration(file: string, src: string, app: DjangoMade): RenderedModule {
  const out: RenderedModule = { statements: [], notTraced: [] };
  const label = app.app;
  const module = readDjangoModule(file, src, label);
  const facts = module.django;
  if (!facts || module.syntaxError) {
    out.notTraced.push({
      file,
      line: (module.syntaxError?.range.start.line ?? 0) + 1,
      reason: module.syntaxError?.value ?? 'no Migration class Django would load',
      cause: 'a Django migration Slipway cannot read',
    });
    return out;
  }
  for (const u of module.upgrade?.unfollowed ?? [])
    out.notTraced.push({
      file,
      line: u.range.start.line + 1,
      reason: `${u.what}: ${u.construct}`,
      cause: u.what,
    });
  const tree = parsePythonText(src);
  const w: Walk = {
    file,
    src,
    app: label,
    tree,
    lines: new LineIndex(src),
    atomic: facts.atomic,
    made: app,
    out,
  };
  walkOperations(facts.operations, w);
  // `deferred_sql` runs when the migration's schema editor closes.
  const deferred = app.deferred;
  app.deferred = [];
  for (const d of deferred)
    out.statements.push({
      file,
      line: d.line ?? 1,
      endLine: d.endLine ?? 1,
      sql: deferredStatement(d, app),
      outsideTransaction: false,
    });
  return out;
}

/** The call an operation was read from: the renderer reads its arguments there. */
function callAt(tree: Tree, at: number): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = tree.resolveInner(at, 1); n; n = n.parent)
    if (n.name === 'CallExpression' && n.from === at) return n;
  return undefined;
}

function walkOperations(operations: readonly DjangoOperation[], w: Walk): void {
  for (const op of operations) {
    const line = op.range.start.line + 1;
    const node = callAt(w.tree, op.at);
    const endLine = node ? w.lines.position(node.to).line + 1 : line;
    if (op.name === 'SeparateDatabaseAndState') separate(op, w);
    else if (op.name === 'RunPython') {
      if (!op.noopForward)
        w.out.notTraced.push({ file: w.file, line, reason: `RunPython: ${PYTHON}`, cause: PYTHON });
    } else renderOne(op, node, line, endLine, w);
    w.made.state.steps([op], w.atomic);
  }
}

/**
 * SeparateDatabaseAndState: its database operations run, on a copy of the models (the state
 * operations alone say what the models are afterwards: the caller moves the real state past the
 * whole operation).
 */
function separate(op: DjangoOperation, w: Walk): void {
  const real = w.made.state;
  w.made.state = real.clone();
  try {
    walkOperations(op.database ?? [], w);
  } finally {
    w.made.state = real;
  }
}

function renderOne(
  op: DjangoOperation,
  node: SyntaxNode | undefined,
  line: number,
  endLine: number,
  w: Walk,
): void {
  const scope: DjangoScope = { app: w.app, src: w.src, state: w.made.state };
  try {
    const r = renderDjangoOperation({ scope, made: w.made, op, node, atomic: w.atomic });
    const standIns = r.standIns.length > 0 ? { standIns: r.standIns } : {};
    for (const sql of r.now)
      w.out.statements.push({ file: w.file, line, endLine, sql, outsideTransaction: false, ...standIns });
    for (const d of r.later) w.made.deferred.push({ ...d, line, endLine });
    for (const n of r.notRendered)
      w.out.notTraced.push({ file: w.file, line, reason: `${op.name}: ${n.reason}`, cause: n.cause });
  } catch (error) {
    if (!(error instanceof NotRendered)) throw error;
    w.out.notTraced.push({
      file: w.file,
      line,
      reason: `${op.name}: ${error.message}`,
      cause: error.general,
    });
  }
}
