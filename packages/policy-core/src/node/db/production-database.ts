import {
  historyToolOf,
  type PolicyDocument,
  type ProductionDatabase,
  resolveDatabases,
} from '../../index.js';
import { describeDbError } from './db-error.js';
import { DbOpenError, type OpenDbOptions, openDb } from './open-db.js';
import { readDbFacts } from './read-db-facts.js';
import { redactUrl } from './redact-url.js';

/**
 * What production's database says has run: the `alembic_version` (a Django policy's
 * `django_migrations`) of the database under
 * `migrations.databases` named as the deploy's production environment, or `prod` / `production`.
 * The guard reads it before judging a tree, so migrations production has applied are history even
 * before the first promote wrote a record. Nothing configured or set: nothing read, silently (the
 * audit says what it skipped). Unreadable: a note, and the tree is judged as if nothing had run.
 */
export async function readProductionDatabase(
  context: { policy: PolicyDocument; root: string },
  env: Record<string, string | undefined>,
  openEmbedded?: OpenDbOptions['openEmbedded'],
): Promise<{ database?: ProductionDatabase; note?: string }> {
  const policy = context.policy.policy;
  if (policy.migrations?.databases === undefined) return {};
  const { targets } = resolveDatabases(context.policy, env);
  const names = [policy.deploy?.production, 'prod', 'production'];
  const target = names.map((n) => targets.find((t) => t.name === n)).find((t) => t !== undefined);
  if (target === undefined) return {};
  let client: Awaited<ReturnType<typeof openDb>>;
  try {
    client = await openDb(target, { cwd: context.root, ...(openEmbedded ? { openEmbedded } : {}) });
  } catch (err) {
    const why = err instanceof DbOpenError ? err.message : describeDbError(err, target.name, target.url);
    return { note: `database ${target.name} not read for the migrations it ran (${why})` };
  }
  try {
    const facts = await readDbFacts(client, target.name, redactUrl(target.url));
    // The table the policy's migrations are recorded in: a Django project's is django_migrations.
    if (historyToolOf(context.policy) === 'django')
      return {
        database: {
          name: target.name,
          versions: facts.django?.present ? facts.django.applied : [],
          tool: 'django',
        },
      };
    return {
      database: { name: target.name, versions: facts.alembic?.present ? facts.alembic.versions : [] },
    };
  } catch (err) {
    return {
      note: `database ${target.name} not read for the migrations it ran (${describeDbError(err, target.name, target.url)})`,
    };
  } finally {
    await client.close().catch(() => {});
  }
}
