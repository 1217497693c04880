import type { Coverage } from './layouts/coverage.js';
import type { Finding } from './finding.js';

/**
 * What a check judged, said out loud: the change or the tree, and what it deliberately left
 * alone (migrations production already ran). `check`, `guard` and promote's guard each print it
 * in their summary, so that "No findings" from one and a refusal from another can be told apart.
 */
export interface CheckScope {
  /** A change (its base, head and how many files it touches) or the tree as it is. */
  judged: { kind: 'change'; base: string; head: string; files: number } | { kind: 'tree' };
  notJudged: NotJudged[];
  /** What a person should know about the scope: a deploy record naming an unknown commit, … */
  notes: string[];
  /** The findings baseline applied (baseline/apply-baseline.ts), when there was one. */
  baseline?: BaselineScope;
  /**
   * Findings a `slipway: allow` comment or a policy `waivers:` entry lifted, each with its reason:
   * left out of the findings, listed by SARIF as suppressed (in source, or externally for the
   * policy's) so that code scanning shows them as such.
   */
  suppressed?: SuppressedFinding[];
  /**
   * What each family read, and the layouts present that none judged (coverage/): the coverage
   * line every summary ends with.
   */
  coverage?: Coverage;
}

/** A finding a comment lifted, with the comment's reason (and its `until` day, when it has one). */
export interface SuppressedFinding {
  finding: Finding;
  justification: string;
  /**
   * What lifted it, in SARIF's words: a comment in the file (`inSource`, the default) or an entry
   * of the policy's `waivers:` list (`external`).
   */
  kind?: 'inSource' | 'external';
}

/** Findings a baseline accepted: left out of the findings, counted here (SARIF lists them as unchanged). */
export interface BaselineScope {
  /** The baseline file. */
  file: string;
  /**
   * Where it was read: the change's base (a change never accepts its own findings), the change's
   * head when the change adopts Slipway (its base has no policy), the tree, or the deploying
   * checkout when the tree judged is another commit's (promote's guard).
   */
  from: 'base' | 'head' | 'tree' | 'checkout';
  findings: Finding[];
  /** Entries that matched no finding (fixed, or their lines changed). */
  stale: number;
}

/** Files a family read but whose rules about them did not run, and why. */
export interface NotJudged {
  /** What they are, plural: "applied migrations". */
  what: string;
  files: string[];
  /** Why, in a clause: "present unchanged in 1a2b3c4d5e6f, the commit production runs per …". */
  reason: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line: "judged: the tree; 37 applied migrations not judged (present unchanged in …)". */
export function describeScope(scope: CheckScope): string {
  const j = scope.judged;
  const judged =
    j.kind === 'tree'
      ? 'the tree'
      : `the change from ${shortRef(j.base)} to ${shortRef(j.head)} (${plural(j.files, 'file')})`;
  const left = scope.notJudged
    .filter((n) => n.files.length > 0)
    .map(
      (n) => `${n.files.length} ${n.files.length === 1 ? singular(n.what) : n.what} not judged (${n.reason})`,
    );
  const b = scope.baseline;
  if (b && b.findings.length > 0)
    left.push(
      `${plural(b.findings.length, 'baselined finding')} not judged (accepted in ${b.file}${FROM_NOTE[b.from]})`,
    );
  return `judged: ${[judged, ...left].join('; ')}`;
}

const FROM_NOTE = {
  base: ' as on the base',
  head: ' as this change brings it, with the policy it adopts',
  tree: '',
  checkout: ' as the deploying checkout holds it',
} as const;
const singular = (what: string) => what.replace(/s$/, '');
const shortRef = (ref: string) => (/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 12) : ref);

/**
 * The lines a report prints about its scope: what was judged, then any notes. A change always
 * says which (an empty one explains a "No findings"); a tree only when something was left out
 * or noted, since "the tree" is what a tree check means anyway.
 */
export function scopeLines(scope: CheckScope | undefined): string[] {
  if (!scope) return [];
  const plain =
    scope.judged.kind === 'tree' &&
    scope.notes.length === 0 &&
    scope.notJudged.every((n) => n.files.length === 0) &&
    !scope.baseline?.findings.length;
  return plain ? [] : [describeScope(scope), ...scope.notes.map((n) => `note: ${n}`)];
}
