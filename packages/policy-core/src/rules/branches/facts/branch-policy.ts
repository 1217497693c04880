import { dependencyPairs } from '../../../policy/dependency-pairs.js';
import type { ChangedFile, ChangeSet } from '../../../change-set.js';
import type { Range, RelatedLocation } from '../../../finding.js';
import { agentBranchRegex } from '../../../agents/agent-matchers.js';
import type { PolicyDocument, PolicyPath } from '../../../policy/document.js';
import type { CheckContext } from '../../../rule.js';
import { type BranchTemplate, compileBranchTemplate } from './dependency-branch-name.js';
import { compileIdentity, type IdentityPattern } from '../../../agents/identity-pattern.js';
import {
  detectLockFormat,
  isNpmFormat,
  isPyprojectPath,
} from '../../../requirements/dependency-file-names.js';
import type { PyprojectTool } from '../../../requirements/pyproject-model.js';
import { dependencyReaders } from '../../dependency-readers.js';

/** The branch-related parts of one policy, compiled once per policy document. */
export interface BranchPolicy {
  production: string;
  identities: IdentityPattern[];
  /** `agents.branches` as regexes (agentBranchRegex: `auto/*` covers `auto/fix` and what is under it). */
  agentBranches: RegExp[];
  dependencyBranch?: BranchTemplate;
  /** Requirements and lock files named under `dependencies`, with their policy key paths. */
  dependencyFiles: DependencyFile[];
  /**
   * npm-family locks' folders: a workspace's package.json below one is a dependency file of its
   * pair too (the lock covers the package.json files at and below it), by the lock's policy line.
   */
  npmLockDirs: { dir: string; policyPath: PolicyPath }[];
}

export interface DependencyFile {
  path: string;
  policyPath: PolicyPath;
  /** A pyproject.toml as a pair's requirements: the tool its declarations are read for. */
  pyproject?: PyprojectTool;
  /** A package.json: only its dependency declarations count (not `scripts`, nor its version). */
  npm?: true;
}

const cache = new WeakMap<PolicyDocument, BranchPolicy>();

/** Policy paths are written repo-relative; `./x` and `/x` mean the same file. */
function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/|\/)+/, '');
}

export function branchPolicy(doc: PolicyDocument): BranchPolicy {
  let compiled = cache.get(doc);
  if (compiled) return compiled;
  const { agents, production_branch } = doc.policy;
  compiled = {
    production: production_branch,
    identities: agents?.identities.map(compileIdentity) ?? [],
    agentBranches: agents?.branches.map(agentBranchRegex) ?? [],
    dependencyBranch: agents ? compileBranchTemplate(agents.dependency_branch) : undefined,
    dependencyFiles: dependencyPairs(doc.policy).flatMap(({ pair, path }) => {
      const lockFormat = detectLockFormat(pair.lock, pair.lock_format);
      const requirements: DependencyFile = {
        path: normalise(pair.requirements),
        policyPath: [...path, 'requirements'],
      };
      if (isPyprojectPath(requirements.path))
        requirements.pyproject = lockFormat === 'uv' || lockFormat === 'poetry' ? lockFormat : 'pep621';
      if (isPackageJson(requirements.path)) requirements.npm = true;
      return [requirements, { path: normalise(pair.lock), policyPath: [...path, 'lock'] }];
    }),
    npmLockDirs: dependencyPairs(doc.policy).flatMap(({ pair, path }) =>
      isNpmFormat(detectLockFormat(pair.lock, pair.lock_format))
        ? [{ dir: dirOf(normalise(pair.lock)), policyPath: [...path, 'lock'] }]
        : [],
    ),
  };
  cache.set(doc, compiled);
  return compiled;
}

/** Index of the `agents.branches` pattern a branch name matches, or -1. */
export function agentBranchIndex(bp: BranchPolicy, branch: string): number {
  return bp.agentBranches.findIndex((re) => re.test(branch));
}

/**
 * The dependency files a changed file touches (either side of a rename): one the policy names, or
 * a workspace's package.json below an npm-family lock (installed from that lock).
 */
export function dependencyFilesTouched(bp: BranchPolicy, f: ChangedFile): DependencyFile[] {
  const named = bp.dependencyFiles.filter((d) => d.path === f.path || d.path === f.oldPath);
  if (named.length > 0 || !isPackageJson(f.path) || f.path.includes('node_modules/')) return named;
  const lock = bp.npmLockDirs.find(({ dir }) => f.path.startsWith(dir));
  return lock ? [{ path: f.path, policyPath: lock.policyPath, npm: true }] : [];
}

const isPackageJson = (path: string): boolean => path === 'package.json' || path.endsWith('/package.json');
const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * Whether the change edits a dependency file's dependencies: any edit of a requirements file or
 * lock; of a pyproject.toml, only one that changes its declarations or supply chain (it also
 * holds the project's version and every tool's settings); of a package.json, only one that changes
 * its declarations or overrides (it also holds the scripts and the version).
 */
export function editsDependencies(
  ctx: CheckContext,
  change: ChangeSet,
  d: DependencyFile,
  f: ChangedFile,
): boolean {
  if ((d.pyproject === undefined && !d.npm) || f.status !== 'modified') return true;
  const before = change.readBase?.(f.oldPath ?? f.path);
  const after = ctx.repo.readFile(f.path);
  if (before === undefined || after === undefined) return true;
  return d.pyproject !== undefined
    ? !dependencyReaders().sameDependencyDeclarations(before, after, d.pyproject)
    : !dependencyReaders().sameNpmDeclarations(before, after);
}

/**
 * Mappings and defaulted keys are pointed at by their key; a list entry, which has no key, by its
 * value (what both locators answer for an entry's key).
 */
export function locatePolicy(ctx: CheckContext, path: PolicyPath): Range {
  return ctx.policy.locate(path, 'key');
}

/**
 * True when the policy file writes the key at `path`; false when it is left at its default.
 * The locators answer a missing key with its nearest written ancestor's key, or an empty range
 * at the start of the file when none is written, so that is what a defaulted key looks like.
 */
export function isWritten(ctx: CheckContext, path: PolicyPath): boolean {
  const own = ctx.policy.locate(path, 'key');
  // A key is one line and never empty: an empty range is the file's start.
  if (own.start.character === own.end.character) return false;
  if (path.length < 2) return true;
  const parent = ctx.policy.locate(path.slice(0, -1), 'key');
  // Keys do not overlap, so a key that starts where its parent's key does is the parent's.
  return own.start.line !== parent.start.line || own.start.character !== parent.start.character;
}

export function policyLine(ctx: CheckContext, path: PolicyPath): string {
  return `${ctx.policy.file} line ${locatePolicy(ctx, path).start.line + 1}`;
}

export function related(ctx: CheckContext, path: PolicyPath, message: string): RelatedLocation {
  return { file: ctx.policy.file, range: locatePolicy(ctx, path), message };
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** What every BR rule reads: the change and the compiled branch policy. */
export interface BranchRun {
  ctx: CheckContext;
  change: ChangeSet;
  bp: BranchPolicy;
}
