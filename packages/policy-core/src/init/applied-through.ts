import { byNumbers } from '../migrations/applied-history.js';
import { inSeriesOrder, seriesOf } from '../migrations/migration-series.js';
import { readMigrationTrees } from '../migrations/policy-sources.js';
import type { RepoView } from '../repo.js';
import { Workspace } from '../workspace.js';
import type { LayoutReader } from './layout-reader.js';

export interface AppliedThroughGuess {
  /** `migrations.applied_through`: each Alembic tree's heads, each SQL folder's last file. */
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
): AppliedThroughGuess {
  const entries: string[] = [];
  const decisions: string[] = [];
  if (alembic.length > 0 || django.length > 0) {
    const repo: RepoView = {
      listFiles: () => files,
      readFile: (p) => reader.readFile(p),
      isDirectory: (p) => reader.isDirectory(p),
    };
    const analysis = readMigrationTrees(
      repo,
      { alembic: [...alembic], sql: [], ...(django.length ? { django: [...django] } : {}) },
      new Workspace(),
    );
    for (const tree of analysis.trees) {
      const heads = tree.graph.heads();
      if (heads.length === 0) continue;
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
