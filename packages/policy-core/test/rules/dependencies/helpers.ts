import { join } from 'node:path';
import type { ChangeSet } from '../../../src/change-set.js';
import type { Finding } from '../../../src/finding.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { dependencyFamily } from '../../../src/rules/families.js';
import type { CheckContext } from '../../../src/rule.js';
import { readCaseTree } from '../fixture-case.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** A fixture case's files, repo-relative, through the one case reader. */
export function fixtureFiles(name: string): Record<string, string> {
  return readCaseTree(join(FIXTURES, name));
}

const NPM_FIXTURES = join(import.meta.dirname, '../../requirements/fixtures/npm');

/** A real npm, pnpm, yarn or bun project of requirements/fixtures/npm (SOURCES.md), repo-relative. */
export function npmFixture(name: string): Record<string, string> {
  return readCaseTree(join(NPM_FIXTURES, name));
}

export interface RunOptions {
  change?: ChangeSet;
  env?: Record<string, string>;
}

export function check(files: Record<string, string>, opts: RunOptions = {}) {
  const policyText = files['slipway.yaml'] ?? '';
  const parsed = parsePolicyText(policyText, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const ctx: CheckContext = {
    policy: parsed.document,
    repo: new MemoryRepo(files),
    now: new Date(),
    env: opts.env ?? {},
  };
  if (opts.change) ctx.change = opts.change;
  return dependencyFamily.check(ctx);
}

export function checkFixture(name: string, opts: RunOptions = {}) {
  return check(fixtureFiles(name), opts);
}

/** "DEP001 backend/requirements.txt:0:0-14" — rule, file, 0-based line, start-end character. */
export function brief(findings: Finding[]): string[] {
  return findings
    .map(
      (f) => `${f.rule} ${f.file}:${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`,
    )
    .sort();
}

export function ofRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** A change from `base` to `files`: every path whose text differs, modified. */
export function changeFrom(
  files: Record<string, string>,
  base: Record<string, string>,
  labels = ['approved-dependency-upgrade'],
): ChangeSet {
  const paths = Object.keys({ ...files, ...base }).filter((p) => files[p] !== base[p]);
  return {
    base: 'main',
    head: 'HEAD',
    commits: [],
    labels,
    files: paths.map((path) => ({ path, status: 'modified' as const })),
    readBase: (p) => base[p],
  };
}

/**
 * The DEP findings of an npm-family pair (package.json beside `lock`) on `files`, as a tree or,
 * given `base`, as the change from it: `rule file:line first-quoted-thing`, sorted.
 */
export function judgeNpmPair(
  files: Record<string, string>,
  lock: string,
  base?: Record<string, string>,
  labels?: string[],
): string[] {
  const policyText = `version: 1\ndependencies:\n  requirements: package.json\n  lock: ${lock}\n`;
  return check(
    { 'slipway.yaml': policyText, ...files },
    base ? { change: changeFrom(files, base, labels) } : {},
  )
    .findings.map(
      (f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message.match(/`([^`]+)`/)?.[1] ?? ''}`,
    )
    .sort();
}
