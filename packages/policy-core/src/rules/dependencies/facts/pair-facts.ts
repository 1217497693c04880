import { LIMITS } from '../../../limits.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';
import type { CheckContext } from '../../../rule.js';
import type { PolicyPath } from '../../../policy/document.js';
import { dependencyPairs as configuredPairs } from '../../../policy/dependency-pairs.js';
import type { DependencyPair } from '../../../policy/schema/dependencies.js';
import type { LockEntry } from '../../../requirements/lock-file.js';
// What file names alone say (a module apart, which the agent gate loads without the readers).
import * as fileNames from '../../../requirements/dependency-file-names.js';
import type { Pyproject, PyprojectTool } from '../../../requirements/pyproject.js';
import type { RequirementEntry } from '../../../requirements/requirements-file.js';
import { type DepFile, readDepText, resolveInclude } from '../../../requirements/dep-file.js';
import { DependencyCaches } from '../../../requirements/dependency-caches.js';
import { dependencyCachesOf } from '../../../workspace-dependencies.js';
import { derivedLockEntries, freshLockEntries } from '../../../requirements/lock-entries.js';
import { loadNpmPair, type NpmFacts } from './npm-pair-facts.js';

/** A requirement together with the file it was read from. */
export interface Located<T> {
  file: DepFile;
  entry: T;
}

/** The rules a reading problem is filed under: an unreadable file or a broken include. */
const { invalidLine: UNREADABLE, missingInclude: BROKEN_INCLUDE } = RULE_IDS;

/** A problem found while reading, filed under the rule that reports it. */
export interface LoadProblem {
  rule: typeof UNREADABLE | typeof BROKEN_INCLUDE;
  message: string;
  /** Where it shows: a file and offsets in it, or the policy key that named the file. */
  file?: DepFile;
  start?: number;
  end?: number;
  policyKey?: 'requirements' | 'lock';
}

export interface PairFacts {
  pair: DependencyPair;
  policyPath: PolicyPath;
  /** The requirements file and everything it includes with `-r` (not `-c`). */
  requirementFiles: DepFile[];
  /** Every requirements-style file read for this pair (constraints and lock files included). */
  allFiles: DepFile[];
  /**
   * Every requirement of `requirementFiles`, in order. Built on first use: the rules walk
   * LockMatch's short lists instead, so a re-check does not build 5,000 of these.
   */
  requirements: Located<RequirementEntry>[];
  lockFormat: fileNames.LockFormat;
  /** 'ok' when the lock was read (a requirements-style lock also has `lockFiles`). */
  lockState: 'ok' | 'missing' | 'directory' | 'unreadable';
  lockFiles: DepFile[];
  /** A TOML lock (uv.lock, poetry.lock), kept for ranges. */
  tomlLock?: DepFile;
  lockEntries: LockEntry[];
  /** uv: keys of the project and its editable or virtual members, which the lock holds without a version. */
  lockProjects: ReadonlySet<string>;
  /**
   * An npm-family pair (package-lock.json, pnpm-lock.yaml): its manifests and lock, read by
   * requirements/npm/. Such a pair has no requirement lines or lock entries: the rules that
   * judge npm read these (DEP003, DEP005, DEP012, DEP013), the rest find nothing to judge.
   */
  npm?: NpmFacts;
  /** When the requirements are a pyproject.toml: what else it says about the lock (see pyproject.ts). */
  pyproject?: Pyproject;
  problems: LoadProblem[];
  /** Repo-relative paths read (for filesChecked and suppression comments). */
  read: string[];
  /** The repository's caches these facts were read through (the match state lives there too). */
  caches: DependencyCaches;
}

const MAX_DEPTH = LIMITS.requirements.includeDepth;

// Per parsed lock file (which the file cache keeps while its text is unchanged).
const lockEntryMemo = new WeakMap<DepFile, LockEntry[]>();

