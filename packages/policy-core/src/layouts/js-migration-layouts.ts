import { inJsMigrationFolder } from './js-migration-folder.js';
import { type JudgingKey, type LayoutEntry, baseOf } from './layout-entry.js';

/**
 * `up` (or `down`) defined, not called: `function up`, `exports.up =`, `up: async …`, `up: (…) =>`,
 * `up = async …`, a method `async up(…) {`. A runner's `await up(connection);` is not one.
 */
const STEP = (name: string) =>
  new RegExp(
    `\\bfunction\\s+${name}\\b|\\bexports\\.${name}\\s*=|(^|[\\s,{])(async\\s+)?${name}\\s*(:\\s*(async\\b|function\\b|\\([^)]*\\)\\s*=>)|=\\s*(async\\b|function\\b|\\([^)]*\\)\\s*=>)|\\([^)]*\\)\\s*(:[^{]*)?\\{)`,
    'm',
  );
/** What `isJs` below takes: `.js`, `.ts`, and their `c`/`m` forms. */
const JS_EXTENSIONS = ['js', 'ts', 'cjs', 'mjs', 'cts', 'mts'];
const UP = STEP('up');
const DOWN = STEP('down');

/**
 * The JS/TS migration tools, told apart by what their files import; then any other numbered one.
 * In a folder named for migrations (`migrations/`, `knex_migrations/`) or one level below it
 * (js-migration-folder.ts).
 */
export function jsMigrationLayouts(): LayoutEntry[] {
  const isJs = (p: string) =>
    inJsMigrationFolder(p) && /\.[cm]?[jt]s$/.test(p) && !p.endsWith('.d.ts') && !/\.(test|spec)\./.test(p);
  const tool = (id: string, name: string, sniff: RegExp, judgedBy?: JudgingKey): LayoutEntry => ({
    id,
    name: `${name} migrations`,
    one: `${name} migration`,
    kind: 'migrations',
    recognisedBy: `a JS/TS file in a \`migrations/\` or \`*_migrations/\` folder that uses ${name}`,
    extensions: JS_EXTENSIONS,
    path: isJs,
    sniff: (t) => sniff.test(t),
    ...(judgedBy
      ? { judgedBy, advice: `name their folder under \`${judgedBy}\`` }
      : { advice: `review them by hand (Slipway has no ${name} reader)` }),
  });
  return [
    // MikroORM's Migrator names a file `Migration<timestamp>.ts` (its default `fileName`), a class
    // extending its `Migration` that queues SQL with `this.addSql(...)`: no leading digit, so only
    // its own sniff names it (medusajs/medusa's `src/migrations/` of every module, imported from
    // `@mikro-orm/migrations` or re-exported as `@medusajs/framework/mikro-orm/migrations`).
    // First: such a file may build SQL with knex (`const knex = this.getKnex()`), which Knex's sniff would take.
    // The import alone is not enough: medusa's packages/core/utils/src/migrations/index.ts imports
    // MikroORM's migration types to run the migrations, and declares no class extending Migration.
    tool(
      'mikro-orm',
      'MikroORM',
      /\bmikro-orm\/migrations\b[\s\S]*\bextends[ \t]+Migration\b|\bextends[ \t]+Migration\b[\s\S]*\bthis\.addSql[ \t]*\(/,
      'migrations.mikro_orm',
    ),
    tool(
      'typeorm',
      'TypeORM',
      /\bMigrationInterface\b|\bQueryRunner\b|from[ \t]+['"]typeorm['"]/,
      'migrations.typeorm',
    ),
    tool(
      'sequelize',
      'Sequelize',
      /\bqueryInterface\b|\bQueryInterface\b|['"]sequelize['"]/,
      'migrations.sequelize',
    ),
    // `up(db: Kysely<any>)`, or an object typed by Kysely's `Migration` imported from it.
    tool('kysely', 'Kysely', /\bKysely\s*<|\bfrom\s+['"]kysely['"]/, 'migrations.kysely'),
    // Payload CMS writes `src/migrations/<date>_<time>.ts` exporting `up({ db, payload, req })`
    // typed by its database adapter (`MigrateUpArgs` from `@payloadcms/db-postgres`, -sqlite,
    // -mongodb): SQL through Drizzle's `sql` tag or calls on the Payload API, no Knex.
    tool('payload', 'Payload', /@payloadcms\/db-[a-z-]+['"]|\bMigrateUpArgs\b/),
    tool('knex', 'Knex', /\bknex\b|\bKnex\b/, 'migrations.knex'),
    {
      id: 'js-migrations',
      name: 'numbered JS/TS migrations of a tool Slipway does not know',
      one: 'numbered JS/TS migration of a tool Slipway does not know',
      kind: 'migrations',
      recognisedBy:
        '`migrations/<digits>*.js` or `.ts` (or in a `*_migrations/` folder) that names none of MikroORM, TypeORM, Sequelize, Kysely, Payload, Knex',
      extensions: JS_EXTENSIONS,
      path: (p) => isJs(p) && /^\d/.test(baseOf(p)),
      advice: 'review them by hand',
    },
    // Not numbered, yet a migration by what it defines: logto-io/logto's newest alterations are
    // `next-<timestamp>-<name>.ts` (packages/schemas/alterations/README.md), each an object with
    // `up` and `down`; those are the ones a change adds.
    {
      id: 'js-up-down',
      name: 'JS/TS migrations (up and down) of a tool Slipway does not know',
      one: 'JS/TS migration (up and down) of a tool Slipway does not know',
      kind: 'migrations',
      recognisedBy:
        'a JS/TS file in a `migrations/` or `alterations/` folder, not numbered, that defines both `up` and `down` and names none of MikroORM, TypeORM, Sequelize, Kysely, Payload, Knex',
      extensions: JS_EXTENSIONS,
      path: isJs,
      sniff: (t) => UP.test(t) && DOWN.test(t),
      advice: 'review them by hand',
    },
  ];
}
