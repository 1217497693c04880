import { z } from 'zod';
import { argv, pattern } from './common.js';

/** One health endpoint: a path under the environment's `url` (or a full URL), with its own check. */
export const healthCheck = z
  .object({
    path: z.string().min(1).describe('Path under `url` (e.g. /health/deep) or a full http(s) URL.'),
    expect_json_status: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Require a JSON body whose `status` equals this (e.g. "ok"); a 200 with an error body then fails.',
      ),
    timeout_ms: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Overrides the environment's health_timeout_ms."),
  })
  .strict();

export const environmentConfig = z
  .object({
    url: z
      .string()
      .optional()
      .describe(
        'Base URL of the environment; `$' +
          '{VAR}` is expanded from the process environment, e.g. "$' +
          '{PROD_URL}".',
      ),
    health: z
      .array(z.union([z.string().min(1), healthCheck]))
      .default([])
      .describe(
        'Health endpoints; every one must answer 2xx within its timeout (seed 001: /health, /health/deep).',
      ),
    health_timeout_ms: z
      .number()
      .int()
      .positive()
      .default(5000)
      .describe('Time one health request may take, headers and body.'),
    health_retries: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe('Extra attempts after a failed health request (a service that is still starting).'),
    health_backoff_ms: z
      .number()
      .int()
      .min(0)
      .default(1000)
      .describe('Wait before the first retry; doubles after each retry.'),
    max_redirects: z.number().int().min(0).default(5).describe('Redirects a health request may follow.'),
    expect_json_status: z
      .string()
      .min(1)
      .optional()
      .describe('Default for every health check: require a JSON body with this `status` (e.g. "ok").'),
    deploy: argv
      .optional()
      .describe(
        'Deploy command as an argv list (never a shell string); it receives SLIPWAY_SHA and SLIPWAY_ENV in its environment.',
      ),
    rollback: argv
      .optional()
      .describe('Rollback command as an argv list; defaults to the deploy command with the target SHA.'),
    deploy_timeout_s: z
      .number()
      .positive()
      .default(900)
      .describe('Seconds the deploy or rollback command may run before its process group is killed.'),
    approval: z
      .enum(['required', 'none'])
      .default('none')
      .describe('required: a human confirms (type the short SHA, or --yes --approved-by NAME).'),
    branch: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Branch every deployed SHA must be reachable from; production defaults to production_branch.',
      ),
    require_staging: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Environment whose STAGING_VERIFIED entry for the same SHA is required first; production defaults to "staging" when that exists.',
      ),
  })
  .strict();

/** Seeds 000–002: the deploy record, the audit log and the environments. */
export const deploySection = z
  .object({
    record: z
      .string()
      .min(1)
      .default('infrastructure/LAST_PROD_DEPLOY.json')
      .describe('The production deploy record.'),
    audit_log: z
      .string()
      .min(1)
      .default('infrastructure/deploy-audit.jsonl')
      .describe('The hash-chained audit log (JSON Lines): deploys, SYSTEM_CORRECTION_EVENTs, pins.'),
    release_tag: pattern
      .optional()
      .describe('Tag pattern a production SHA must carry, e.g. "v*" (seed 000: no untagged deployments).'),
    history_limit: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(20)
      .describe('How many earlier deploys and rollbacks the record keeps in `history`.'),
    production: z
      .string()
      .min(1)
      .default('production')
      .describe('Name of the environment the record describes and the guard protects.'),
    environments: z
      .record(z.string(), environmentConfig)
      .default({})
      .describe('Environments by name, e.g. staging and production.'),
  })
  .strict();

export type DeploySection = z.output<typeof deploySection>;
export type EnvironmentConfig = z.output<typeof environmentConfig>;
export type HealthCheckConfig = z.output<typeof healthCheck>;
