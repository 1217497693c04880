import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ShellWrite } from '@slipway/policy-core';
import {
  findRoot,
  globReach,
  linkedGitDirHolding,
  physicalPath,
  type ReachedPath,
  realOf,
  repositoriesUnder,
} from '@slipway/policy-core/node';
import { writeDir } from './governing-gate.js';

/** Past this many paths a glob reaches, or folders under a folder written whole, its repositories are not looked for. */
const MAX_REACH = 10_000;
/** Past this many other repositories a command writes into, it is put to a person. */
const MAX_REPOSITORIES = 16;

/** Where a write is judged: a folder to open a gate from, and its repository (none outside every one). */
interface Where {
  dir: string;
  root: string | undefined;
}

/** The writes of a shell command one repository judges, and a folder to open its gate from. */
export interface RepositoryWrites {
  root: string;
  dir: string;
  writes: ShellWrite[];
}

/**
 * A shell command's writes, each where the file system lands it (a `..` after a link stepped up
 * from where the link leads: physical-path.ts), grouped by the repository that governs it. The
 * session's repository keeps its own and those outside every repository (`/tmp/x`, git's settings
 * in the home folder: its shellWrites reads them). A write into another repository (`> ../B/db/x.sql`,
 * `cd ../B && rm slipway.yaml`, a repository nested in this one) was judged by the session's
 * policy, which found it outside and let it through: that repository's policy judges it now, as
 * it judges each path a glob reaches there, a write whose links lead there, and a folder holding it
 * written whole or copied into. `asks`: what may reach repositories the gate does not each open.
 */
export async function writesByRepository(
  writes: readonly ShellWrite[],
  cwd: string,
): Promise<{ own: ShellWrite[]; others: RepositoryWrites[]; asks: string[] }> {
  const session = await rootOf(cwd);
  const own: ShellWrite[] = [];
  // What reaches repositories the gate cannot list: put to a person.
  const asks: string[] = [];
  // The folders looked through for repositories, for the whole command.
  const budget = { folders: MAX_REACH };
  const others = new Map<string, RepositoryWrites>();
  const roots = new Map<string, string | undefined>();
  // Each write to the session's repository (or to none: its shellWrites drops what is outside
  // it), or to the group of the repository it lands in.
  // The session's git directory kept outside it (a submodule's in its parent's .git/modules):
  // its writes are the session's to refuse, whichever repository's folder holds them.
  const holding = session === undefined ? undefined : linkedGitDirHolding(realOrAsIs(session));
  const inGitDir = (w: ShellWrite) => holding?.(realOf(resolve(cwd, w.path))) !== undefined;
  const place = (w: ShellWrite, at: Where) => {
    if (at.root === undefined || sameRepo(at.root, session) || inGitDir(w)) return own.push(w);
    const key = realOrAsIs(at.root);
    const group = others.get(key) ?? { root: at.root, dir: at.dir, writes: [] };
    group.writes.push(w);
    others.set(key, group);
  };
  // Where the links on its way take it (a link a person made outside every repository, or one in
  // the session's that a glob goes through): that repository judges it too. Removing a link
  // removes the link, not what it names, unless written with a slash (`rm -rf link/` empties
  // the folder it leads to).
  const placeLanding = async (w: ShellWrite, at: Where) => {
    const abs = resolve(cwd, w.path);
    const landing = w.deletes && !w.slash ? join(realOf(dirname(abs)), basename(abs)) : realOf(abs);
    if (landing === abs) return;
    const there = await repoOf(landing);
    if (there.root !== undefined && !sameRepo(there.root, at.root)) place({ ...w, path: landing }, there);
  };
  // A folder outside every repository written whole or copied into (`rm -rf ..`, `cp -r x/b ..`):
  // each repository in it judges what reaches it (its shellWrites reads the folder as holding it).
  const placeEnclosed = async (w: ShellWrite, at: Where) => {
    if (at.root !== undefined || w.pattern) return;
    const abs = resolve(cwd, w.path);
    // A copy goes where a link leads, and lands under its source's name or its source's own names
    // (`cp -r x/. dest`): only those folders are looked through. A link is removed as a link.
    const copied = w.from === undefined ? undefined : copiedNames(w, cwd);
    const tops =
      w.from !== undefined
        ? isFolderFollowed(abs)
          ? copied === undefined
            ? [abs]
            : copied.map((name) => join(abs, name)).filter(isFolderFollowed)
          : []
        : (w.tree || w.deletes) && (w.slash ? isFolderFollowed(abs) : isFolder(abs))
          ? [abs]
          : [];
    const repos: string[] = [];
    for (const top of tops) {
      const under = repositoriesUnder(top, budget);
      if (under === undefined)
        return void asks.push(
          `\`${w.how}\` ${w.path}: folders too many to look through for the repositories in them`,
        );
      repos.push(...under);
    }
    // A source the text does not give may land in any of them.
    if (repos.length > 0 && w.from !== undefined && copied === undefined)
      return void asks.push(
        `\`${w.how}\` ${w.path}: a folder holding repositories, where what lands is not known`,
      );
    for (const r of repos) place(w, await repoOf(r));
  };
  const repoOf = async (target: string) => {
    // A folder written whole (`rm -r ../B`, `cp -r x ../B`) is its own repository's to judge,
    // not its parent folder's.
    const dir = writeDir(isFolder(resolve(cwd, target)) ? join(target, 'x') : target, cwd);
    if (!roots.has(dir)) roots.set(dir, await rootOf(dir));
    return { dir, root: roots.get(dir) };
  };
  for (const written of writes) {
    const w = landed(written, cwd);
    // A path the shell expands (`~/x`) is put to the human by the session's gate.
    if (w.notLiteral !== undefined) {
      own.push(w);
      continue;
    }
    const at = await repoOf(w.pattern ? staticPart(w.path) : w.path);
    place(w, at);
    await placeLanding(w, at);
    await placeEnclosed(w, at);
    if (!w.pattern) continue;
    // A glob's folders may be other repositories than its fixed part's (`rm ../*/slipway.yaml`,
    // `../{A,B}/db/x.sql` from A: the fixed part is the folder both sit in, no repository's, and
    // every match was outside the session's): each path it reaches is judged where it lands too.
    const reach = globReach(resolve(cwd, w.path), MAX_REACH);
    if (reach === undefined) {
      if (at.root === undefined)
        asks.push(
          `\`${w.how}\` ${w.path}: a glob whose folders Slipway does not list (a \`**\`, or too many)`,
        );
      continue;
    }
    for (const p of reach) {
      const there = await repoOf(p.path);
      const one = reached(w, p);
      if (!sameRepo(there.root, at.root)) place(one, there);
      await placeLanding(one, there);
      await placeEnclosed(one, there);
    }
  }
  // Each is a gate to open, within the agent's hook timeout: past a few, put to a person (the
  // first still judged, so a refusal among them stands).
  const groups = [...others.values()];
  if (groups.length > MAX_REPOSITORIES)
    asks.push(
      `the command writes into ${groups.length} repositories, more than Slipway opens for one command`,
    );
  return { own, others: groups.slice(0, MAX_REPOSITORIES), asks };
}

