import type { PolicyDocument } from '../../policy/document.js';
import type { EnvironmentConfig } from '../../policy/schema/deploy.js';
import { DeployError } from './deploy-error.js';

/** How one health endpoint is checked (from the environment's health settings). */
export interface HealthCheckOptions {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxRedirects: number;
  /** Require a JSON body whose `status` equals this. */
  expectJsonStatus?: string;
}

export interface HealthTarget {
  url: string;
  options: HealthCheckOptions;
}

/** One environment of the policy, with `${VAR}`s expanded and health URLs made absolute. */
export interface ResolvedEnvironment {
  name: string;
  config: EnvironmentConfig;
  isProduction: boolean;
  health: HealthTarget[];
}

/** `slipway.yaml:LINE` of a policy key or value, for messages that say where to fix it. */
export function where(
  doc: PolicyDocument,
  path: (string | number)[],
  part: 'key' | 'value' = 'value',
): string {
  return `${doc.file}:${doc.locate(path, part).start.line + 1}`;
}

function expand(
  doc: PolicyDocument,
  path: (string | number)[],
  value: string,
  env: Record<string, string | undefined>,
) {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const v = env[name];
    if (v !== undefined && v !== '') return v;
    throw new DeployError(
      'config',
      `${where(doc, path)}: environment variable ${name} is not set; export it before deploying.`,
    );
  });
}

export function resolveEnvironment(
  doc: PolicyDocument,
  name: string,
  env: Record<string, string | undefined>,
): ResolvedEnvironment {
  const deploy = doc.policy.deploy;
  if (!deploy)
    throw new DeployError(
      'config',
      `${doc.file}: the policy has no deploy: section; add one (see \`slipway init\`).`,
    );
  const config = deploy.environments[name];
  if (!config) {
    const known = Object.keys(deploy.environments);
    throw new DeployError(
      'config',
      `${where(doc, ['deploy', 'environments'], 'key')}: unknown environment "${name}"; the policy defines ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'none'}.`,
    );
  }
  const base =
    config.url === undefined
      ? undefined
      : expand(doc, ['deploy', 'environments', name, 'url'], config.url, env);
  const health = config.health.map((h, i): HealthTarget => {
    const check = typeof h === 'string' ? { path: h } : h;
    const path = ['deploy', 'environments', name, 'health', i];
    const raw = expand(doc, path, check.path, env);
    let url: string;
    if (/^https?:\/\//.test(raw)) url = raw;
    else if (base) url = new URL(raw.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).href;
    else
      throw new DeployError(
        'config',
        `${where(doc, path)}: health path ${raw} needs the environment's url:; add it.`,
      );
    return {
      url,
      options: {
        timeoutMs: ('timeout_ms' in check ? check.timeout_ms : undefined) ?? config.health_timeout_ms,
        retries: config.health_retries,
        backoffMs: config.health_backoff_ms,
        maxRedirects: config.max_redirects,
        expectJsonStatus:
          ('expect_json_status' in check ? check.expect_json_status : undefined) ?? config.expect_json_status,
      },
    };
  });
  return { name, config, isProduction: name === deploy.production, health };
}
