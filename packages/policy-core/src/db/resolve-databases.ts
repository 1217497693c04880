import { DeployError } from '../deploy/flow/deploy-error.js';
import type { PolicyDocument } from '../policy/document.js';

/** A database to audit or stamp: its configured name, its URL and where that URL came from. */
export interface DbTarget {
  name: string;
  url: string;
  /** "$DATABASE_URL_PROD" or "slipway.yaml migrations.databases.prod.url", for messages. */
  source: string;
}

/** The defaults when the policy names no databases: dev and, if set, prod. */
export const DEFAULT_DATABASES: readonly { name: string; env: string }[] = [
  { name: 'dev', env: 'DATABASE_URL' },
  { name: 'prod', env: 'DATABASE_URL_PROD' },
];

export interface ResolvedDatabases {
  targets: DbTarget[];
  /** Configured databases whose URL variable is not set: not audited, said so on stderr. */
  skipped: { name: string; reason: string }[];
  /** True when the policy names the databases (`migrations.databases`), false for the defaults. */
  configured: boolean;
}

/**
 * Which databases to read: `migrations.databases` from the policy, else `dev` from
 * `$DATABASE_URL` and `prod` from `$DATABASE_URL_PROD`. `only` (from `--db`) narrows the list and
 * makes a missing URL an error instead of a skip.
 */
export function resolveDatabases(
  policy: PolicyDocument,
  env: Record<string, string | undefined>,
  only: readonly string[] = [],
): ResolvedDatabases {
  const configured = policy.policy.migrations?.databases;
  const entries = configured
    ? Object.entries(configured).map(([name, cfg]) => ({ name, url: cfg.url, env: cfg.url_env }))
    : DEFAULT_DATABASES.map((d) => ({ name: d.name, url: undefined, env: d.env }));
  for (const name of only) {
    if (!entries.some((e) => e.name === name)) {
      const known = entries.map((e) => e.name).join(', ');
      throw new DeployError(
        'config',
        configured
          ? `--db ${name}: no database "${name}" under migrations.databases in ${policy.file} (known: ${known})`
          : `--db ${name}: unknown database; without migrations.databases in ${policy.file} the databases are ${known}`,
      );
    }
  }
  const targets: DbTarget[] = [];
  const skipped: ResolvedDatabases['skipped'] = [];
  for (const e of entries) {
    if (only.length > 0 && !only.includes(e.name)) continue;
    const line = policy.locate(['migrations', 'databases', e.name], 'key').start.line + 1;
    if (e.url === undefined && e.env === undefined) {
      throw new DeployError(
        'config',
        `${policy.file}:${line}: migrations.databases.${e.name} needs url_env (or url)`,
      );
    }
    // Secrets pasted into CI settings often carry a trailing newline.
    const url = (e.url ?? env[e.env!])?.trim();
    if (url === undefined || url === '') {
      const reason = `$${e.env} is not set`;
      if (only.includes(e.name)) throw new DeployError('config', `--db ${e.name}: ${reason}`);
      skipped.push({ name: e.name, reason });
      continue;
    }
    targets.push({
      name: e.name,
      url,
      source: e.url !== undefined ? `${policy.file}:${line} migrations.databases.${e.name}.url` : `$${e.env}`,
    });
  }
  return { targets, skipped, configured: configured !== undefined };
}