function lockEntriesOf(f: DepFile, caches: DependencyCaches): LockEntry[] {
  let entries = lockEntryMemo.get(f);
  if (!entries) {
    // An edited version of a lock read before: its unchanged lines keep their entries.
    const prev = caches.lockEntryList(f.path);
    if (prev && prev.file !== f) {
      const derived = derivedLockEntries(prev, f);
      entries = derived.entries;
      if (derived.revision) caches.lockRevisions.set(entries, derived.revision);
      // Each revision names the list before it: without this, every list since the first
      // edit (and its tables) would stay reachable through the chain.
      caches.lockRevisions.delete(prev.entries);
    } else entries = freshLockEntries(f);
    lockEntryMemo.set(f, entries);
    caches.rememberLockEntries({ file: f, entries });
  }
  return entries;
}

/**
 * The entries of a lock and the files it includes, as one list that stays the same array while
 * none of the files changes: the match state (lock-match.ts) is kept per lock entry list.
 */
const includingLockMemo = new WeakMap<DepFile, { files: DepFile[]; entries: LockEntry[] }>();

function lockEntriesOfAll(files: DepFile[], caches: DependencyCaches): LockEntry[] {
  const first = files[0];
  if (first === undefined) return [];
  if (files.length === 1) return lockEntriesOf(first, caches);
  // Keyed by the lock file itself (a parsed file object of one repository's caches).
  const hit = includingLockMemo.get(first);
  if (hit && hit.files.length === files.length && hit.files.every((f, i) => f === files[i]))
    return hit.entries;
  const entries = files.flatMap((f) => lockEntriesOf(f, caches));
  includingLockMemo.set(first, { files, entries });
  return entries;
}

function follow(
  ctx: CheckContext,
  facts: PairFacts,
  root: string,
  into: DepFile[],
  key: 'requirements' | 'lock',
): void {
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (
    path: string,
    kind: 'requirement' | 'constraint',
    from?: { file: DepFile; start: number; end: number },
  ) => {
    const at = from ? { file: from.file, start: from.start, end: from.end } : { policyKey: key };
    if (stack.includes(path)) {
      const cycle = [...stack.slice(stack.indexOf(path)), path].join(' → ');
      facts.problems.push({
        rule: BROKEN_INCLUDE,
        message: `include cycle ${cycle}: pip would read these files forever; remove one of the includes.`,
        ...at,
      });
      return;
    }
    if (seen.has(path)) return;
    if (stack.length >= MAX_DEPTH) {
      facts.problems.push({
        rule: BROKEN_INCLUDE,
        message: `includes nest deeper than ${MAX_DEPTH} files at ${path}; flatten them`,
        ...at,
      });
      return;
    }
    seen.add(path);
    const read = readDepText(ctx.repo, path, facts.caches.parsedText(path));
    if ('problem' in read) {
      if (!from && key === 'lock') {
        facts.lockState =
          read.problem === 'missing' ? 'missing' : read.problem === 'directory' ? 'directory' : 'unreadable';
        if (read.problem !== 'missing' && read.problem !== 'directory')
          facts.problems.push({ rule: UNREADABLE, message: `${read.detail}.`, policyKey: key });
        return;
      }
      const what = from
        ? `\`-${kind === 'requirement' ? 'r' : 'c'} ${path}\``
        : `the requirements file ${path} named in the policy`;
      facts.problems.push(
        read.problem === 'missing' || read.problem === 'directory'
          ? { rule: BROKEN_INCLUDE, message: `${what}: ${read.detail}; fix the path or add the file.`, ...at }
          : { rule: UNREADABLE, message: `${read.detail}.`, ...at },
      );
      return;
    }
    facts.read.push(path);
    const file = facts.caches.parse(path, read.text, ctx.env);
    facts.allFiles.push(file);
    if (kind === 'requirement') into.push(file);
    stack.push(path);
    for (const inc of file.parsed.includes) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(inc.target)) continue; // a URL: nothing to check offline
      const target = resolveInclude(path, inc.target);
      if (target === undefined) {
        facts.problems.push({
          rule: BROKEN_INCLUDE,
          message: `\`${inc.target}\` points outside the repository; include files from inside it, relative to ${path}.`,
          file,
          start: inc.start,
          end: inc.end,
        });
        continue;
      }
      visit(target, kind === 'constraint' ? 'constraint' : inc.kind, {
        file,
        start: inc.start,
        end: inc.end,
      });
    }
    stack.pop();
  };
  visit(root, 'requirement');
}

