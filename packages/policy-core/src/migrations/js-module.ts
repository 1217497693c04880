import type { SyntaxNode } from '@lezer/common';
import { LineIndex } from '../text-position.js';
import type { FunctionFacts, MigrationModule } from './alembic-module.js';
import type { FunctionShape } from './function-shape.js';
import { builderParam } from './js-builder-param.js';
import { type ChainMapper, walkBody } from './js-body.js';
import { knexMapper } from './js-knex.js';
import { jsErrorAt, parseJs } from './js-parser.js';
import { kyselyMapper } from './js-kysely.js';
import { mikroOrmMapper } from './js-mikro-orm.js';
import { mikroOrmClass } from './js-mikro-orm-class.js';
import { noUp } from './js-no-up.js';
import { sequelizeMapper } from './js-sequelize.js';
import { typeormMapper } from './js-typeorm.js';
import { typeormClass } from './js-typeorm-class.js';
import type { Found } from './js-found.js';
import { BuilderScopes } from './js-builder-scopes.js';
import { importedNames } from './js-dialect-value.js';
import { functionsBoundOnce } from './js-local-calls.js';
import { type JsTool, objectProperties, text, type WalkCtx } from './js-walk.js';

export type { JsTool };

const MAPPERS: Record<JsTool, ChainMapper> = {
  knex: knexMapper,
  typeorm: typeormMapper,
  sequelize: sequelizeMapper,
  kysely: kyselyMapper,
  mikro_orm: mikroOrmMapper,
};

/**
 * Reads one Knex, TypeORM, Sequelize, Kysely or MikroORM migration file into the model the MIG
 * rules judge: `upgrade` the steps of `up`, `downgrade` those of `down`, `revision` the name the
 * tool records it under (Knex: the file name; TypeORM: the class name; MikroORM: the file name
 * without .js/.ts). The tree chains the files in the tool's order (js-tree.ts). Never throws: a
 * syntax error or a file without `up` the tool would run is one MIG130 (js-no-up.ts says which
 * files without `up` the tool skips).
 */
