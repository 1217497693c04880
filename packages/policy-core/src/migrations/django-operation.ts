import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import { type DjangoField, readDjangoField } from './django-field.js';
import { type RunPythonFacts, readRunPython } from './django-run-python.js';
import type { ModuleBindings } from './django-run-python-models.js';
import { isLinterIgnoreMarker, KNOWN_OPERATIONS } from './django-operation-classes.js';
import type { Unfollowed } from './op-reach.js';
import {
  arg,
  callArgs,
  calleeName,
  collectionItems,
  staticString,
  staticValue,
  str,
} from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';
import { sqlSourceOps, unread } from './sql-text.js';

/**
 * One entry of a Django migration's `operations` list, as written: what the history's state
 * (django-state.ts) needs to say which table and column it touches. Plain data (JSON-safe).
 */
export interface DjangoOperation {
  /** The operation's class: `AddField`, `RunSQL`, `AddIndexConcurrently`, ... */
  name: string;
  range: Range;
  /** Where its call starts in the file: the trace renders its arguments from there (render-django.ts). */
  at: number;
  /** Short, as written: `migrations.DeleteModel(name="Author")`. */
  label: string;
  model?: string;
  newName?: string;
  field?: string;
  def?: DjangoField;
  /** CreateModel's fields, in order. */
  fields?: [string, DjangoField | undefined][];
  /** CreateModel's / AlterModelTable's `db_table`; `null`: the default name. */
  dbTable?: string | null;
  /** CreateModel options `managed=False` or `proxy=True`: Django makes no table. */
  noTable?: true;
  index?: { name?: string; columns?: string[] };
  /** AddConstraint: which kind, and whether Django builds it as a (partial) unique index. */
  constraint?: { type: 'unique' | 'check' | 'exclusion' | 'foreign_key'; name?: string; asIndex?: boolean };
  /** AlterUniqueTogether / AlterIndexTogether: the field tuples, when literal. */
  together?: string[][];
  /** RunSQL: what its SQL does. */
  sql?: SchemaOp[];
  /** RunSQL / RunPython: the way back is given. */
  reversible?: boolean;
  /** RunPython: its forward code is `RunPython.noop` (it runs nothing on the way up). */
  noopForward?: true;
  /** RunPython: models its functions reach through an import (django-run-python.ts). */
  modelImports?: RunPythonFacts['modelImports'];
  /** SeparateDatabaseAndState: what runs on the database, and what only changes the state. */
  database?: DjangoOperation[];
  state?: DjangoOperation[];
}

export interface OperationReader {
  src: string;
  lines: LineIndex;
  unfollowed: Unfollowed[];
  /** The module's functions and imports, read once when a RunPython asks. */
  bindings?: () => ModuleBindings;
}

/** The entries of an `operations` list (or of SeparateDatabaseAndState's lists). */
export function readOperations(list: SyntaxNode, r: OperationReader): DjangoOperation[] {
  const out: DjangoOperation[] = [];
  if (list.name !== 'ArrayExpression' && list.name !== 'TupleExpression') {
    cannotFollow(r, list, 'the operations are built at run time (not a literal list)');
    return out;
  }
  for (const item of collectionItems(list)) {
    if (item.name !== 'CallExpression') {
      cannotFollow(
        r,
        item,
        'an operation that is not written in the list (a name, a spread or a comprehension)',
      );
      continue;
    }
    const name = calleeName(item, r.src);
    if (name !== undefined && isLinterIgnoreMarker(name, r.src)) continue;
    if (name === undefined || !KNOWN_OPERATIONS.has(name)) {
      cannotFollow(
        r,
        item,
        `an operation class Slipway does not know (${name ?? 'computed'}), whose database_forwards may do anything`,
      );
      continue;
    }
    const op = readOperation(name, item, r);
    if (op) out.push(op);
  }
  return out;
}

function cannotFollow(r: OperationReader, node: SyntaxNode, what: string): void {
  const text = r.src.slice(node.from, Math.min(node.to, node.from + 60)).replace(/\s+/g, ' ');
  r.unfollowed.push({ range: r.lines.range(node.from, node.from), construct: text, what });
}