/** How a pair's pyproject.toml is read: for its lock's tool, or as plain PEP 621. */
export function pyprojectTool(facts: Pick<PairFacts, 'lockFormat'>): PyprojectTool {
  const format = facts.lockFormat;
  return format === 'uv' || format === 'poetry' ? format : 'pep621';
}

export function loadPair(ctx: CheckContext, pair: DependencyPair, policyPath: PolicyPath): PairFacts {
  let requirements: Located<RequirementEntry>[] | undefined;
  const facts: PairFacts = {
    pair,
    policyPath,
    requirementFiles: [],
    allFiles: [],
    get requirements() {
      requirements ??= this.requirementFiles.flatMap((file) =>
        file.parsed.requirements.map((entry) => ({ file, entry })),
      );
      return requirements;
    },
    lockFormat: fileNames.detectLockFormat(pair.lock, pair.lock_format),
    lockState: 'ok',
    lockFiles: [],
    lockEntries: [],
    lockProjects: new Set(),
    problems: [],
    read: [],
    caches: ctx.workspace ? dependencyCachesOf(ctx.workspace) : new DependencyCaches(),
  };
  if (fileNames.isNpmFormat(facts.lockFormat)) {
    loadNpmPair(ctx, facts);
    return facts;
  }
  if (fileNames.isPyprojectPath(pair.requirements)) loadPyproject(ctx, facts);
  else follow(ctx, facts, pair.requirements, facts.requirementFiles, 'requirements');
  if (facts.lockFormat === 'requirements') {
    follow(ctx, facts, pair.lock, facts.lockFiles, 'lock');
    facts.lockEntries = lockEntriesOfAll(facts.lockFiles, facts.caches);
  } else loadTomlLock(ctx, facts);
  return facts;
}

/**
 * A pyproject.toml as the requirements side: its declarations for the tool whose lock it is
 * paired with (a requirements-style lock, as `uv export` writes, gets `[project] dependencies`).
 */
function loadPyproject(ctx: CheckContext, facts: PairFacts): void {
  const path = facts.pair.requirements;
  const read = readDepText(ctx.repo, path, facts.caches.parsedText(path));
  if ('problem' in read) {
    facts.problems.push(
      read.problem === 'missing' || read.problem === 'directory'
        ? {
            rule: BROKEN_INCLUDE,
            message: `the requirements file ${path} named in the policy: ${read.detail}; fix the path or add the file.`,
            policyKey: 'requirements',
          }
        : { rule: UNREADABLE, message: `${read.detail}.`, policyKey: 'requirements' },
    );
    return;
  }
  facts.read.push(path);
  const tool = pyprojectTool(facts);
  const { file, pyproject } = facts.caches.readPyproject(path, read.text, tool);
  facts.pyproject = pyproject;
  facts.allFiles.push(file);
  facts.requirementFiles.push(file);
  for (const p of pyproject.problems)
    facts.problems.push({ rule: UNREADABLE, message: `${p.message}.`, file, start: p.start, end: p.end });
}

function loadTomlLock(ctx: CheckContext, facts: PairFacts): void {
  const path = facts.pair.lock;
  const read = readDepText(ctx.repo, path, facts.caches.parsedText(path));
  if ('problem' in read) {
    facts.lockState =
      read.problem === 'missing' ? 'missing' : read.problem === 'directory' ? 'directory' : 'unreadable';
    if (read.problem !== 'missing' && read.problem !== 'directory')
      facts.problems.push({ rule: UNREADABLE, message: `${read.detail}.`, policyKey: 'lock' });
    return;
  }
  facts.read.push(path);
  const { file, lock } = facts.caches.readTomlLock(path, read.text, facts.lockFormat as 'uv' | 'poetry');
  facts.tomlLock = file;
  facts.lockEntries = lock.entries;
  facts.lockProjects = new Set(lock.projects);
  if (lock.error) {
    facts.problems.push({
      rule: UNREADABLE,
      message: `${path} is not valid TOML: ${lock.error.message}.`,
      file,
      start: lock.error.offset,
      end: lock.error.offset,
    });
  }
}

/** Every configured pair with its policy key path. */
export function dependencyPairs(ctx: CheckContext): { pair: DependencyPair; path: PolicyPath }[] {
  return configuredPairs(ctx.policy.policy);
}
