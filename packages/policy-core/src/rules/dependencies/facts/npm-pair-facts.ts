import { RULE_IDS } from '../../../rule-ids.generated.js';
import type { CheckContext } from '../../../rule.js';
import { readDepText } from '../../../requirements/dep-file.js';
import type { DepFile } from '../../../requirements/dep-file.js';
import type { NpmLock, NpmLockFormat } from '../../../requirements/npm/npm-lock-model.js';
import type { PnpmWorkspace } from '../../../requirements/npm/pnpm-workspace.js';
import { bunCatalogs, catalogManifests } from './npm-catalogs.js';
import type { NpmManifestFile } from './npm-manifest-file.js';
import { dirnameSlash } from '../../../repo-paths.js';
import { workspaceMatcher } from '../../../requirements/npm/workspace-members.js';
import type { DependencyCaches } from '../../../requirements/dependency-caches.js';
import type { DependencyPair } from '../../../policy/schema/dependencies.js';
import type { LockFormat } from '../../../requirements/dependency-file-names.js';

export type { NpmManifestFile } from './npm-manifest-file.js';

/** What a pair whose lock is npm's or pnpm's holds instead of requirement lines and lock entries. */
export interface NpmFacts {
  manifests: NpmManifestFile[];
  lockFile?: DepFile;
  lock?: NpmLock;
  /** Where the pair's catalogs are written (pnpm-workspace.yaml, or Bun's root package.json). */
  catalogSource?: string;
  /** pnpm-workspace.yaml beside a pnpm lock: its catalogs, and its `overrides` (pnpm-overrides-read.ts, DEP017). */
  pnpmWorkspace?: { file: DepFile; workspace: PnpmWorkspace };
}

const { invalidLine: UNREADABLE, missingInclude: BROKEN_INCLUDE } = RULE_IDS;

/**
 * The part of a pair's facts (pair-facts.ts, which calls this loader) that loading an npm pair
 * fills in; named here so that the loader does not import the module that imports it.
 */
interface PairFacts {
  pair: DependencyPair;
  lockFormat: LockFormat;
  lockState: 'ok' | 'missing' | 'directory' | 'unreadable';
  problems: {
    rule: typeof UNREADABLE | typeof BROKEN_INCLUDE;
    message: string;
    file?: DepFile;
    start?: number;
    end?: number;
    policyKey?: 'requirements' | 'lock';
  }[];
  allFiles: DepFile[];
  read: string[];
  caches: DependencyCaches;
  npm?: NpmFacts;
}

/** Past this many workspaces in one pair, the rest are not read (and one problem says so). */
const MAX_WORKSPACES = 2000;

/**
 * Loads an npm-family pair: the package.json the policy names, and, when it stands beside the
 * lock, every workspace's package.json (those the lock lists as importers, and those the root's
 * `workspaces` or pnpm-workspace.yaml globs match, so a workspace the lock never heard of is
 * read too); then the lock. Problems go where the Python readers put theirs (DEP008, DEP010).
 */
export function loadNpmPair(ctx: CheckContext, facts: PairFacts): void {
  const npm: NpmFacts = { manifests: [] };
  facts.npm = npm;
  const lockDir = dirnameSlash(facts.pair.lock);
  const rootPath = facts.pair.requirements;
  const rootDir = dirnameSlash(rootPath);
  if (!rootDir.startsWith(lockDir)) {
    facts.problems.push({
      rule: BROKEN_INCLUDE,
      message: `${rootPath} is not inside the directory of its lock ${facts.pair.lock}; an npm lock covers the package.json files at and below it.`,
      policyKey: 'requirements',
    });
    return;
  }
  const root = readManifest(ctx, facts, rootPath, 'requirements');
  if (!root) return;
  npm.manifests.push(root);
  loadLock(ctx, facts, npm);
  if (rootDir !== lockDir) return;
  const members = new Set<string>();
  for (const importer of npm.lock?.importers.keys() ?? [])
    if (importer !== '' && !importer.startsWith('catalog:')) members.add(importer);
  const workspace = facts.lockFormat === 'pnpm' ? pnpmWorkspace(ctx, facts, lockDir) : undefined;
  // `!` globs leave out what they name (workspace-members.ts), as check's coverage does.
  const globs = workspace ? workspace.workspace.globs : root.manifest.workspaces;
  if (globs.length > 0) {
    const member = workspaceMatcher(lockDir, globs, workspace ? 'exclusions-win' : 'ordered');
    for (const path of ctx.repo.listFiles())
      if (path.endsWith('/package.json') && member(path))
        members.add(dirnameSlash(path).slice(lockDir.length, -1));
  }
  let n = 0;
  for (const importer of [...members].sort()) {
    if (++n > MAX_WORKSPACES) {
      facts.problems.push({
        rule: UNREADABLE,
        message: `more than ${MAX_WORKSPACES} workspaces share ${facts.pair.lock}; the rest were not read. Split the pair.`,
        policyKey: 'lock',
      });
      break;
    }
    const m = readManifest(ctx, facts, `${lockDir}${importer}/package.json`, undefined);
    if (m) npm.manifests.push(m);
  }
  // Where catalogs are read (a pnpm-workspace.yaml not beside the lock, pnpm's
  // shared-workspace-lockfile=false, is not: its `catalog:` specifiers are not judged).
  if (workspace) npm.pnpmWorkspace = workspace;
  if (workspace) npm.catalogSource = workspace.file.path;
  if (facts.lockFormat === 'bun') npm.catalogSource = rootPath;
  if (workspace) npm.manifests.push(...catalogManifests(workspace.file, npm.manifests));
  else if (facts.lockFormat === 'bun' && root.manifest.catalogs)
    npm.manifests.push(...catalogManifests(root.file, npm.manifests, bunCatalogs));
}

