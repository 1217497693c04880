import type { MigrationModule } from '../migrations/alembic-module.js';
import type { JsBuilderStep } from '../migrations/js-builder-call.js';
import type { SqlRunner } from '../policy/schema/migrations.js';
import type { DocumentedLock } from './documented-locks.js';
import type { StandInColumn } from './stand-in-type.js';

/** One statement `slipway trace` runs: where it is written and the SQL PostgreSQL gets. */
export interface PlannedStatement {
  file: string;
  /** 1-based line of the statement (of the op.* call, for Alembic). */
  line: number;
  /** An Alembic call's last line (a call may span many); a SQL statement's follow from its text. */
  endLine?: number;
  /** 1-based column of a .sql statement that shares its line with another: which one a finding is on. */
  column?: number;
  sql: string;
  /** It must run outside a transaction block (CONCURRENTLY, VACUUM, an autocommit_block()). */
  outsideTransaction: boolean;
  /** Outside a transaction its locks cannot be read: the ones PostgreSQL documents for it, when known. */
  documentedLocks?: DocumentedLock[];
  /**
   * Columns whose type Slipway does not know, which this statement made or changed with a stand-in
   * type, or whose type it changes from one: a claim that depends on the type is not proved here.
   */
  standIns?: StandInColumn[];
  /** The columns whose type it changes (`ALTER COLUMN … TYPE`), keyed as standInKey does. */
  typeChanges?: string[];
  /** What it makes (entity-names.ts): a later step that needs it failed for its cause when it fails. */
  makes?: string[];
}

/** Something in a migration `trace` cannot run, and why: listed, never silently skipped. */
export interface NotTraced {
  file: string;
  line: number;
  reason: string;
  /**
   * The reason without what is particular to this step (`Python Slipway does not run`), which the
   * summary counts steps under; the reason itself when it has nothing particular.
   */
  cause?: string;
  /** What the step would have made, when known (entity-names.ts): later steps that need it fail for its cause. */
  makes?: string[];
}

/** A migration to run: its path and text; `.sql` files run as written, `.py` ones are rendered. */
export interface TraceSource {
  path: string;
  text: string;
  /** For a .sql migration, what runs it (`migrations.sql_runner`; default `plain`). */
  sqlRunner?: SqlRunner;
  /** For a Django migration, its app's label: rendered by render-django.ts, not as Alembic. */
  djangoApp?: string;
  /** For a Knex, TypeORM, Sequelize, Kysely or MikroORM migration, the file as the MIG rules read it (render-js.ts). */
  jsModule?: MigrationModule;
}

/**
 * Renders a JS tool's schema call to the SQL the tool itself would send (the CLI replays the call
 * on the tool's own builders, with no connection), or says why it cannot.
 */
export type JsBuilderRenderer = (step: JsBuilderStep) => { sql: string[] } | { why: string };

/**
 * Compiles a Kysely schema chain (its calls after `db.schema`, up to its `.execute()`) to the one
 * statement Kysely sends (the CLI replays it on Kysely's builders, with no connection), or says
 * why it cannot.
 */
export type JsChainRenderer = (steps: readonly JsBuilderStep[]) => { sql: string[] } | { why: string };

/** The renderers trace has, by tool: a tool without one has its builder calls listed as not traced. */
export interface JsRenderers {
  knex?: JsBuilderRenderer;
  /** Why there is no Knex renderer (Knex is not installed beside Slipway), for the not-traced reason. */
  knexMissing?: string;
  kysely?: JsChainRenderer;
  /** Why there is no Kysely renderer, as for Knex. */
  kyselyMissing?: string;
}

export interface TracePlan {
  /** The schema before the traced migrations: run first, not measured. */
  setup: PlannedStatement[];
  /** Each runs in its own transaction (unless it must not) and is measured. */
  traced: PlannedStatement[];
  notTraced: NotTraced[];
}
