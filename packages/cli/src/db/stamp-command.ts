import { type DbGraphView, destructiveOpsFromBaseline, formatDestructiveOp } from '@slipway/policy-core';
import { describeDbError, StampRefused, stampBaseline } from '@slipway/policy-core/node';
import { type CommandContext, UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { openRepoContext } from '../repo-context.js';
import { dbFlagCommon, parseTimeout } from './audit-command.js';
import { loadDbGraph } from './load-graph.js';
import { DbOpenError, openDb } from './open-db.js';
import { resolveDatabases } from './resolve-databases.js';

/** Refuses before touching any database when the baseline is not a revision of the repository. */
export function checkBaselineKnown(graph: DbGraphView, baseline: string, where: string): void {
  if (!graph.has(baseline)) {
    throw new UserError(`${where}: baseline ${baseline} is not a revision in the repository's migrations`);
  }
}

/**
 * Refuses a stamp when upgrading from the baseline to head would run destructive operations (the
 * seed's "verifies that alembic upgrade head completes without destructive operations"). Asked
 * only when a stamp is about to be written: a database at or past the baseline has nothing to
 * stamp, so nothing to refuse.
 */
export function checkPathToHead(graph: DbGraphView, baseline: string, where: string): void {
  checkBaselineKnown(graph, baseline, where);
  const ops = destructiveOpsFromBaseline(graph, baseline);
  if (ops.length > 0) {
    const list = ops.map((op) => `  ${formatDestructiveOp(op)}`).join('\n');
    throw new UserError(
      `refusing to stamp: upgrading from baseline ${baseline} to head would run ${ops.length} destructive operation${ops.length === 1 ? '' : 's'}:\n${list}`,
      1,
    );
  }
}

/** `slipway db stamp-baseline`: the seed's stamp_prod_baseline.sh. */
export async function runStampBaseline(ctx: CommandContext): Promise<number> {
  const { values } = parseFlags(
    'db stamp-baseline',
    ctx.argv,
    { ...dbFlagCommon, revision: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    false,
  );
  const connectTimeoutMs = parseTimeout(values.timeout, 'db stamp-baseline');
  const names = values.db ?? ['prod'];
  if (names.length !== 1)
    throw new UserError('slipway db stamp-baseline stamps one database at a time: give one --db');
  const name = names[0]!;
  const context = await openRepoContext(ctx.cwd, values.repo);
  const doc = context.policy;
  const baseline = values.revision ?? doc.policy.migrations?.baseline;
  if (baseline === undefined) {
    throw new UserError(`no baseline revision: set migrations.baseline in ${doc.file} or pass --revision`);
  }
  const where = values.revision
    ? '--revision'
    : `${doc.file}:${doc.locate(['migrations', 'baseline']).start.line + 1}`;
  const loaded = await loadDbGraph(context);
  if (!loaded.graph) {
    throw new UserError(
      `cannot verify the path from baseline ${baseline} to head: no revision graph (${loaded.reason})`,
    );
  }
  const graph = loaded.graph;
  checkBaselineKnown(graph, baseline, where);
  const [target] = resolveDatabases(doc, ctx.env, [name]).targets;
  if (!target) throw new UserError(`--db ${name}: no URL`);
  let client: Awaited<ReturnType<typeof openDb>>;
  try {
    client = await openDb(target, { cwd: context.root, connectTimeoutMs });
  } catch (err) {
    throw new UserError(err instanceof DbOpenError ? err.message : describeDbError(err, name, target.url), 1);
  }
  try {
    const dryRun = values['dry-run'] === true;
    const outcome = await stampBaseline(client, {
      name,
      baseline,
      graph,
      dryRun,
      beforeWrite: () => checkPathToHead(graph, baseline, where),
    });
    const would = dryRun ? ' (dry run: rolled back, nothing changed)' : '';
    if (outcome.kind === 'already-at-baseline') {
      ctx.stdout.write(`${name} is already stamped at baseline ${baseline}; nothing to do\n`);
    } else if (outcome.kind === 'already-past-baseline') {
      ctx.stdout.write(
        `${name} is tracked at ${outcome.versions.join('+')}, past baseline ${baseline}; nothing to do\n`,
      );
    } else {
      const how = outcome.created ? 'created alembic_version and ' : '';
      ctx.stdout.write(`${name}: ${how}stamped at baseline ${baseline}${would}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (err instanceof StampRefused) throw new UserError(`${name}: ${err.message}`, 1);
    throw new UserError(describeDbError(err, name, target.url), 1);
  } finally {
    await client.close().catch(() => {});
  }
}
