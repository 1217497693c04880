import {
  type DbGraphView,
  type DbTarget,
  type DeployCallbacks,
  DeployError,
  destructiveOpsFromBaseline,
  formatDestructiveOp,
  historyToolOf,
  loadDbGraph,
  type PolicyDocument,
  type RepoView,
  resolveDatabases,
  type StampBaselineResult,
  Workspace,
} from '../../index.js';
import type { DbClient } from '../db/db-client.js';
import { describeDbError } from '../db/db-error.js';
import { StampRefused, stampBaselineOn } from '../db/stamp-baseline.js';
import { openRepo } from '../fs-repo.js';

export interface StampBaselineOptions {
  root: string;
  policy: PolicyDocument;
  env: Record<string, string | undefined>;
  /** The database to stamp, by its migrations.databases name (default "prod"). */
  database?: string;
  /** The baseline revision (default: migrations.baseline). */
  revision?: string;
  /** Check everything inside the transaction, then roll it back. */
  dryRun?: boolean;
  /**
   * Opens a database (the host's clients: the CLI's pg and PGlite). Rejects with an error whose
   * message is one password-free line.
   */
  openDb: (target: DbTarget) => Promise<DbClient>;
  /** The repository's files (default: the working tree at `root`). */
  repo?: RepoView;
  workspace?: Workspace;
}

/** Refuses before touching any database when the baseline is not a revision of the repository. */
export function checkBaselineKnown(graph: DbGraphView, baseline: string, where: string): void {
  if (!graph.has(baseline))
    throw new DeployError(
      'config',
      `${where}: baseline ${baseline} is not a revision in the repository's migrations`,
    );
}

/**
 * Refuses a stamp when upgrading from the baseline to head would run destructive operations
 * ("alembic upgrade head completes without destructive operations"). Asked only when a stamp
 * is about to be written: a database at or past the baseline has nothing to stamp.
 */
export function checkPathToHead(graph: DbGraphView, baseline: string, where: string): void {
  checkBaselineKnown(graph, baseline, where);
  const ops = destructiveOpsFromBaseline(graph, baseline);
  if (ops.length > 0) {
    const list = ops.map((op) => `  ${formatDestructiveOp(op)}`).join('\n');
    throw new DeployError(
      'refused',
      `refusing to stamp: upgrading from baseline ${baseline} to head would run ${ops.length} destructive operation${ops.length === 1 ? '' : 's'}:\n${list}`,
    );
  }
}

/**
 * Stamps a database's Alembic baseline (the production baseline by default): one transaction,
 * serialised by an advisory lock; creates `alembic_version` and records the baseline; nothing
 * to do when the database is already at or past it; refuses a database at any other revision
 * and a baseline whose path to head is destructive. Never drops anything.
 */
export async function stampBaseline(
  opts: StampBaselineOptions,
  callbacks: Pick<DeployCallbacks, 'onProgress'> = {},
): Promise<StampBaselineResult> {
  const name = opts.database ?? 'prod';
  const base = { database: name, dryRun: opts.dryRun === true };
  try {
    const doc = opts.policy;
    if (historyToolOf(doc) === 'django')
      throw new DeployError(
        'config',
        `the stamp writes Alembic's alembic_version, and the migrations in ${doc.file} are Django apps: record what the database already has with \`python manage.py migrate --fake <app> <migration>\` instead`,
      );
    const baseline = opts.revision ?? doc.policy.migrations?.baseline;
    if (baseline === undefined)
      throw new DeployError(
        'config',
        `no baseline revision: set migrations.baseline in ${doc.file} or pass --revision`,
      );
    const where = opts.revision
      ? '--revision'
      : `${doc.file}:${doc.locate(['migrations', 'baseline']).start.line + 1}`;
    const repo = opts.repo ?? (await openRepo(opts.root));
    const loaded = await loadDbGraph({ policy: doc, repo, workspace: opts.workspace ?? new Workspace() });
    if (!loaded.graph)
      throw new DeployError(
        'config',
        `cannot verify the path from baseline ${baseline} to head: no revision graph (${loaded.reason})`,
      );
    const graph = loaded.graph;
    checkBaselineKnown(graph, baseline, where);
    const [target] = resolveDatabases(doc, opts.env, [name]).targets;
    if (!target) throw new DeployError('config', `--db ${name}: no URL`);
    callbacks.onProgress?.({ step: 'plan', message: `stamping ${name} at baseline ${baseline}` });
    let client: DbClient;
    try {
      client = await opts.openDb(target);
    } catch (err) {
      throw new DeployError('database', err instanceof Error ? err.message : String(err));
    }
    try {
      const outcome = await stampBaselineOn(client, {
        name,
        baseline,
        graph,
        dryRun: base.dryRun,
        beforeWrite: () => checkPathToHead(graph, baseline, where),
      });
      const would = base.dryRun ? ' (dry run: rolled back, nothing changed)' : '';
      if (outcome.kind === 'already-at-baseline')
        return {
          ...base,
          outcome: outcome.kind,
          baseline,
          message: `${name} is already stamped at baseline ${baseline}; nothing to do`,
        };
      if (outcome.kind === 'already-past-baseline')
        return {
          ...base,
          outcome: outcome.kind,
          baseline,
          versions: outcome.versions,
          message: `${name} is tracked at ${outcome.versions.join('+')}, past baseline ${baseline}; nothing to do`,
        };
      const how = outcome.created ? 'created alembic_version and ' : '';
      return {
        ...base,
        outcome: 'stamped',
        baseline,
        created: outcome.created,
        message: `${name}: ${how}stamped at baseline ${baseline}${would}`,
      };
    } catch (err) {
      if (err instanceof DeployError) throw err;
      if (err instanceof StampRefused) throw new DeployError('refused', `${name}: ${err.message}`);
      throw new DeployError('database', describeDbError(err, name, target.url));
    } finally {
      await client.close().catch(() => {});
    }
  } catch (err) {
    if (err instanceof DeployError) return { ...base, outcome: 'refused', message: err.message, error: err };
    throw err;
  }
}
