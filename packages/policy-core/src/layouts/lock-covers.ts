// Which package.json files a JS lock covers, for the coverage table's unlocked-package.json entry
// (layouts.ts): the workspace-membership answer is the dependency rules' own (workspace-members.ts).
import { readNpmManifest } from '../requirements/npm/npm-manifest.js';
import { readPnpmWorkspace } from '../requirements/npm/pnpm-workspace.js';
import { workspaceMatcher } from '../requirements/npm/workspace-members.js';
import { type FileIndex, baseOf, folderOf } from './layout-entry.js';

const JS_LOCK = /^(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?)$/;
/** One function (the index keeps its answer by it). */
const isJsLock = (f: string) => JS_LOCK.test(baseOf(f));

/**
 * Whether a JS lock covers the package.json at `p`: one in its folder, or one in a folder above
 * whose workspace has it as a member. A lock above covers only its workspaces: a project nested
 * under it that is none (a template, an example) is resolved by no lock.
 */
export function lockCovers(p: string, files: FileIndex): boolean {
  const locked = files.foldersWith(isJsLock);
  if (locked.has(folderOf(p))) return true;
  for (let dir = folderOf(p); dir !== ''; ) {
    dir = folderOf(dir.slice(0, -1));
    if (locked.has(dir) && workspaceOf(dir, files)(p)) return true;
  }
  return false;
}

/** Each workspace root's member test, by the listing it was read from. */
const MEMBERS = new WeakMap<FileIndex, Map<string, (manifest: string) => boolean>>();

/**
 * The member test of the workspace at `dir` (a folder holding a lock): pnpm reads
 * pnpm-workspace.yaml's `packages` (pnpm.io/pnpm-workspace_yaml), npm, Yarn and Bun the root
 * package.json's `workspaces`; each when its lock is there. A file that cannot be read to tell
 * counts every package.json below as a member, as before workspaces were read: no new alarm from
 * a file Slipway could not read.
 */
function workspaceOf(dir: string, files: FileIndex): (manifest: string) => boolean {
  let byDir = MEMBERS.get(files);
  if (!byDir) {
    byDir = new Map();
    MEMBERS.set(files, byDir);
  }
  const known = byDir.get(dir);
  if (known) return known;
  const tests: ((manifest: string) => boolean)[] = [];
  let unread = false;
  const read = (path: string) => {
    const text = files.read(path);
    if (text === undefined) unread = true;
    return text ?? '';
  };
  if (files.has(`${dir}pnpm-lock.yaml`) && files.has(`${dir}pnpm-workspace.yaml`))
    tests.push(
      workspaceMatcher(dir, readPnpmWorkspace(read(`${dir}pnpm-workspace.yaml`)).globs, 'exclusions-win'),
    );
  const others = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'bun.lock', 'bun.lockb'];
  if (others.some((l) => files.has(`${dir}${l}`)) && files.has(`${dir}package.json`))
    tests.push(workspaceMatcher(dir, readNpmManifest(read(`${dir}package.json`)).workspaces, 'ordered'));
  const test = unread ? () => true : (manifest: string) => tests.some((t) => t(manifest));
  byDir.set(dir, test);
  return test;
}
