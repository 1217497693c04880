import type { SyntaxNode } from '@lezer/common';
import { arg, callArgs, collectionItems, staticString, str } from '../migrations/python-syntax.js';
import { ident, NotRendered } from './render-column.js';
import { type DjangoOpContext, modelOf } from './render-django-context.js';
import { addField, alterFieldOp, removeField, renameField } from './render-django-field-ops.js';
import { renderConstraint, renderIndex } from './render-django-index.js';
import { type DjangoOpOutput, emptyOutput } from './render-django-made.js';
import { alterTogether, createModel, deleteModel, renameModel } from './render-django-model-ops.js';

/**
 * One Django operation as the SQL its `database_forwards` sends on PostgreSQL
 * (django/db/migrations/operations/*.py, django/contrib/postgres/operations.py). Throws
 * NotRendered, with the reason, for what it does not render: the walk (render-django.ts) lists
 * it as not traced. SeparateDatabaseAndState and RunPython are the walk's.
 */
export function renderDjangoOperation(c: DjangoOpContext): DjangoOpOutput {
  switch (c.op.name) {
    case 'CreateModel':
      return createModel(c);
    case 'DeleteModel':
      return deleteModel(c);
    case 'RenameModel':
    case 'AlterModelTable':
      return renameModel(c);
    case 'AlterUniqueTogether':
    case 'AlterIndexTogether':
      return alterTogether(c);
    case 'AddField':
      return addField(c);
    case 'RemoveField':
      return removeField(c);
    case 'AlterField':
      return alterFieldOp(c);
    case 'RenameField':
      return renameField(c);
    case 'AddIndex':
    case 'AddIndexConcurrently':
    case 'RemoveIndex':
    case 'RemoveIndexConcurrently':
      return indexOp(c);
    case 'AddConstraint':
    case 'AddConstraintNotValid':
    case 'RemoveConstraint':
    case 'ValidateConstraint':
      return constraintOp(c);
    case 'RunSQL':
      return { ...emptyOutput(), now: runSql(c) };
    // Options, managers and a constraint's messages live in Python only: Django sends nothing.
    case 'AlterModelOptions':
    case 'AlterModelManagers':
    case 'AlterConstraint':
      return emptyOutput();
    default: {
      const extension = EXTENSIONS[c.op.name];
      if (extension) return { ...emptyOutput(), now: [`CREATE EXTENSION IF NOT EXISTS ${ident(extension)}`] };
      throw new NotRendered(
        `${c.op.name}: not an operation Slipway renders`,
        'a Django operation Slipway does not render',
      );
    }
  }
}

/** django.contrib.postgres's extension operations, by the extension each creates. */
const EXTENSIONS: Record<string, string> = {
  BloomExtension: 'bloom',
  BtreeGinExtension: 'btree_gin',
  BtreeGistExtension: 'btree_gist',
  CITextExtension: 'citext',
  CryptoExtension: 'pgcrypto',
  HStoreExtension: 'hstore',
  TrigramExtension: 'pg_trgm',
  UnaccentExtension: 'unaccent',
};

/** The concurrent operations refuse an atomic migration (`NotInTransactionMixin`): nothing runs. */
function refuseInTransaction(c: DjangoOpContext): void {
  if (c.atomic && c.op.name.endsWith('Concurrently'))
    throw new NotRendered(
      'in an atomic migration: Django refuses to run it inside a transaction (NotSupportedError); set `atomic = False` on the Migration',
      'a concurrent index operation in an atomic migration: Django refuses it',
    );
}

function indexOp(c: DjangoOpContext): DjangoOpOutput {
  refuseInTransaction(c);
  const m = modelOf(c);
  if (m.table === undefined) return emptyOutput();
  const args = c.node ? callArgs(c.node, c.scope.src) : undefined;
  const concurrently = c.op.name.endsWith('Concurrently');
  if (c.op.name.startsWith('Add')) {
    const index = renderIndex(args && arg(args, 1, 'index'), m.table, m.fields, c.scope.src, concurrently);
    return { ...emptyOutput(), now: [index.sql] };
  }
  const name = c.op.index?.name;
  if (name === undefined) throw new NotRendered('an index name that is not a literal');
  return {
    ...emptyOutput(),
    now: [`DROP INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF EXISTS ${ident(name)}`],
  };
}

function constraintOp(c: DjangoOpContext): DjangoOpOutput {
  const m = modelOf(c);
  if (m.table === undefined) return emptyOutput();
  const t = ident(m.table);
  const args = c.node ? callArgs(c.node, c.scope.src) : undefined;
  if (c.op.name === 'AddConstraint' || c.op.name === 'AddConstraintNotValid') {
    const r = renderConstraint(args && arg(args, 1, 'constraint'), m.table, m.fields, c.scope.src);
    if (r.asIndex) c.made.uniqueIndexes.add(r.name);
    return { ...emptyOutput(), now: [c.op.name === 'AddConstraintNotValid' ? `${r.add} NOT VALID` : r.add] };
  }
  const name = c.op.index?.name;
  if (name === undefined) throw new NotRendered('a constraint name that is not a literal');
  if (c.op.name === 'ValidateConstraint')
    return { ...emptyOutput(), now: [`ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(name)}`] };
  // A unique constraint with a condition was built as an index: Django drops the index.
  const sql = c.made.uniqueIndexes.delete(name)
    ? `DROP INDEX IF EXISTS ${ident(name)}`
    : `ALTER TABLE ${t} DROP CONSTRAINT ${ident(name)}`;
  return { ...emptyOutput(), now: [sql] };
}

/**
 * RunSQL's forward SQL as written: a string, or a list of strings (each one execute); the way
 * back is not run forward. A `(sql, params)` element is SQL with placeholders Slipway does not fill.
 */
function runSql(c: DjangoOpContext): string[] {
  const node = c.node ? arg(callArgs(c.node, c.scope.src), 0, 'sql') : undefined;
  if (!node) throw new NotRendered('RunSQL without SQL');
  const one = (n: SyntaxNode): string => {
    const s = staticString(n, c.scope.src)?.value;
    if (s !== undefined) return s;
    if (n.name === 'TupleExpression' || n.name === 'ParenthesizedExpression')
      throw new NotRendered(
        'RunSQL with (sql, params): the parameters are filled at run time',
        'RunSQL with parameters',
      );
    throw new NotRendered(
      `RunSQL whose SQL is not a literal: ${c.scope.src.slice(n.from, Math.min(n.to, n.from + 40))}`,
      'RunSQL whose SQL is not a literal',
    );
  };
  if (str(node, c.scope.src) !== undefined) return [one(node)];
  if (node.name === 'ArrayExpression' || node.name === 'TupleExpression')
    return collectionItems(node).map(one);
  return [one(node)];
}
