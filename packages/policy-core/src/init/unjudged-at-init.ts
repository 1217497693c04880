import { describeUnjudged } from '../layouts/coverage.js';
import { judgedPaths } from '../layouts/judged-paths.js';
import { unjudgedLayouts } from '../layouts/unjudged-layouts.js';
import type { Policy } from '../policy/schema/index.js';
import { RULE_IDS } from '../rule-ids.generated.js';
import type { DetectedPair } from './dependency-layout.js';
import type { LayoutReader } from './layout-reader.js';
import { dirnameSlash, outermostFolders } from '../repo-paths.js';
import type { JsSeriesEntry } from '../migrations/js-series-entries.js';

/** What init proposes that decides what is judged: the keys renderPolicy writes. */
export interface Proposed {
  alembic: string[];
  sql: string[];
  django: string[];
  knex: JsSeriesEntry[];
  /** Folders, or `{ folders }` for one series over several (migrations.typeorm, migrations.knex). */
  typeorm: JsSeriesEntry[];
  sequelize: string[];
  kysely: string[];
  mikro_orm: string[];
  dependencies: DetectedPair[];
}

/** What the proposed policy leaves unjudged, as init says it and protects it. */
export interface UnjudgedAtInit {
  /**
   * One line each, "277 Django migrations under app/*\/migrations/: review them by hand (…)
   * (COV001)", for init's decisions and the policy's comment.
   */
  lines: string[];
  /**
   * The folders holding migrations of a tool Slipway does not read (`packages/schemas/alterations/`):
   * protected like the migrations it judges, since an agent's edit there is reviewed by no rule.
   * The fewest folders that hold them all.
   */
  migrationFolders: string[];
}

/** The layouts the policy init proposes will leave unjudged (the COV family's table, with the proposed keys as the policy). */
export function unjudgedAtInit(
  files: readonly string[],
  reader: LayoutReader,
  proposed: Proposed,
): UnjudgedAtInit {
  const policy = {
    version: 1,
    ...(proposed.alembic.length ||
    proposed.sql.length ||
    proposed.django.length ||
    proposed.knex.length ||
    proposed.typeorm.length ||
    proposed.sequelize.length ||
    proposed.kysely.length ||
    proposed.mikro_orm.length
      ? {
          migrations: {
            ...(proposed.alembic.length ? { alembic: proposed.alembic } : {}),
            ...(proposed.django.length ? { django: proposed.django } : {}),
            ...(proposed.knex.length ? { knex: proposed.knex } : {}),
            ...(proposed.typeorm.length ? { typeorm: proposed.typeorm } : {}),
            ...(proposed.sequelize.length ? { sequelize: proposed.sequelize } : {}),
            ...(proposed.kysely.length ? { kysely: proposed.kysely } : {}),
            ...(proposed.mikro_orm.length ? { mikro_orm: proposed.mikro_orm } : {}),
            sql: proposed.sql,
          },
        }
      : {}),
    ...(proposed.dependencies.length
      ? { dependencies: proposed.dependencies.map((p) => ({ requirements: p.requirements, lock: p.lock })) }
      : {}),
  } as Policy;
  const repo = { listFiles: () => files, readFile: (path: string) => reader.readFile(path) };
  const layouts = unjudgedLayouts(repo, judgedPaths(repo, policy));
  return {
    lines: layouts.map(
      (l) =>
        `${describeUnjudged(l)}: ${l.entry.advice} (${l.entry.kind === 'migrations' ? RULE_IDS.migrationsNotJudged : RULE_IDS.dependenciesNotJudged})`,
    ),
    // Each file's own folder (a file at the root gives none), those inside another left out.
    migrationFolders: outermostFolders(
      layouts
        .filter((l) => l.entry.kind === 'migrations')
        .flatMap((l) => [...l.files, ...l.unread.map((u) => u.path)])
        .map(dirnameSlash)
        .filter((d) => d !== ''),
    ),
  };
}
