import * as z from 'zod/mini';
import { argv, defaulted, described, nonEmpty, optional, optionalString, pattern } from './common.js';
import { environmentWindows } from './deploy-windows.js';
import { repoPath } from './repo-path.js';
import { durationMinutes } from '../../windows/index.js';

const positiveInt = () => z.number().check(z.int(), z.positive());
const nonNegativeInt = () => z.number().check(z.int(), z.gte(0));

/** One health endpoint: a path under the environment's `url` (or a full URL), with its own check. */
export const healthCheck = z.strictObject({
  path: described(
    nonEmpty(),
    'Path under `url` (e.g. /health/deep) or a full http(s) URL; `$' +
      '{VAR}`s are expanded as in `url` (shown by name), and a URL password is sent as Basic auth.',
  ),
  expect_json_status: optional(
    nonEmpty(),
    'Require a JSON body whose `status` equals this (e.g. "ok"); a 200 with an error body then fails.',
  ),
  timeout_ms: optional(positiveInt(), "Overrides the environment's health_timeout_ms."),
});

export const environmentConfig = z.strictObject({
  url: optionalString(
    'Base URL of the environment; `$' +
      '{VAR}` is expanded from the process environment, e.g. "$' +
      '{PROD_URL}"; output, the record and the audit log show the name, never the value.',
  ),
  health: defaulted(
    z.array(z.union([nonEmpty(), healthCheck])),
    [],
    'Health endpoints; every one must answer 2xx within its timeout (e.g. /health, /health/deep).',
  ),
  health_timeout_ms: defaulted(positiveInt(), 5000, 'Time one health request may take, headers and body.'),
  health_retries: defaulted(
    nonNegativeInt(),
    3,
    'Extra attempts after a failed health request (a service that is still starting).',
  ),
  health_backoff_ms: defaulted(
    nonNegativeInt(),
    1000,
    'Wait before the first retry; doubles after each retry.',
  ),
  max_redirects: defaulted(nonNegativeInt(), 5, 'Redirects a health request may follow.'),
  expect_json_status: optional(
    nonEmpty(),
    'Default for every health check: require a JSON body with this `status` (e.g. "ok").',
  ),
  deploy: optional(
    argv,
    'Deploy command as an argv list (never a shell string); it receives SLIPWAY_SHA and SLIPWAY_ENV in its environment.',
  ),
  rollback: optional(
    argv,
    'Rollback command as an argv list; defaults to the deploy command with the target SHA.',
  ),
  deploy_timeout_s: defaulted(
    z.number().check(z.positive()),
    900,
    'Seconds the deploy or rollback command may run before its process group is killed.',
  ),
  approval: defaulted(
    z.enum(['required', 'none']),
    'none',
    'required: a human confirms (type the short SHA, or --yes --approved-by NAME).',
  ),
  branch: optional(
    nonEmpty(),
    'Branch every deployed SHA must be reachable from; production defaults to production_branch.',
  ),
  require_staging: optional(
    nonEmpty(),
    'Environment whose STAGING_VERIFIED entry for the same SHA is required first; production defaults to "staging" when that exists.',
  ),
  min_soak: optional(
    nonEmpty().check(
      z.superRefine((text, ctx) => {
        const m = durationMinutes(text);
        if (typeof m === 'string') ctx.addIssue({ code: 'custom', message: m });
      }),
    ),
    "How long the SHA must have run on the environment this one requires (require_staging) since it verified it, e.g. 30m: a promote sooner is refused, and one whose staging ran another SHA meanwhile or fails its health checks at the soak's end.",
  ),
  guard: optional(
    z.boolean(),
    "false: promotes to this environment skip the deploy guard (each promote's audit entry says so). Every environment is guarded by default; the production environment always is.",
  ),
});

/** The deploy record, the audit log and the environments promote and rollback act on. */
export const deploySection = z
  .strictObject({
    record: defaulted(repoPath(), 'infrastructure/LAST_PROD_DEPLOY.json', 'The production deploy record.'),
    audit_log: defaulted(
      repoPath(),
      'infrastructure/deploy-audit.jsonl',
      'The hash-chained audit log (JSON Lines): deploys, SYSTEM_CORRECTION_EVENTs, pins.',
    ),
    release_tag: optional(
      pattern,
      'Tag pattern a production SHA must carry, e.g. "v*": production never runs an untagged commit.',
    ),
    history_limit: defaulted(
      z.number().check(z.int(), z.gte(0), z.lte(1000)),
      20,
      'How many earlier deploys and rollbacks the record keeps in `history`.',
    ),
    production: defaulted(
      nonEmpty(),
      'production',
      'Name of the environment the record describes and the guard protects.',
    ),
    environments: defaulted(
      z.record(z.string(), environmentConfig),
      {},
      'Environments by name, e.g. staging and production.',
    ),
    windows: optional(
      z.record(z.string(), environmentWindows),
      'Deploy windows by environment (a key of environments): when promotes may run. Rollbacks are never held by a window.',
    ),
  })
  .check(
    z.superRefine((d, ctx) => {
      // Caught here, not at promote time: promote would tell the user to verify on an environment
      // it then rejects as unknown.
      const known = Object.keys(d.environments);
      if (d.environments[d.production]?.guard === false)
        ctx.addIssue({
          code: 'custom',
          path: ['environments', d.production, 'guard'],
          message: `"${d.production}" is the production environment, which the deploy guard always protects; remove \`guard: false\``,
        });
      for (const name of Object.keys(d.windows ?? {}))
        if (!(name in d.environments))
          ctx.addIssue({
            code: 'custom',
            path: ['windows', name],
            message: `"${name}" is not an environment of deploy.environments (it defines ${known.map((k) => `"${k}"`).join(', ')}); name one of them`,
          });
      for (const [name, env] of Object.entries(d.environments)) {
        const soaksOn =
          env.require_staging ?? (name === d.production && name !== 'staging' ? 'staging' : undefined);
        if (env.min_soak !== undefined && (soaksOn === undefined || !(soaksOn in d.environments)))
          ctx.addIssue({
            code: 'custom',
            path: ['environments', name, 'min_soak'],
            message: `"${name}" requires no environment to verify a SHA first, so nothing soaks before it; set require_staging or remove min_soak`,
          });
        const required = env.require_staging;
        if (required === undefined || (required !== name && required in d.environments)) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['environments', name, 'require_staging'],
          message:
            required === name
              ? `"${name}" cannot require itself to be verified first; name the environment that verifies a SHA before ${name}`
              : `"${required}" is not an environment of deploy.environments (it defines ${known.map((k) => `"${k}"`).join(', ')}); name one of them or add "${required}"`,
        });
      }
    }),
  );

export type DeploySection = z.output<typeof deploySection>;
export type EnvironmentConfig = z.output<typeof environmentConfig>;
export type HealthCheckConfig = z.output<typeof healthCheck>;