function readOperation(name: string, call: SyntaxNode, r: OperationReader): DjangoOperation | undefined {
  const { src } = r;
  const args = callArgs(call, src);
  const start = r.lines.position(call.from);
  const range = r.lines.lineRange(start.line);
  const op: DjangoOperation = { name, range, at: call.from, label: labelOf(src, call.from, call.to) };
  const s = (i: number, kw: string) => str(arg(args, i, kw), src);
  if (args.hasStar) cannotFollow(r, call, 'an operation whose arguments are spread (*args, **kwargs)');
  switch (name) {
    case 'CreateModel': {
      op.model = s(0, 'name');
      const fields = arg(args, 1, 'fields');
      op.fields = [];
      for (const pair of fields ? collectionItems(fields) : []) {
        const [k, v] = collectionItems(pair);
        const fieldName = k ? str(k, src) : undefined;
        if (fieldName !== undefined) op.fields.push([fieldName, readDjangoField(v, src)]);
      }
      readOptions(arg(args, 2, 'options'), op, src);
      break;
    }
    case 'DeleteModel':
    case 'AlterModelOptions':
    case 'AlterModelManagers':
    case 'AlterModelTableComment':
    case 'AlterOrderWithRespectTo':
      op.model = s(0, 'name');
      break;
    case 'RenameModel':
      op.model = s(0, 'old_name');
      op.newName = s(1, 'new_name');
      break;
    case 'AlterModelTable': {
      op.model = s(0, 'name');
      const t = arg(args, 1, 'table');
      const v = t ? staticValue(t, src) : undefined;
      op.dbTable = typeof v === 'string' ? v : null;
      break;
    }
    case 'AlterUniqueTogether':
    case 'AlterIndexTogether': {
      op.model = s(0, 'name');
      const t = arg(args, 1, name === 'AlterUniqueTogether' ? 'unique_together' : 'index_together');
      op.together = togetherOf(t, src);
      break;
    }
    case 'AddField':
    case 'AlterField':
      op.model = s(0, 'model_name');
      op.field = s(1, 'name');
      op.def = readDjangoField(arg(args, 2, 'field'), src);
      break;
    case 'RemoveField':
      op.model = s(0, 'model_name');
      op.field = s(1, 'name');
      break;
    case 'RenameField':
      op.model = s(0, 'model_name');
      op.field = s(1, 'old_name');
      op.newName = s(2, 'new_name');
      break;
    case 'AddIndex':
    case 'AddIndexConcurrently': {
      op.model = s(0, 'model_name');
      const index = arg(args, 1, 'index');
      const ia = index?.name === 'CallExpression' ? callArgs(index, src) : undefined;
      const fields = ia?.keywords.get('fields');
      const value = fields ? staticValue(fields, src) : undefined;
      const columns = Array.isArray(value)
        ? value.filter((v): v is string => typeof v === 'string').map((v) => v.replace(/^-/, ''))
        : undefined;
      op.index = {
        ...(ia ? { name: str(ia.keywords.get('name'), src) } : {}),
        ...(columns ? { columns } : {}),
      };
      break;
    }
    case 'RemoveIndex':
    case 'RemoveIndexConcurrently':
    case 'RemoveConstraint':
    case 'ValidateConstraint':
      op.model = s(0, 'model_name');
      op.index = { name: s(1, 'name') };
      break;
    case 'RenameIndex':
    case 'AlterConstraint':
      op.model = s(0, 'model_name');
      break;
    case 'AddConstraint':
    case 'AddConstraintNotValid': {
      op.model = s(0, 'model_name');
      const c = arg(args, 1, 'constraint');
      const cls = calleeName(c, src);
      const ca = c?.name === 'CallExpression' ? callArgs(c, src) : undefined;
      const type =
        cls === 'CheckConstraint' ? 'check' : cls === 'ExclusionConstraint' ? 'exclusion' : 'unique';
      // A UniqueConstraint with a condition, expressions, INCLUDE or opclasses is a unique index.
      const asIndex =
        type === 'unique' &&
        (ca === undefined ||
          ca.positional.length > 0 ||
          ['condition', 'include', 'opclasses', 'expressions'].some((k) => ca.keywords.has(k)));
      op.constraint = {
        type,
        ...(ca ? { name: str(ca.keywords.get('name'), src) } : {}),
        ...(asIndex ? { asIndex } : {}),
      };
      break;
    }
    case 'RunSQL': {
      op.sql = runSqlOps(arg(args, 0, 'sql'), range, r);
      op.reversible = arg(args, 1, 'reverse_sql') !== undefined && !isNone(arg(args, 1, 'reverse_sql'), src);
      break;
    }
    case 'RunPython':
      Object.assign(op, readRunPython(args, src, r.lines, r.bindings));
      break;
    case 'SeparateDatabaseAndState': {
      const db = arg(args, 0, 'database_operations');
      const state = arg(args, 1, 'state_operations');
      op.database = db ? readOperations(db, r) : [];
      op.state = state ? readOperations(state, { ...r, unfollowed: [] }) : [];
      break;
    }
  }
  return op;
}

