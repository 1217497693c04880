import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChangeSet,
  type Finding,
  governingPolicy,
  MemoryRepo,
  POLICY_FILES,
  type PolicyDocument,
  parsePolicyText,
  resolveExtends,
  type RuleFamilyId,
  runCheck,
  type Workspace,
} from '@slipway/policy-core';
import { RepoGitFacts } from '@slipway/policy-core/node';
import { commit, git, initRepo } from '../node/git-fixture.js';

/**
 * One fixture case of a rule: `test/rules/<family-dir>/fixtures/<ID>/<case>/`, a small repository.
 * Cases named `trigger*` must make the rule report; cases named `near-miss*` must not. The
 * policy is the case's `slipway.yaml` (or the family's default for its layout, below); an optional
 * `change.json` (not part of the repository) is the change under review: a ChangeSet without
 * functions, plus `baseFiles` for what `readBase` returns and `baseTipFiles` for the files the
 * base branch added since the change forked (its `baseTip`).
 */
export const FIXTURE_CASE_CHANGE = 'change.json';
/** Optional environment variables of a case (an object of strings); not part of the repository. */
export const FIXTURE_CASE_ENV = 'env.json';
/**
 * Optional git history of a case, for the rules that ask git about commits (REC004, REC005):
 * `[{ "branch": "main", "message": "…", "files": { "path": "text" } }, …]`, committed in order
 * into a real repository in a temp dir (fixed identity and dates, so the commits' hashes are the
 * same on every run and a case's files can name them). The test file removes the temp dirs
 * (`cleanup` from git-fixture).
 */
export const FIXTURE_CASE_HISTORY = 'history.json';
/**
 * The case's snapshot: every finding the whole engine reports on it, one a line,
 * `file:line:column RULE message` (fixture-snapshots.test.ts; `vitest -u` writes it). Not part of
 * the repository.
 */
export const FIXTURE_CASE_EXPECTED = 'expected.txt';

interface HistoryStep {
  branch: string;
  message: string;
  files: Record<string, string>;
}

/** The case's history as a real repository's git facts. */
function historyFacts(steps: HistoryStep[]): RepoGitFacts {
  const dir = initRepo();
  const made = new Set<string>();
  let current = 'main';
  for (const step of steps) {
    // A new branch starts where the previous commit left off.
    if (step.branch !== current)
      git(dir, ['checkout', '-q', ...(made.has(step.branch) ? [] : ['-b']), step.branch]);
    current = step.branch;
    made.add(current);
    commit(dir, step.files, step.message);
  }
  return new RepoGitFacts(dir);
}

/** The migration trees MIG's default policy can name, each with the line that names it. */
const MIG_TREES = [
  { dir: 'alembic/versions/', line: '  alembic: alembic/versions\n' },
  { dir: 'db/migrations/', line: '  sql: ["db/migrations/**/*.sql"]\n' },
];

/**
 * The policy of a case without its own `slipway.yaml`: for MIG, the migration trees the case
 * has, so that a case of SQL files is not also told its Alembic folder is missing (a POL002 about
 * the fixture, not the rule; setup-findings.test.ts keeps snapshots free of those). A case with
 * neither tree gets both, and its snapshot then shows the POL002 that says so.
 */
function defaultPolicy(family: RuleFamilyId, paths: string[]): string | undefined {
  if (family !== 'MIG') return undefined;
  const present = MIG_TREES.filter((t) => paths.some((p) => p.startsWith(t.dir)));
  const trees = present.length > 0 ? present : MIG_TREES;
  return `version: 1\nmigrations:\n${trees.map((t) => t.line).join('')}`;
}

/**
 * Every file of a case, keyed by its path relative to the case (POSIX): the one reader of fixture
 * cases. The case's snapshot (`expected.txt` at its top) is what the case must give, not an input.
 */
export function readCaseTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (prefix === '' && name === FIXTURE_CASE_EXPECTED) continue;
    const full = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) Object.assign(out, readCaseTree(full, rel));
    else out[rel] = readFileSync(full, 'utf8');
  }
  return out;
}