export function readJsMigration(
  path: string,
  src: string,
  tool: JsTool,
  options: {
    transactionsDisabled?: boolean;
    /** Values the file reads by name from enums and constants (js-imported-strings.ts). */
    imported?: ReadonlyMap<string, string>;
  } = {},
): MigrationModule {
  const lines = new LineIndex(src);
  const tree = parseJs(path, src);
  const module: MigrationModule = { path, isMigration: false, header: {}, js: tool };
  const err = jsErrorAt(tree);
  if (err !== undefined) {
    const at = lines.position(err);
    module.parseRecovered = true;
    module.syntaxError = {
      value: `syntax error at line ${at.line + 1}, column ${at.character + 1}`,
      range: lines.range(err, err),
    };
  }
  const consts = new Map<string, SyntaxNode | string>(options.imported ?? []);
  const fns = new Map<string, SyntaxNode>();
  const top: SyntaxNode[] = [];
  for (let s = tree.topNode.firstChild; s; s = s.nextSibling) {
    const inner =
      s.name === 'ExportDeclaration'
        ? s.lastChild?.name === ';'
          ? s.lastChild.prevSibling
          : (s.getChild('VariableDeclaration') ??
            s.getChild('FunctionDeclaration') ??
            s.getChild('ClassDeclaration') ??
            s)
        : s;
    top.push(s);
    if (inner?.name === 'VariableDeclaration') {
      for (let d = inner.firstChild; d; d = d.nextSibling) {
        if (d.name !== 'VariableDefinition') continue;
        // `name = value`, or `name: Type = value` (umzug's `export const up: MigrationFn = ...`).
        const equals = d.nextSibling?.name === 'TypeAnnotation' ? d.nextSibling.nextSibling : d.nextSibling;
        const value = equals?.name === 'Equals' ? equals.nextSibling : null;
        if (!value) continue;
        const name = text(d, src);
        if (
          inner.firstChild?.name === 'const' &&
          (value.name === 'String' || value.name === 'TemplateString')
        )
          consts.set(name, value);
        fns.set(name, value);
      }
    } else if (inner?.name === 'FunctionDeclaration') {
      const name = inner.getChild('VariableDefinition');
      if (name) fns.set(text(name, src), inner);
    }
  }
  const functions = functionsBoundOnce(tree.topNode, fns, src);
  // Built on the first question, once for the file, whatever number of bodies ask it.
  const importedOnce = importedNames(tree.topNode, src);
  const found =
    tool === 'knex'
      ? knexExports(top, fns, src, options.transactionsDisabled === true)
      : tool === 'sequelize'
        ? // sequelize-cli exports up/down as Knex does, and runs them in no transaction.
          knexExports(top, fns, src, true)
        : tool === 'kysely'
          ? knexExports(top, fns, src, false, true)
          : tool === 'mikro_orm'
            ? { opaque: [], ...mikroOrmClass(top, src) }
            : typeormClass(top, src);
  if (!found.up && !found.opaque.some((o) => o.which === 'up')) {
    if (module.syntaxError) return module;
    const what = noUp(tool, path, tree, src);
    if (what.kind === 'not-a-migration') return module;
    const said = { value: what.message, range: lines.lineRange(0) };
    if (what.kind === 'skipped') module.skippedByRunner = said;
    else Object.assign(module, { refused: true, syntaxError: said });
    return module;
  }
  module.isMigration = true;
  const base = path.slice(path.lastIndexOf('/') + 1);
  module.revision = {
    // MikroORM records the file's name without its .js/.ts (MigrationStorage.getMigrationName).
    value:
      tool === 'typeorm' ? (found.name ?? base) : tool === 'mikro_orm' ? base.replace(/\.[jt]s$/, '') : base,
    range: lines.lineRange(lines.position((found.up ?? found.opaque[0]?.node ?? tree.topNode).from).line),
  };
  const facts = (which: 'up' | 'down'): FunctionFacts | undefined => {
    const fn = found[which];
    const opaque = found.opaque.find((o) => o.which === which);
    if (!fn && !opaque) return undefined;
    const node = (fn ?? opaque?.node) as SyntaxNode;
    const range = lines.lineRange(lines.position(node.from).line);
    if (!fn)
      return {
        range,
        shape: 'code',
        ops: [],
        unfollowed: [
          {
            range,
            construct: text(node, src).slice(0, 60).replace(/\s+/g, ' '),
            what: `${which} bound to something Slipway cannot read (not a function written in this file)`,
          },
        ],
      };
    const ctx: WalkCtx = {
      src,
      lines,
      tool,
      consts: new Map(consts),
      db: new Set(),
      builders: new BuilderScopes(),
      autocommit: found.autocommit,
      ops: [],
      unfollowed: [],
      sqlTexts: [],
      builderCalls: [],
      otherDatabase: [],
      method: fn.from,
      moduleConsts: consts,
      moduleFunctions: functions,
      importedOnce,
      ...(found.methods ? { classMethods: found.methods } : {}),
    };
    // MikroORM's handle is the migration itself: `this` of the method (its up() takes nothing).
    if (tool === 'mikro_orm') ctx.self = fn.from;
    const param = tool === 'mikro_orm' ? {} : builderParam(fn, src);
    if (param.name !== undefined) ctx.db.add(param.name);
    if (which === 'up')
      for (const u of found.unread ?? [])
        ctx.unfollowed.push({
          range: lines.lineRange(lines.position(u.node.from).line),
          construct: text(u.node, src).split('\n')[0]?.slice(0, 60) ?? '',
          what: u.what,
        });
    if (param.unread)
      ctx.unfollowed.push({
        range: lines.lineRange(lines.position(param.unread.from).line),
        construct: text(param.unread, src).slice(0, 60).replace(/\s+/g, ' '),
        what: "the builder arrives through a parameter pattern Slipway does not read (it reads a plain name, or umzug's `{ context }`)",
      });
    // Kysely's `sql` tag, imported from kysely, runs SQL as the handle does.
    if (tool === 'kysely' && /import\s*(type\s+)?\{[^}]*\bsql\b[^}]*\}\s*from\s*['"]kysely['"]/.test(src))
      ctx.db.add('sql');
    const body = fn.getChild('Block') ?? fn.lastChild;
    if (body) walkBody(body, ctx, MAPPERS[tool]);
    if (which === 'up' && ctx.sqlTexts?.length) module.jsSql = ctx.sqlTexts;
    if (which === 'up' && ctx.builderCalls?.length) module.jsBuilders = ctx.builderCalls;
    if (which === 'up' && ctx.otherDatabase?.length) module.jsOtherDatabase = ctx.otherDatabase;
    if (ctx.calledBodies?.length) module.calledBodies = [...(module.calledBodies ?? []), ...ctx.calledBodies];
    return {
      range,
      shape: ctx.ops.length ? 'ops' : bodyShape(body, src),
      ops: ctx.ops,
      ...(ctx.unfollowed.length ? { unfollowed: ctx.unfollowed } : {}),
    };
  };
  const upgrade = facts('up');
  const downgrade = facts('down');
  if (upgrade) module.upgrade = upgrade;
  if (downgrade) module.downgrade = downgrade;
  return module;
}

