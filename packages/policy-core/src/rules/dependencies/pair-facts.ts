import type { CheckContext } from '../rule.js';
import type { PolicyPath } from '../../policy/document.js';
import type { DependencyPair } from '../../policy/schema/dependencies.js';
import {
  detectLockFormat,
  type LockEntry,
  type LockFormat,
  lockEntryFromRequirement,
  readTomlLockEntries,
} from '../../requirements/lock-file.js';
import type { RequirementEntry } from '../../requirements/requirements-file.js';
import { DepFile, parseDepFile, readDepText, resolveInclude } from './dep-file.js';

/** A requirement together with the file it was read from. */
export interface Located<T> {
  file: DepFile;
  entry: T;
}

/** A problem found while reading: an unreadable file (DEP008) or a broken include (DEP010). */
export interface LoadProblem {
  rule: 'DEP008' | 'DEP010';
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
  requirements: Located<RequirementEntry>[];
  lockFormat: LockFormat;
  /** 'ok' when the lock was read (a requirements-style lock also has `lockFiles`). */
  lockState: 'ok' | 'missing' | 'directory' | 'unreadable';
  lockFiles: DepFile[];
  /** A TOML lock (uv.lock, poetry.lock), kept for ranges. */
  tomlLock?: DepFile;
  lockEntries: LockEntry[];
  problems: LoadProblem[];
  /** Repo-relative paths read (for filesChecked and suppression comments). */
  read: string[];
}

const MAX_DEPTH = 32;

// Per parsed lock file (which the file cache keeps while its text is unchanged).
const lockEntryMemo = new WeakMap<DepFile, LockEntry[]>();

function lockEntriesOf(f: DepFile): LockEntry[] {
  let entries = lockEntryMemo.get(f);
  if (!entries) {
    entries = [];
    for (const r of f.parsed.requirements) {
      const e = lockEntryFromRequirement(f.path, r);
      if (e) entries.push(e);
    }
    lockEntryMemo.set(f, entries);
  }
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
        rule: 'DEP010',
        message: `include cycle ${cycle}: pip would read these files forever; remove one of the includes.`,
        ...at,
      });
      return;
    }
    if (seen.has(path)) return;
    if (stack.length >= MAX_DEPTH) {
      facts.problems.push({
        rule: 'DEP010',
        message: `includes nest deeper than ${MAX_DEPTH} files at ${path}; flatten them`,
        ...at,
      });
      return;
    }
    seen.add(path);
    const read = readDepText(ctx.repo, path);
    if ('problem' in read) {
      if (!from && key === 'lock') {
        facts.lockState =
          read.problem === 'missing' ? 'missing' : read.problem === 'directory' ? 'directory' : 'unreadable';
        if (read.problem !== 'missing' && read.problem !== 'directory')
          facts.problems.push({ rule: 'DEP008', message: `${read.detail}.`, policyKey: key });
        return;
      }
      const what = from
        ? `\`-${kind === 'requirement' ? 'r' : 'c'} ${path}\``
        : `the requirements file ${path} named in the policy`;
      facts.problems.push(
        read.problem === 'missing' || read.problem === 'directory'
          ? { rule: 'DEP010', message: `${what}: ${read.detail}; fix the path or add the file.`, ...at }
          : { rule: 'DEP008', message: `${read.detail}.`, ...at },
      );
      return;
    }
    facts.read.push(path);
    const file = parseDepFile(path, read.text, ctx.env);
    facts.allFiles.push(file);
    if (kind === 'requirement') into.push(file);
    stack.push(path);
    for (const inc of file.parsed.includes) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(inc.target)) continue; // a URL: nothing to check offline
      const target = resolveInclude(path, inc.target);
      if (target === undefined) {
        facts.problems.push({
          rule: 'DEP010',
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

export function loadPair(ctx: CheckContext, pair: DependencyPair, policyPath: PolicyPath): PairFacts {
  const facts: PairFacts = {
    pair,
    policyPath,
    requirementFiles: [],
    allFiles: [],
    requirements: [],
    lockFormat: detectLockFormat(pair.lock, pair.lock_format),
    lockState: 'ok',
    lockFiles: [],
    lockEntries: [],
    problems: [],
    read: [],
  };
  follow(ctx, facts, pair.requirements, facts.requirementFiles, 'requirements');
  for (const f of facts.requirementFiles)
    for (const entry of f.parsed.requirements) facts.requirements.push({ file: f, entry });
  if (facts.lockFormat === 'requirements') {
    follow(ctx, facts, pair.lock, facts.lockFiles, 'lock');
    facts.lockEntries =
      facts.lockFiles.length === 1
        ? lockEntriesOf(facts.lockFiles[0] as DepFile)
        : facts.lockFiles.flatMap(lockEntriesOf);
  } else loadTomlLock(ctx, facts);
  return facts;
}

function loadTomlLock(ctx: CheckContext, facts: PairFacts): void {
  const path = facts.pair.lock;
  const read = readDepText(ctx.repo, path);
  if ('problem' in read) {
    facts.lockState =
      read.problem === 'missing' ? 'missing' : read.problem === 'directory' ? 'directory' : 'unreadable';
    if (read.problem !== 'missing' && read.problem !== 'directory')
      facts.problems.push({ rule: 'DEP008', message: `${read.detail}.`, policyKey: 'lock' });
    return;
  }
  facts.read.push(path);
  const file = new DepFile(path, read.text, {
    path,
    text: read.text,
    lines: [],
    requirements: [],
    includes: [],
    options: [],
    problems: [],
  });
  facts.tomlLock = file;
  const lock = readTomlLockEntries(path, read.text, facts.lockFormat as 'uv' | 'poetry');
  facts.lockEntries = lock.entries;
  if (lock.error) {
    facts.problems.push({
      rule: 'DEP008',
      message: `${path} is not valid TOML: ${lock.error.message}.`,
      file,
      start: lock.error.offset,
      end: lock.error.offset,
    });
  }
}

/** Every configured pair with its policy key path. */
export function dependencyPairs(ctx: CheckContext): { pair: DependencyPair; path: PolicyPath }[] {
  const section = ctx.policy.policy.dependencies;
  if (!section) return [];
  if (Array.isArray(section)) return section.map((pair, i) => ({ pair, path: ['dependencies', i] }));
  return [{ pair: section, path: ['dependencies'] }];
}
