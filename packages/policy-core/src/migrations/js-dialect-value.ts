import type { SyntaxNode } from '@lezer/common';
import { jsStaticString } from './js-string.js';
import { text } from './js-walk.js';

// What a migration's test of its own database reads, and what it compares it with: the two sides
// of `knex.client.config.client === 'pg'` or of TypeORM's `switch (queryRunner.connection.options.type)`
// with its `case 'postgres':` labels. js-dialect-guard.ts (an `if`) and js-dialect-switch.ts (a
// `switch`) decide with them which branch PostgreSQL runs.

/** One way a project may name PostgreSQL to its tool. */
export interface Client {
  /** Knex's `client.config.client`. */
  client: string;
  /** Knex's `client.dialect`. */
  dialect: string;
}

/**
 * The names a knexfile gives PostgreSQL's client (Knex's aliases of its `pg` client): a test is
 * decided only when it comes out the same for each.
 */
export const PG_CLIENTS: readonly Client[] = ['pg', 'postgres', 'postgresql'].map((client) => ({
  client,
  dialect: 'postgresql',
}));

/**
 * TypeORM's DataSourceOptions `type` for PostgreSQL (typeorm src/driver/types/DatabaseType.ts:
 * `"postgres"`). `aurora-postgres` and `cockroachdb` are other drivers: a branch for them is not
 * PostgreSQL's.
 */
const TYPEORM_POSTGRES = 'postgres';

export interface Scope {
  src: string;
  db: ReadonlySet<string>;
  /** The value a `const` of the function is bound to, by name. */
  constNamed: (name: string) => SyntaxNode | undefined;
  /** The name is bound once in the file, by an `import` (an enum of the project's, read by its members' names). */
  importedOnce?: (name: string) => boolean;
}

/** `x as DatabaseType`, `(x)`: the expression inside. */
function unwrap(n: SyntaxNode): SyntaxNode {
  let at = n;
  for (let i = 0; i < 4; i++) {
    if (at.name === 'BinaryExpression' && at.getChild('as') && at.firstChild) at = at.firstChild;
    else if (at.name === 'ParenthesizedExpression' && at.firstChild?.nextSibling?.name !== ')')
      at = at.firstChild?.nextSibling ?? at;
    else break;
  }
  return at;
}

/**
 * The database's name as the migration reads it, for `c`: Knex's `knex.client.config.client` or
 * `knex.client.dialect`, TypeORM's `queryRunner.connection.options.type` (or `dataSource`'s, or
 * their `driver.options.type`: the driver holds the DataSource's options), or a
 * `const` bound to one (`const client = knex.client.config.client`). Undefined for anything else.
 */
export function clientValue(n: SyntaxNode, scope: Scope, c: Client, depth = 0): string | undefined {
  const at = unwrap(n);
  if (at.name === 'VariableName' && depth < 2) {
    const bound = scope.constNamed(text(at, scope.src));
    return bound ? clientValue(bound, scope, c, depth + 1) : undefined;
  }
  if (at.name !== 'MemberExpression') return undefined;
  const written = text(at, scope.src).replace(/\s+/g, '').replace(/\?\./g, '.');
  const dot = written.indexOf('.');
  if (dot <= 0 || !scope.db.has(written.slice(0, dot))) return undefined;
  const path = written.slice(dot + 1);
  if (path === 'client.config.client') return c.client;
  if (path === 'client.dialect') return c.dialect;
  if (/^(connection|dataSource)\.(driver\.)?options\.type$/.test(path)) return TYPEORM_POSTGRES;
  return undefined;
}

/**
 * What a test compares the database's name with: a static string, or a member of an enum the file
 * imports (`DatabaseTypeEnum.postgres`, as ever-gauzy writes its TypeORM migrations), read as its
 * member's name: the enum's values are in another module, and an enum of database types names its
 * members after them. An enum or object declared in the file is not read by name (its value there
 * is what runs, and it may say otherwise): undefined, and both branches are read.
 */
export function writtenValue(n: SyntaxNode, scope: Scope): string | undefined {
  const at = unwrap(n);
  const s = jsStaticString(at, scope.src)?.value;
  if (s !== undefined) return s;
  if (at.name !== 'MemberExpression') return undefined;
  const object = at.firstChild;
  const member = at.lastChild;
  if (object?.name !== 'VariableName' || member?.name !== 'PropertyName') return undefined;
  return scope.importedOnce?.(text(object, scope.src)) ? text(member, scope.src) : undefined;
}

/** `importedOnce` for a file: names bound exactly once in it, by an `import` declaration. */
export function importedNames(node: SyntaxNode, src: string): (name: string) => boolean {
  let top = node;
  while (top.parent) top = top.parent;
  let answers: Map<string, boolean> | undefined;
  return (name) => {
    if (!answers) {
      answers = new Map();
      const cursor = top.cursor();
      for (let more = true; more; more = cursor.next()) {
        // An enum or type declared in the file binds its name with a TypeDefinition.
        if (cursor.name !== 'VariableDefinition' && cursor.name !== 'TypeDefinition') continue;
        const bound = text(cursor.node, src);
        const parent = cursor.node.parent;
        const byImport =
          cursor.name === 'VariableDefinition' &&
          (parent?.name === 'ImportDeclaration' || parent?.parent?.name === 'ImportDeclaration');
        answers.set(bound, !answers.has(bound) && byImport);
      }
    }
    return answers.get(name) === true;
  };
}
