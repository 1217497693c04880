import type { SyntaxNode, Tree } from '@lezer/common';
import type { JsTool } from './js-walk.js';

/**
 * What a file in a JS tool's migration folder is when Slipway finds no `up` in it, as the tool
 * itself treats such a file:
 * - `not-a-migration`: the tool does not run it and nothing is wrong (TypeORM's or Kysely's
 *   `index` listing the migrations for the app to register or hand its own provider);
 * - `skipped`: Kysely's FileMigrationProvider skips it, and the person may not know: an info;
 * - `unread`: the tool runs it (Knex and sequelize-cli run every file; TypeORM's class or an `up`
 *   Kysely sees may be made in a way Slipway does not follow): MIG130's error.
 */
export type NoUp = { kind: 'not-a-migration' } | { kind: 'skipped' | 'unread'; message: string };

const INDEX = /(^|\/)index\.[cm]?[jt]s$/;

/**
 * Kysely's FileMigrationProvider takes a module as a migration only when it (or its `default`)
 * has a function `up` (`isMigration`: `isObject(obj) && isFunction(obj.up)`), and passes any other
 * file to `onFileIgnored(fileName, 'NotMigration')` (kysely src/migration/file-migration-provider.ts);
 * a custom provider lists what it imports. So a file that names no `up` anywhere and exports
 * nothing Slipway cannot see into is one Kysely never runs. Any `up` (an export list's
 * `x as up`, `exports['up']`), `export *`, or a default or `module.exports` that is not an object
 * literal (`export default make()`) might give it one: then Kysely may run it, and it stays unread.
 */
export function kyselyCannotSeeUp(tree: Tree, src: string): boolean {
  let seen = false;
  const text = (n: SyntaxNode) => src.slice(n.from, n.to);
  tree.iterate({
    enter(ref) {
      if (seen) return false;
      const n = ref.node;
      if (/^(Variable|Property)(Name|Definition)$/.test(n.name) && text(n) === 'up') seen = true;
      else if (n.name === 'String' && /^['"`]up['"`]$/.test(text(n))) seen = true;
      else if (n.name === 'ExportDeclaration')
        seen =
          n.getChild('Star') !== null ||
          (n.getChild('default') !== null &&
            n.getChild('ObjectExpression') === null &&
            n.getChild('FunctionDeclaration') === null);
      else if (n.name === 'AssignmentExpression') {
        const left = n.firstChild ? text(n.firstChild).replace(/\s+/g, '') : '';
        seen = /^(module\.)?exports$/.test(left) && n.lastChild?.name !== 'ObjectExpression';
      }
      return undefined;
    },
  });
  return !seen;
}

/** What a file of `tool`'s folder with no `up` Slipway can find is (NoUp). */
export function noUp(tool: JsTool, path: string, tree: Tree, src: string): NoUp {
  if (tool === 'kysely' && kyselyCannotSeeUp(tree, src))
    return INDEX.test(path)
      ? { kind: 'not-a-migration' }
      : {
          kind: 'skipped',
          message: `${path} exports no \`up\` function, so Kysely's Migrator never runs it: its FileMigrationProvider skips a file that is not a migration ('NotMigration'); if it is one, export \`up\` and \`down\` as functions, and if it is a helper, move it out of the folder.`,
        };
  if (tool === 'typeorm')
    return INDEX.test(path)
      ? { kind: 'not-a-migration' }
      : {
          kind: 'unread',
          message: `${path} holds no class with an \`up(queryRunner)\` method Slipway can find: TypeORM runs the class each migration file exports, so nothing in this one was checked; write \`export class Name<timestamp> implements MigrationInterface { async up(queryRunner) {...} async down(queryRunner) {...} }\`, or move the file out of the folder.`,
        };
  // MikroORM's Migrator takes every .js/.ts file of its folder, an index too (its default glob
  // `!(*.d).{js,ts,cjs}`), and runs the first function the module exports.
  if (tool === 'mikro_orm')
    return {
      kind: 'unread',
      message: `${path} holds no class with an \`up()\` method Slipway can find: MikroORM's Migrator runs the class each file of its folder exports, so nothing in this one was checked; write \`export class Migration<timestamp> extends Migration { async up() {...} async down() {...} }\`, or move the file out of the folder.`,
    };
  const runs =
    tool === 'knex'
      ? 'Knex refuses a migration without up and down ("Invalid migration")'
      : tool === 'kysely'
        ? "Kysely's Migrator calls the up it exports"
        : 'sequelize-cli calls the up it exports';
  return {
    kind: 'unread',
    message: `${path} exports no \`up\` function Slipway can find (\`exports.up = ...\`, \`export async function up\`, \`module.exports = { up }\`): ${runs}, and one made otherwise is not followed, so nothing in it was checked; export \`up\` and \`down\` as functions, or move the file out of the folder.`,
  };
}
