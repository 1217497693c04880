import { byNumbers } from '../migrations/applied-history.js';
import { seriesName } from '../migrations/tree-folders.js';
import { inSeriesOrder, seriesOf } from '../migrations/migration-series.js';
import { readMigrationTrees } from '../workspace-migrations.js';
import type { RepoView } from '../repo.js';
import { Workspace } from '../workspace.js';
import type { JsTool } from '../migrations/js-tools.js';
import type { JsMigrationLayout } from './js-migration-layout.js';
import type { LayoutReader } from './layout-reader.js';

/** The JS builders' series init found (js-migration-layout.ts). */
export type JsSeries = Pick<JsMigrationLayout, JsTool>;

/** Each JS tool's name, and the order it runs its folder in (js-tree.ts `ordered`). */
const JS_TOOL: Record<keyof JsSeries, { name: string; order: string }> = {
  knex: { name: 'Knex', order: 'file names sorted, as Knex runs them' },
  typeorm: { name: 'TypeORM', order: 'the timestamps ending the class names, as TypeORM runs them' },
  sequelize: { name: 'Sequelize', order: 'file names sorted, as sequelize-cli runs them' },
  kysely: { name: 'Kysely', order: "file names sorted, as Kysely's Migrator runs them" },
  mikro_orm: { name: 'MikroORM', order: "file names sorted, as MikroORM's Migrator runs them" },
};

export interface AppliedThroughGuess {
  /**
   * `migrations.applied_through`: each Alembic tree's heads, each Django app's, each SQL folder's
   * last file, each Knex/TypeORM/Sequelize/Kysely/MikroORM folder's last migration (its path: two folders
   * may hold the same file name).
   */
  entries: string[];
  decisions: string[];
}

/**
 * What production has run, as init guesses it for a repository adopting Slipway: everything
 * committed today. Without this, the first check fails over years of migrations that ran long
 * ago (and the first promote is refused for them). Said out loud, since production may be behind:
 * the user corrects it, and once the deploy record names production's commit, that decides.
 */
export function guessAppliedThrough(
  files: readonly string[],
  reader: LayoutReader,
  alembic: readonly string[],
  sqlMigrations: readonly string[],
  django: readonly string[] = [],
  js: JsSeries = { knex: [], typeorm: [], sequelize: [], kysely: [], mikro_orm: [] },
): AppliedThroughGuess {
  const entries: string[] = [];
  const decisions: string[] = [];
  const jsFolders = Object.values(js).some((folders) => folders.length > 0);
  if (alembic.length > 0 || django.length > 0 || jsFolders) {
    const repo: RepoView = {
      listFiles: () => files,
      readFile: (p) => reader.readFile(p),
      isDirectory: (p) => reader.isDirectory(p),
    };
    const analysis = readMigrationTrees(
      repo,
      {
        alembic: [...alembic],
        sql: [],
        ...(django.length ? { django: [...django] } : {}),
        ...(js.knex.length ? { knex: [...js.knex] } : {}),
        ...(js.typeorm.length ? { typeorm: [...js.typeorm] } : {}),
        ...(js.sequelize.length ? { sequelize: [...js.sequelize] } : {}),
        ...(js.kysely.length ? { kysely: [...js.kysely] } : {}),
        ...(js.mikro_orm.length ? { mikro_orm: [...js.mikro_orm] } : {}),
      },
      new Workspace(),
    );
    for (const tree of analysis.trees) {
      const heads = tree.graph.heads();
      if (heads.length === 0) continue;
      if (tree.js !== undefined) {
        // One line in the tool's order (js-tree.ts): its one head is the series' last migration,
        // named by its path, which the engine reads as that migration (applied-history.ts).
        const last = heads.map((h) => tree.graph.fileOf(h)).filter((f) => f !== undefined);
        const tool = JS_TOOL[tree.js];
        entries.push(...last);
        decisions.push(
          `${seriesName(tree)}: ${tree.graph.size} ${tool.name} migration${tree.graph.size === 1 ? '' : 's'} up to ${last.join(', ')} (${tool.order}), taken as already run in production (migrations.applied_through): their destructive and lock findings are history; correct it if production is behind`,
        );
        continue;
      }
      if (tree.django !== undefined) {
        // A Django app's migrations are named within the app: `<app>.<migration>` (applied-history.ts).
        const named = heads.map((h) => `${tree.django}.${h}`);
        entries.push(...named);
        decisions.push(
          `${tree.root}: ${tree.graph.size} Django migration${tree.graph.size === 1 ? '' : 's'} up to ${named.join(', ')}, taken as already run in production (migrations.applied_through); correct it if production is behind`,
        );
        continue;
      }
      entries.push(...heads);
      decisions.push(
        `${tree.root}: ${tree.graph.size} revision${tree.graph.size === 1 ? '' : 's'} up to ${heads.join(', ')}, taken as already run in production (migrations.applied_through): their destructive and lock findings are history; correct it if production is behind`,
      );
    }
  }
  // One entry per series: a folder's files, or a Prisma-style folder of `<name>/migration.sql`.
  const bySeries = new Map<string, { last: string; count: number }>();
  for (const f of sqlMigrations) {
    const series = seriesOf(f);
    const seen = bySeries.get(series);
    if (seen === undefined) bySeries.set(series, { last: f, count: 1 });
    else {
      seen.count++;
      if (inSeriesOrder(f, seen.last, byNumbers) > 0) seen.last = f;
    }
  }
  for (const { last, count } of bySeries.values()) {
    entries.push(last);
    decisions.push(
      `${last}: the last of its series (${count} .sql migration${count === 1 ? '' : 's'}), taken with those before it as already run in production (migrations.applied_through); correct it if production is behind`,
    );
  }
  return { entries, decisions };
}
