import type { PolicyDocument, PolicyPath } from '../../policy/document.js';

/**
 * The parts of a policy that a deploy runs or contacts with the deploying machine's credentials:
 * `deploy:` (the deploy and rollback commands, the URLs and health checks, the record and the
 * audit log it writes), `production_branch` (where these settings are read from, and what a
 * production SHA must be on) and `migrations.databases` (what promote's guard connects to); and
 * who counts as an agent, `agents.identities` and `agents.accounts` (an agent may neither run nor
 * approve a production deploy: a branch that drops its own name would pass as a person).
 * A promote, rollback or unpin uses them only as the production branch's policy has them: a
 * checkout whose values differ (an agent's branch that edits them) is refused, never obeyed.
 */
export const DEPLOY_SETTINGS: readonly PolicyPath[] = [
  ['production_branch'],
  ['deploy'],
  ['migrations', 'databases'],
  ['agents', 'identities'],
  ['agents', 'accounts'],
];

/** One value that differs: where it is in the checkout's file, and both values as written. */
export interface DeploySettingDifference {
  path: PolicyPath;
  /** 1-based line in the checkout's policy file (a value from its base: the `extends:` line). */
  line: number;
  /** The base the checkout's value comes from, as messages name it, when its own file lacks it. */
  fromBase?: string;
  /** The checkout's value (undefined: absent there). */
  here: unknown;
  /** The production branch's value (undefined: absent there). */
  there: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function at(value: unknown, path: PolicyPath): unknown {
  let v = value;
  for (const part of path)
    v = isRecord(v) || Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

const noneListed = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);

/** The paths under `path` where `a` and `b` differ, as deep as both still have the same shape. */
function differing(a: unknown, b: unknown, path: PolicyPath, out: PolicyPath[]): void {
  if (Object.is(a, b)) return;
  // An absent list and an empty one name nobody alike (`agents:` written with other keys
  // gives identities its default []; a policy without `agents:` has none).
  if (noneListed(a) && noneListed(b)) return;
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      differing(a[key], b[key], [...path, key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) differing(a[i], b[i], [...path, i], out);
    return;
  }
  out.push(path);
}

/**
 * Where the checkout's deploy settings differ from the production branch's: the effective values
 * (after `extends:` and the schema's defaults), so a base that changes them counts, a policy moved
 * to another file name does not, and values are compared as written (`${VAR}` unexpanded).
 */
export function deploySettingDifferences(
  checkout: PolicyDocument,
  production: PolicyDocument,
): DeploySettingDifference[] {
  const paths: PolicyPath[] = [];
  for (const path of DEPLOY_SETTINGS)
    differing(at(checkout.policy, path), at(production.policy, path), path, paths);
  const ext = checkout.extended;
  return paths.map((path) => {
    const fromBase = ext && at(ext.own.input, path) === undefined && at(ext.base.input, path) !== undefined;
    return {
      path,
      line: checkout.locate(fromBase ? ['extends'] : path).start.line + 1,
      ...(fromBase ? { fromBase: ext.described } : {}),
      here: at(checkout.policy, path),
      there: at(production.policy, path),
    };
  });
}

/** `deploy.environments.production.deploy[1]`. */
export function settingName(path: PolicyPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const MAX_VALUE = 80;

/** A value as one short line: JSON (control characters escaped), cut at MAX_VALUE. */
function shown(value: unknown): string {
  if (value === undefined) return 'absent';
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE)}…` : json;
}

const MAX_LISTED = 6;

/** The differences as one line's clauses: `slipway.yaml:14 deploy.… is "x" here, "y" on main`. */
export function describeDifferences(
  file: string,
  differences: readonly DeploySettingDifference[],
  branch: string,
): string {
  const listed = differences
    .slice(0, MAX_LISTED)
    .map(
      (d) =>
        `${file}:${d.line} ${settingName(d.path)}${d.fromBase ? ` (from ${d.fromBase})` : ''} is ${shown(d.here)} here, ${shown(d.there)} on ${branch}`,
    );
  const more = differences.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}