function readManifest(
  ctx: CheckContext,
  facts: PairFacts,
  path: string,
  policyKey: 'requirements' | undefined,
): NpmManifestFile | undefined {
  const read = readDepText(ctx.repo, path, facts.caches.parsedText(path));
  if ('problem' in read) {
    // A workspace the lock lists whose folder is gone is the lock's drift, reported as such.
    if (!policyKey && read.problem === 'missing') return undefined;
    facts.problems.push(
      read.problem === 'missing' || read.problem === 'directory'
        ? {
            rule: BROKEN_INCLUDE,
            message: `${read.detail}; fix the path or add the file.`,
            policyKey: 'requirements',
          }
        : { rule: UNREADABLE, message: `${read.detail}.`, policyKey: 'requirements' },
    );
    return undefined;
  }
  facts.read.push(path);
  const { file, manifest } = facts.caches.readNpmManifest(path, read.text);
  facts.allFiles.push(file);
  if (manifest.error) {
    facts.problems.push({
      rule: UNREADABLE,
      message: `${path} is not a readable package.json: ${manifest.error.message}.`,
      file,
      start: manifest.error.offset,
      end: manifest.error.offset,
    });
    return undefined;
  }
  const lockDir = dirnameSlash(facts.pair.lock);
  return { importer: dirnameSlash(path).slice(lockDir.length).replace(/\/$/, ''), file, manifest };
}

function loadLock(ctx: CheckContext, facts: PairFacts, npm: NpmFacts): void {
  const path = facts.pair.lock;
  const read = readDepText(ctx.repo, path, facts.caches.parsedText(path));
  if (path.endsWith('bun.lockb') && (!('problem' in read) || read.problem === 'binary')) {
    facts.lockState = 'unreadable';
    facts.problems.push({
      rule: UNREADABLE,
      message: `${path} is Bun's binary lock, which Slipway does not read; run \`bun install --save-text-lockfile\` to get bun.lock (Bun 1.2 and later), commit it in its place and name it as the pair's lock.`,
      policyKey: 'lock',
    });
    return;
  }
  if ('problem' in read) {
    facts.lockState =
      read.problem === 'missing' ? 'missing' : read.problem === 'directory' ? 'directory' : 'unreadable';
    if (read.problem !== 'missing' && read.problem !== 'directory')
      facts.problems.push({ rule: UNREADABLE, message: `${read.detail}.`, policyKey: 'lock' });
    return;
  }
  facts.read.push(path);
  const { file, lock } = facts.caches.readNpmLock(path, read.text, facts.lockFormat as NpmLockFormat);
  npm.lockFile = file;
  if (lock.error) {
    facts.lockState = 'unreadable';
    facts.problems.push({
      rule: UNREADABLE,
      message: `${path} cannot be read as a ${lock.format === 'npm' ? 'package-lock' : `${lock.format} lock`}: ${lock.error.message}; regenerate it (\`${lock.format} install\`).`,
      file,
      start: lock.error.offset,
      end: lock.error.offset,
    });
    return;
  }
  npm.lock = lock;
}

/** pnpm-workspace.yaml beside the lock (its globs and catalogs); undefined when it is absent. */
function pnpmWorkspace(ctx: CheckContext, facts: PairFacts, lockDir: string) {
  const path = `${lockDir}pnpm-workspace.yaml`;
  const text = ctx.repo.readFile(path);
  if (text === undefined) return undefined;
  facts.read.push(path);
  const read = facts.caches.readPnpmWorkspace(path, text);
  facts.allFiles.push(read.file);
  return read;
}
