import type { PrismaScriptsBySeries } from './prisma-version.js';
import type { SqlRunner } from '../policy/schema/migrations.js';
import type { MigrationModule } from './alembic-module.js';
import type { JsTool } from './js-tree.js';
import type { SqlLoads } from './loaded-sql.js';
import type { RevisionGraph } from './revision-graph.js';
import type { SchemaOp } from './schema-op.js';

// What the analyzer (analyze.ts) reads from a repository and what it is asked to read.

/** One `migrations.alembic` entry: its files, modules and revision graph. */
export interface MigrationTree {
  /** Repo-relative folder, without trailing slash. */
  root: string;
  /** Every Python file read under the folder (migrations and others), in path order. */
  modules: MigrationModule[];
  graph: RevisionGraph;
  /** Files under the folder that are not read as Python: other extensions (images, .pyc), caches. */
  skipped: string[];
  /** A Django app's migrations folder (`migrations.django`): the app's label. */
  django?: string;
  /** A JS/TS tool's migrations folder (`migrations.knex`, `migrations.typeorm`, ...): which tool. */
  js?: JsTool;
  /** A JS/TS tool's: the repository's modules each migration's imports read, by the migration's path. */
  imports?: ReadonlyMap<string, readonly string[]>;
  /**
   * Every folder of a series that spans several (a TypeORM `{ folders: [...] }` entry), `root`
   * the first: their migrations are one series, `modules` and `graph` hold them all.
   */
  folders?: readonly string[];
}

export interface SqlMigrationFile {
  path: string;
  ops: SchemaOp[];
}

export interface MigrationAnalysis {
  trees: MigrationTree[];
  sqlFiles: SqlMigrationFile[];
  /** What runs the .sql migrations (the policy's `migrations.sql_runner`). */
  sqlRunner: SqlRunner;
  /** Files read, for the engine's filesChecked and suppression scan. */
  filesRead: string[];
  /** The files revisions read and run (loaded-sql.ts): part of those revisions. */
  sqlLoads: SqlLoads;
  /** The JS/TS migrations whose imports read each module, by the module's path (js-import-changes.ts). */
  jsImports: ReadonlyMap<string, readonly string[]>;
}

export interface MigrationSources {
  /** Alembic version folders (independent trees). */
  alembic: readonly string[];
  /** Repo-relative .sql migration files. */
  sqlFiles: readonly string[];
  /** What runs them, which decides what of them runs forward (default `plain`: all of it). */
  sqlRunner?: SqlRunner;
  /** Under `sql_runner: prisma`: how the project's Prisma sends a migration.sql, by series (prisma-version.ts). */
  prismaScripts?: PrismaScriptsBySeries;
  /** Django apps' migrations folders, one tree each. */
  django?: readonly string[];
  /** Knex, TypeORM, Sequelize, Kysely and MikroORM migrations folders, one series each. */
  knex?: readonly string[];
  typeorm?: readonly string[];
  sequelize?: readonly string[];
  kysely?: readonly string[];
  mikro_orm?: readonly string[];
  /**
   * Folders of a tool's list above that its runner runs as one series (a TypeORM DataSource whose
   * `migrations` lists classes of several folders, a knexfile's list of directories), each group in the policy's order; a folder in
   * no group is a series of its own.
   */
  jsSeries?: { readonly [T in JsTool]?: readonly (readonly string[])[] };
  /** The Knex groups of `jsSeries` run folder by folder (the knexfile's `sortDirsSeparately: true`). */
  jsSeriesByFolder?: readonly (readonly string[])[];
}
