import type { PolicyDocument } from '../../policy/document.js';
import type { EnvironmentConfig } from '../../policy/schema/deploy.js';
import { DeployError } from './deploy-error.js';
import {
  type ExpandedValue,
  expandedValueRedactor,
  MIN_SEARCHED_SECRET_LENGTH,
} from './expanded-value-redactor.js';
import { Secret } from './secret.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

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
  /** What output, plans and logs show: the URL with `${NAME}` in place of every expanded value. */
  url: string;
  /** The URL to request (prints as `url`; see Secret). */
  request: Secret;
  options: HealthCheckOptions;
}

/** One environment of the policy, with `${VAR}`s expanded and health URLs made absolute. */
export interface ResolvedEnvironment {
  name: string;
  config: EnvironmentConfig;
  isProduction: boolean;
  health: HealthTarget[];
  /**
   * Text that may quote a value expanded for this environment without Slipway having built it
   * (the deploy command's own output, a server's answer), with each value written as its
   * `${NAME}`. See expandedValueRedactor for what it finds and what it leaves.
   */
  redact: (text: string) => string;
  /** Variables whose values are too short for `redact` to look for (MIN_SEARCHED_SECRET_LENGTH). */
  unsearched: string[];
}

/** `slipway.yaml:LINE` of a policy key or value, for messages that say where to fix it. */
export function where(
  doc: PolicyDocument,
  path: (string | number)[],
  part: 'key' | 'value' = 'value',
): string {
  return `${doc.file}:${doc.locate(path, part).start.line + 1}`;
}

/** `${NAME}` in a policy string. */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A policy string with its `${VAR}`s replaced: the text to use, and which values went in. */
interface Expansion {
  value: string;
  values: ExpandedValue[];
}

function expand(
  doc: PolicyDocument,
  path: (string | number)[],
  template: string,
  env: Record<string, string | undefined>,
): Expansion {
  const values: ExpandedValue[] = [];
  const value = template.replace(VARIABLE, (_m, name: string) => {
    const v = env[name];
    if (v !== undefined && v !== '') {
      values.push({ name, value: v });
      return v;
    }
    throw new DeployError(
      'config',
      `${where(doc, path)}: environment variable ${name} is not set; export it before deploying.`,
    );
  });
  return { value, values };
}

/**
 * How a health URL is shown. With no variable in it, the URL itself (as it is requested). With
 * one, the policy's own text, base and path joined as written: built from the templates, never by
 * searching the expanded URL for the values, so a short value ("1") is hidden as well as a long
 * one and nothing else in the URL is touched.
 */
function displayUrl(
  url: string | undefined,
  hides: boolean,
  template: string,
  baseTemplate: string | undefined,
): string {
  if (!hides && url !== undefined) return url;
  if (baseTemplate === undefined) return template;
  return `${withoutTrailingSlashes(baseTemplate)}/${template.replace(/^\//, '')}`;
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
  // Own keys only: an environment named `constructor` is unknown, not Object's.
  const config = Object.hasOwn(deploy.environments, name) ? deploy.environments[name] : undefined;
  if (!config) {
    const known = Object.keys(deploy.environments);
    throw new DeployError(
      'config',
      `${where(doc, ['deploy', 'environments'], 'key')}: unknown environment "${name}"; the policy defines ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'none'}.`,
    );
  }
  const urlPath = ['deploy', 'environments', name, 'url'];
  const base = config.url === undefined ? undefined : expand(doc, urlPath, config.url, env);
  const parts = config.health.map((h, i) => {
    const check = typeof h === 'string' ? { path: h } : h;
    const path = ['deploy', 'environments', name, 'health', i];
    const raw = expand(doc, path, check.path, env);
    return { check, path, raw };
  });
  const values = deploySectionValues(deploy, env);
  const redact = expandedValueRedactor(values);
  const unsearched = [
    ...new Set(values.filter((v) => v.value.length < MIN_SEARCHED_SECRET_LENGTH).map((v) => v.name)),
  ];
  const health = parts.map(({ check, path, raw }): HealthTarget => {
    const absolute = /^https?:\/\//.test(raw.value);
    if (!absolute && !base)
      throw new DeployError(
        'config',
        `${where(doc, path)}: health path ${check.path} needs the environment's url:; add it.`,
      );
    // An absolute URL that does not parse is left to the health check, which says so.
    const joined = absolute ? (normalized(raw.value) ?? raw.value) : joinUrl(raw.value, base?.value ?? '');
    const hides = raw.values.length > 0 || (!absolute && (base?.values.length ?? 0) > 0);
    const url = displayUrl(joined, hides, check.path, absolute ? undefined : config.url);
    if (joined === undefined)
      throw new DeployError(
        'config',
        `${where(doc, path)}: health URL ${url} is not a valid URL; check it and the variables it uses.`,
      );
    return {
      url,
      request: new Secret(joined, url, redact),
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
  return { name, config, isProduction: name === deploy.production, health, redact, unsearched };
}

/**
 * The values of every `${VAR}` any environment's URLs name, this one's and the others': a command
 * inherits the whole environment, so staging's deploy script can print production's key as easily
 * as its own.
 */
function deploySectionValues(
  deploy: NonNullable<PolicyDocument['policy']['deploy']>,
  env: Record<string, string | undefined>,
): ExpandedValue[] {
  const out: ExpandedValue[] = [];
  for (const config of Object.values(deploy.environments)) {
    const templates = [config.url ?? '', ...config.health.map((h) => (typeof h === 'string' ? h : h.path))];
    for (const t of templates)
      for (const [, name] of t.matchAll(VARIABLE)) {
        const value = name === undefined ? undefined : env[name];
        if (name !== undefined && value) out.push({ name, value });
      }
  }
  return out;
}

/** An absolute URL as it is requested, or undefined when it is not one. */
function normalized(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).href : undefined;
}

/** A health path under the environment's base URL, or undefined when the two make no URL. */
function joinUrl(path: string, base: string): string | undefined {
  const dir = base.endsWith('/') ? base : `${base}/`;
  const rel = path.replace(/^\//, '');
  return URL.canParse(rel, dir) ? new URL(rel, dir).href : undefined;
}
