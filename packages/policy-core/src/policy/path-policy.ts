import { baselineFileOf } from './baseline-location.js';
import { literalPattern, PathMatcher } from '../paths/index.js';
import type { PolicyDocument, PolicyPath } from './document.js';
import {
  CI_WORKFLOWS,
  DEFAULT_POLICY_SURFACE,
  NESTED_POLICY_SURFACE,
  POLICY_FILE_SURFACE,
} from './surface-defaults.js';

/** The path sections of one policy, compiled once (a policy is checked against many changes). */
export interface PathPolicy {
  protectedMatcher?: PathMatcher;
  label: string;
  allowedMatcher?: PathMatcher;
  /** Where the allow-list is in the policy: `agents.allowed`, or `agents.bots.allowed` for a bot's change. */
  allowedKey: PolicyPath;
  /** `agents.bots.allowed`, compiled: a bot's change is held to the agents' path rules with it. */
  botsAllowedMatcher?: PathMatcher;
  /** The policy surface (PATH004): the defaults, `policy_surface.extra`, minus `opt_out`, plus the policy file. */
  surfaceMatcher: PathMatcher;
  /** What each default surface pattern is, by pattern ("a CI workflow"). */
  surfaceWhat: ReadonlyMap<string, string>;
  /** The findings baseline file: surface, but a change that only drops entries needs no label. */
  baselineFile: string;
}

const cache = new WeakMap<PolicyDocument, PathPolicy>();

/**
 * What protects is matched as a folding file system opens names (case, Unicode NFC): the agent's
 * editor on a Mac writes `Core/x.py` into `core/`. What permits (the allow-lists) is matched as
 * written: folding there would let more through.
 */
const FOLDED = { fold: true } as const;

export function pathPolicy(doc: PolicyDocument): PathPolicy {
  let compiled = cache.get(doc);
  if (compiled === undefined) {
    const { protected: prot, agents } = doc.policy;
    const sources = (list: readonly string[], key: string[]) =>
      list.map((pattern, i) => ({ pattern, file: doc.file, policyPath: [...key, i] }));
    compiled = {
      protectedMatcher: prot?.paths.length
        ? new PathMatcher(sources(prot.paths, ['protected', 'paths']), FOLDED)
        : undefined,
      label: prot?.label ?? 'approved-core-change',
      // `allowed: []` is a matcher that matches nothing: agents may edit nothing.
      allowedMatcher: agents?.allowed
        ? new PathMatcher(sources(agents.allowed, ['agents', 'allowed']))
        : undefined,
      allowedKey: ['agents', 'allowed'],
      botsAllowedMatcher: agents?.bots?.allowed
        ? new PathMatcher(sources(agents.bots.allowed, ['agents', 'bots', 'allowed']))
        : undefined,
      ...surface(doc),
    };
    cache.set(doc, compiled);
  }
  return compiled;
}

/** The path policy a bot's change is judged by: the agents', with the bots' allow-list. */
export function botPathPolicy(pp: PathPolicy): PathPolicy | undefined {
  if (pp.botsAllowedMatcher === undefined) return undefined;
  return { ...pp, allowedMatcher: pp.botsAllowedMatcher, allowedKey: ['agents', 'bots', 'allowed'] };
}

/**
 * The surface in gitignore order, the last match deciding: defaults, extras, opt-outs (negated),
 * then the policy files, which no opt-out can take out (nested ones, then the root one; a workflow
 * that matches a nested policy file's name is named as the workflow it is).
 */
function surface(doc: PolicyDocument): Pick<PathPolicy, 'surfaceMatcher' | 'surfaceWhat' | 'baselineFile'> {
  const section = doc.policy.policy_surface;
  const what = new Map<string, string>();
  const baselineFile = baselineFileOf(doc);
  // The baseline accepts findings: like the policy file, no opt-out takes it off the surface.
  const baseline = {
    pattern: literalPattern(baselineFile),
    what: 'the findings baseline',
  };
  for (const d of [...DEFAULT_POLICY_SURFACE, ...NESTED_POLICY_SURFACE, ...POLICY_FILE_SURFACE, baseline])
    what.set(d.pattern, d.what);
  const list = (items: readonly string[], key: string, prefix = '') =>
    items.map((p, i) => ({
      pattern: `${prefix}${p}`,
      file: doc.file,
      policyPath: ['policy_surface', key, i],
    }));
  const matcher = new PathMatcher(
    [
      ...DEFAULT_POLICY_SURFACE.map((d) => ({ pattern: d.pattern })),
      ...list(section?.extra ?? [], 'extra'),
      ...list(section?.opt_out ?? [], 'opt_out', '!'),
      ...NESTED_POLICY_SURFACE.map((d) => ({ pattern: d.pattern })),
      { pattern: CI_WORKFLOWS },
      ...POLICY_FILE_SURFACE.map((d) => ({ pattern: d.pattern })),
      { pattern: baseline.pattern },
    ],
    FOLDED,
  );
  return { surfaceMatcher: matcher, surfaceWhat: what, baselineFile };
}