type ChangeJson = Omit<ChangeSet, 'readBase' | 'baseTip' | 'lineStats'> & {
  baseFiles?: Record<string, string>;
  baseTipFiles?: Record<string, string>;
  /** What `lineStats()` answers: lines added and removed. */
  lines?: { added: number; removed: number };
};

/** A case's change.json as the ChangeSet the git adapter would give. */
export function changeOfCase(changeText: string): ChangeSet {
  const { baseFiles = {}, baseTipFiles, lines, ...rest } = JSON.parse(changeText) as ChangeJson;
  const change: ChangeSet = { ...rest, readBase: (path) => baseFiles[path] };
  if (lines) change.lineStats = () => lines;
  if (baseTipFiles)
    change.baseTip = {
      sha: 'f'.repeat(40),
      changes: () => Object.keys(baseTipFiles).map((path) => ({ status: 'added', path })),
      readFiles: (paths) => new Map(paths.map((p) => [p, baseTipFiles[p]])),
    };
  return change;
}

/** Runs the whole engine (every family, suppressions, overrides) over one case. */
export function runFixtureCase(dir: string, family: RuleFamilyId, workspace?: Workspace): Finding[] {
  return runCaseFiles(readCaseTree(dir), family, dir, workspace);
}

/** The same over files in memory (a rule's documentation example, say). */
export function runCaseFiles(
  tree: Record<string, string>,
  family: RuleFamilyId,
  dir = '(in memory)',
  /** The workspace the check keeps its caches in (a fresh one by default). */
  workspace?: Workspace,
): Finding[] {
  const {
    [FIXTURE_CASE_CHANGE]: changeText,
    [FIXTURE_CASE_ENV]: envText,
    [FIXTURE_CASE_HISTORY]: historyText,
    ...files
  } = tree;
  const policyText = files['slipway.yaml'] ?? defaultPolicy(family, Object.keys(files));
  if (policyText === undefined) throw new Error(`${dir}: no slipway.yaml`);
  const read = parsePolicyText(policyText, 'slipway.yaml');
  // As in a real check: a base in the repository (`extends: policies/base.yaml`) is merged in.
  if (!read.document) throw new Error(`${dir}: ${read.findings.map((f) => f.message).join('; ')}`);
  const basesIn = (tree: Record<string, string | undefined>) => (doc: PolicyDocument) =>
    resolveExtends(doc, (spec) => {
      const text = spec.kind === 'local' ? tree[spec.path] : undefined;
      return text === undefined ? { problem: 'not a file of the case' } : { text };
    });
  const parsed = basesIn(files)(read.document);
  if (!('document' in parsed)) throw new Error(`${dir}: ${parsed.findings.map((f) => f.message).join('; ')}`);
  let change: ChangeSet | undefined;
  let policy = parsed.document;
  let headPolicy: typeof policy | undefined;
  if (changeText !== undefined) {
    change = changeOfCase(changeText);
    const { baseFiles = {} } = JSON.parse(changeText) as ChangeJson;
    // As in a real check: the policy on the base governs; the case's own is the head's.
    const decided = governingPolicy({
      head: parsed.document,
      base: { sha: change.base, texts: new Map(POLICY_FILES.map((f) => [f, baseFiles[f]])) },
      // A base in the repository as the base commit holds it (`baseFiles`).
      extend: basesIn(baseFiles),
    });
    if (!decided.ok) throw new Error(`${dir}: ${decided.message}`);
    policy = decided.policy.document;
    headPolicy = decided.policy.head;
  }
  const history =
    historyText === undefined ? undefined : historyFacts(JSON.parse(historyText) as HistoryStep[]);
  const repo = new MemoryRepo({ 'slipway.yaml': policyText, ...files }, history);
  return runCheck({
    policy,
    ...(headPolicy ? { headPolicy } : {}),
    repo,
    now: new Date('2026-01-01T00:00:00Z'),
    env: envText === undefined ? {} : (JSON.parse(envText) as Record<string, string>),
    ...(change ? { change } : {}),
    ...(workspace ? { workspace } : {}),
  }).findings;
}