/**
 * The write of one path a glob reaches: a file or folder on disk, named as it is; a path past a
 * segment nothing matched, or a copy's destination (which of the matches takes the copy only the
 * shell knows: asked), still a glob.
 */
function reached(w: ShellWrite, p: ReachedPath): ShellWrite {
  if (p.open || w.from !== undefined) return { ...w, path: p.glob };
  const { pattern, ...literal } = w;
  return { ...literal, path: p.path };
}

/** The write at the path the file system reaches, as an absolute path when it climbed. */
function landed(w: ShellWrite, cwd: string): ShellWrite {
  if (w.unfolded === undefined) return w;
  const { unfolded, ...rest } = w;
  return { ...rest, path: physicalPath(cwd, unfolded) };
}

/** The part of a glob before its first pattern character's segment (`db/*.sql` -> `db/x`). */
function staticPart(glob: string): string {
  const at = glob.search(/[*?[{]/);
  if (at === -1) return glob;
  const slash = glob.lastIndexOf('/', at);
  return `${slash === -1 ? '.' : glob.slice(0, slash)}/x`;
}

/** A repository's folder as the file system names it (a link on the way to it followed). */
function realOrAsIs(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/** Variables that tell git where its repository is, whatever the folder. */
const GIT_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR'];

/** Whether `dir` or a folder above it holds a `.git` (a folder, or a worktree's file); true where it cannot look. */
function dotGitAbove(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    try {
      if (statSync(join(at, '.git'), { throwIfNoEntry: false }) !== undefined) return true;
    } catch {
      return true;
    }
    if (dirname(at) === at) return false;
  }
}

/** Whether two repository roots (either undefined: none) are the same folder. */
function sameRepo(x: string | undefined, y: string | undefined): boolean {
  return x === y || (x !== undefined && y !== undefined && realOrAsIs(x) === realOrAsIs(y));
}

/** The repository `dir` is in; undefined outside every one. */
export async function rootOf(dir: string): Promise<string | undefined> {
  // No `.git` above its real folder: git finds no work tree there, and asking it costs a process
  // start per folder (a glob over a folder outside every repository reaches hundreds).
  if (!GIT_ENV.some((name) => process.env[name] !== undefined) && !dotGitAbove(realOrAsIs(resolve(dir))))
    return undefined;
  const found = await findRoot(resolve(dir)).catch(() => undefined);
  return found?.isGit ? found.root : undefined;
}

/**
 * The names a copy or a move may land under in its destination folder: each source's own name,
 * and the names in it (`cp -r x/. dest`, `-T`); undefined when the text does not give the source.
 */
function copiedNames(w: ShellWrite, cwd: string): string[] | undefined {
  if (w.from === undefined || w.fromUnknown) return undefined;
  const sources = w.fromPattern
    ? globReach(resolve(cwd, w.from), MAX_REACH)?.map((p) => p.path)
    : [resolve(cwd, w.from)];
  if (sources === undefined) return undefined;
  const names = new Set<string>();
  for (const source of sources) {
    names.add(basename(source));
    if (isFolderFollowed(source)) for (const name of namesIn(source)) names.add(name);
  }
  return [...names];
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A folder, or a link to one. */
function isFolderFollowed(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A folder itself, not a link to one (a link is judged where it sits, as writeDir does). */
function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