/**
 * The call as written, whitespace collapsed, cut at 80 characters: read from a window that grows
 * until it holds that many, not from the whole call (a CreateModel runs to thousands of characters).
 */
function labelOf(src: string, from: number, to: number): string {
  for (let end = Math.min(to, from + 160); ; end = Math.min(to, from + (end - from) * 4)) {
    const text = src.slice(from, end).replace(/\s+/g, ' ');
    if (text.length > 80) return `${text.slice(0, 77)}...`;
    if (end === to) return text;
  }
}

function isNone(node: SyntaxNode | undefined, src: string): boolean {
  return node !== undefined && staticValue(node, src) === null;
}

/** `options={"db_table": "x", "managed": False, "unique_together": {...}}`. */
function readOptions(node: SyntaxNode | undefined, op: DjangoOperation, src: string): void {
  if (node?.name !== 'DictionaryExpression') return;
  const items = collectionItems(node).filter((c) => c.name !== ':');
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = str(items[i], src);
    const value = items[i + 1] as SyntaxNode;
    if (key === 'db_table') op.dbTable = str(value, src) ?? null;
    else if (key === 'managed' && staticValue(value, src) === false) op.noTable = true;
    else if (key === 'proxy' && staticValue(value, src) === true) op.noTable = true;
    else if (key === 'unique_together') op.together = togetherOf(value, src);
  }
}

/** `{("a", "b")}`, `[("a", "b")]`, one tuple `("a", "b")`, or `set()` (what makemigrations writes for none). */
function togetherOf(node: SyntaxNode | undefined, src: string): string[][] | undefined {
  if (!node || /^set\(\s*\)$/.test(src.slice(node.from, node.to))) return [];
  const items = node.name === 'SetExpression' ? collectionItems(node) : undefined;
  const value = items ? items.map((c) => staticValue(c, src)) : staticValue(node, src);
  if (value === null) return [];
  if (!Array.isArray(value)) return undefined;
  if (value.every((v) => typeof v === 'string')) return value.length ? [value as string[]] : [];
  if (value.every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string')))
    return value as string[][];
  return undefined;
}

/** RunSQL's `sql`: a literal, or a list of literals (or of `(sql, params)` pairs); else unread. */
function runSqlOps(node: SyntaxNode | undefined, anchor: Range, r: OperationReader): SchemaOp[] {
  if (!node) return [unread(anchor, 'it has no SQL argument')];
  const one = (n: SyntaxNode, hops = 0): SchemaOp[] => {
    const s = staticString(n, r.src);
    if (s) return sqlSourceOps({ sql: s.value, offsetAt: s.offsetAt, lines: r.lines, anchor });
    const text = r.src.slice(n.from, n.to);
    // `RunSQL.noop` is Django's empty string: nothing runs.
    if (/^(migrations\.)?RunSQL\.noop$/.test(text.replace(/\s+/g, ''))) return [];
    // A constant the module binds once (`DROP_OLD = """..."""`), read where it is written.
    const bound = n.name === 'VariableName' && hops < 8 ? r.bindings?.().names.get(text) : undefined;
    if (bound) return one(bound, hops + 1);
    if (n.name === 'TupleExpression' || n.name === 'ParenthesizedExpression') {
      const first = collectionItems(n)[0];
      if (first) return one(first);
    }
    return [
      unread(anchor, `its SQL is not a literal: \`${r.src.slice(n.from, Math.min(n.to, n.from + 40))}\``),
    ];
  };
  if (node.name === 'ArrayExpression' || (node.name === 'TupleExpression' && !staticString(node, r.src)))
    return collectionItems(node).flatMap(one);
  return one(node);
}
