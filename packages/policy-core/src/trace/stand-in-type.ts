import type { SyntaxNode } from '@lezer/common';
import { calleePath } from '../migrations/python-syntax.js';
import { readSqlType, sqlTypeText } from '../migrations/sqlalchemy-type.js';

/**
 * A column whose type Slipway does not know (a project's own `GUID()` TypeDecorator, an
 * `sa.Enum` of a Python enum, `geoalchemy2.Geometry`) is created with a stand-in type, so that
 * its table exists and the later steps on it are traced. The stand-in is noted on every
 * statement that ran with it: whether a type change or a default rewrites the table depends on
 * the real type, so no such claim is proved from one of those statements.
 */
export interface StandInColumn {
  /** The table as the migration names it: `users`, `app.users`. */
  table: string;
  column: string;
  /** The type as the migration writes it: `GUID`, `sa.Enum`, `geoalchemy2.Geometry`. */
  type: string;
  /** What ran in its place. */
  ranAs: string;
}

/**
 * `text`: every literal default, an `= 'x'` comparison and a foreign key between two stand-in
 * columns are accepted, so the table is built as written; it claims nothing about storage.
 */
export const STAND_IN_TYPE = 'text';

/**
 * The type a column expression names, as written, its arguments left out: `GUID`, `sa.Enum`,
 * `types.JsonEncodedDict().impl`, so that one type is one cause however it is called.
 */
export function writtenTypeName(node: SyntaxNode, src: string): string {
  if (node.name === 'CallExpression') {
    const path = calleePath(node, src);
    if (path) return path.join('.');
  }
  const text = src.slice(node.from, node.to);
  // Innermost argument lists first, until none is left: `f(g(x)).impl` → `f().impl`.
  let bare = text;
  for (let prev = ''; prev !== bare; ) {
    prev = bare;
    bare = bare.replace(/\([^()]*\)/g, '\u0000');
  }
  return bare.replace(/\u0000/g, '()').replace(/\s+/g, '');
}

/** The type as DDL, or the stand-in and the name of the type it stands in for. */
export function typeOrStandIn(node: SyntaxNode, src: string): { sql: string; standInFor?: string } {
  const type = readSqlType(node, src);
  if (type) return { sql: sqlTypeText(type) };
  return { sql: STAND_IN_TYPE, standInFor: writtenTypeName(node, src) };
}

/** `app.users.id`: one key per column, as written (the trace quotes every name it renders). */
export const standInKey = (table: string, column: string): string => `${table}.${column}`;