/** `{}` is empty; a body that only throws is irreversible (with a reason when it says one). */
function bodyShape(body: SyntaxNode | null | undefined, src: string): FunctionShape {
  if (body?.name !== 'Block') return 'code';
  const stmts =
    body.getChildren('ExpressionStatement').length +
    body.getChildren('ReturnStatement').length +
    body.getChildren('VariableDeclaration').length +
    body.getChildren('IfStatement').length;
  const throws = body.getChildren('ThrowStatement');
  if (throws.length && stmts === 0)
    return /['"`]/.test(text(throws[0] as SyntaxNode, src)) ? 'irreversible' : 'irreversible-without-reason';
  const inner = text(body, src)
    .slice(1, -1)
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
    .trim();
  return inner === '' || /^(return\s*(Promise\.resolve\(\))?\s*;?)$/.test(inner) ? 'empty' : 'code';
}

const FUNCTION = new Set(['FunctionExpression', 'ArrowFunction', 'FunctionDeclaration']);

const hasUp = (object: SyntaxNode, src: string) => objectProperties(object, src).some((p) => p.key === 'up');

/** Knex's exports: `exports.up =`, `module.exports.up =`, `export function up`, `module.exports = {...}`. */
function knexExports(
  top: readonly SyntaxNode[],
  fns: ReadonlyMap<string, SyntaxNode>,
  src: string,
  transactionsDisabled: boolean,
  /** Kysely: one exported object `{ up, down }` (its `Migration` type) is the migration. */
  exportedObject = false,
): Found {
  // The knexfile's `disableTransactions: true` is the default; a file's own `config.transaction`
  // decides for it (Knex's `_useTransaction`: a boolean there wins over the knexfile's setting).
  const found: Found = { opaque: [], autocommit: transactionsDisabled };
  const bind = (name: string, value: SyntaxNode | null | undefined) => {
    if (!value) return;
    if (name === 'config') {
      const target = value.name === 'VariableName' ? fns.get(text(value, src)) : value;
      const said = target && /\btransaction\s*:\s*(true|false)\b/.exec(text(target, src));
      if (said) found.autocommit = said[1] === 'false';
      return;
    }
    if (name !== 'up' && name !== 'down') return;
    const fn = value.name === 'VariableName' ? fns.get(text(value, src)) : value;
    if (fn && (FUNCTION.has(fn.name) || fn.name === 'Property')) found[name] = fn;
    else found.opaque.push({ which: name, node: value });
  };
  const bindObject = (value: SyntaxNode) => {
    for (const { key, keyNode, value: v } of objectProperties(value, src))
      if (key !== undefined) bind(key, v ?? fns.get(key) ?? keyNode);
  };
  for (const s of top) {
    if (s.name === 'ExportDeclaration') {
      const decl = s.getChild('FunctionDeclaration');
      const dn = decl?.getChild('VariableDefinition');
      if (decl && dn) bind(text(dn, src), decl);
      const v = s.getChild('VariableDeclaration');
      for (const d of v?.getChildren('VariableDefinition') ?? []) {
        const value = fns.get(text(d, src));
        // `export const createAccountsTable: Migration = { up, down }`, Kysely's Migration
        // interface (src/migration/migrator.ts), handed to the Migrator by the project's own
        // provider (colanode/colanode apps/server/src/data/migrations/).
        if (exportedObject && value?.name === 'ObjectExpression' && hasUp(value, src)) bindObject(value);
        else bind(text(d, src), value);
      }
      // `export default { up, down }` (an ES module's sequelize-cli or umzug migration).
      const object = s.getChild('default') ? s.getChild('ObjectExpression') : null;
      if (object) bindObject(object);
      continue;
    }
    const a = s.name === 'ExpressionStatement' ? s.getChild('AssignmentExpression') : null;
    const left = a?.firstChild;
    const value = a?.lastChild;
    if (!left || !value || left.name !== 'MemberExpression') continue;
    const l = text(left, src).replace(/\s+/g, '');
    const named = /^(?:module\.)?exports\.(\w+)$/.exec(l);
    if (named) bind(named[1] as string, value);
    else if (l === 'module.exports' && value.name === 'ObjectExpression') bindObject(value);
  }
  return found;
}
