import { type Dirent, lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { type ReadText, readConfined, type TooLarge } from './confined-read.js';
import { type Refused, RepoConfinement, refused } from './repo-confinement.js';
import { pathOutsideRepo } from '../policy/schema/repo-path.js';
import { isUtf8 } from 'node:buffer';
import { JoinedListing, sortedCanonical } from '../paths/sorted-listing.js';
import type { GitFacts, RepoView } from '../repo.js';
import { discoverRoot } from './git/discover-root.js';
import { RepoGitFacts } from './git/git-facts.js';
import { diskPath, hasEscapedBytes, splitZ } from './git/path-bytes.js';
import { GitError, runGit } from './git/run-git.js';
import { TRACKED_FILES_ARGS } from './git/tracked-files.js';

/**
 * A repository on disk: the file list from `git ls-files -z` (or a directory walk outside
 * git), file texts from the working tree, git facts from the repository. Build it with
 * `openRepo`, which runs git asynchronously so it can overlap with reading the change set.
 */
export class FsRepo implements RepoView {
  constructor(
    /** Absolute path of the repository root. */
    readonly root: string,
    /** The tracked files: a list, or git's listing kept whole until a caller needs every path. */
    private readonly files: readonly string[] | JoinedListing,
    readonly git?: GitFacts,
    /**
     * Remember each text while its file is unchanged (same inode, size and mtime): one check
     * reads the audit log or a lock from several rules and from the suppression pass, and a
     * 70 MB log read three times held three copies. The same string also makes the readers'
     * `text === cached.text` checks instant. openRepo (one CLI run) turns it on.
     */
    rememberTexts = false,
  ) {
    if (rememberTexts) this.texts = new Map();
    this.box = new RepoConfinement(root, rememberTexts ? new Map() : undefined);
  }

  private readonly texts:
    | Map<string, { ino: number; size: number; mtimeMs: number; text: string }>
    | undefined;

  listFiles(): readonly string[] {
    return this.files instanceof JoinedListing ? this.files.all() : this.files;
  }

  filesUnder(prefix: string): Iterable<string> {
    if (this.files instanceof JoinedListing) return this.files.under(prefix);
    // A listing git's order does not fit (escaped bytes, a backslash): the canonical sorted copy.
    return sortedCanonical(this.files).filter((f) => f.startsWith(prefix));
  }

  readFile(path: string): string | undefined {
    // A path that leaves the repository (`..`, absolute) is never read: the policy names files,
    // and a hostile one must not make CI quote `/etc/passwd` back in a finding.
    if (pathOutsideRepo(path) !== undefined) return undefined;
    // Read before in this run: one lstat says whether it is still that regular file.
    const known = this.texts?.get(path);
    if (known && !hasEscapedBytes(path) && this.unchanged(join(this.root, path), known)) return known.text;
    const read = this.read(path);
    if (read === undefined || 'refused' in read || 'tooLarge' in read) return undefined;
    this.texts?.set(path, read);
    return read.text;
  }

  readSoFar(maxBytes: number): string[] {
    const out: string[] = [];
    for (const [path, known] of this.texts ?? []) if (known.size <= maxBytes) out.push(path);
    return out;
  }

  /**
   * `path` through the one reader (confined-read.ts: no link out of the repository, no FIFO, no
   * device), refused unread past `maxBytes` (the editor's size gate, judged on the file it would
   * read, never on where a refused link points). A refusal is remembered for `whyUnread`.
   */
  read(path: string, maxBytes?: number): ReadText | Refused | TooLarge | undefined {
    if (pathOutsideRepo(path) !== undefined) return undefined;
    const full = diskPath(this.root, path);
    const read = readConfined(this.box, path, full, maxBytes);
    if (read !== undefined && 'refused' in read) {
      this.refusals.set(path, read);
      return read;
    }
    // A symbolic link to nothing (or to a loop) reads as absent, but it is not: a migration named
    // so is a file the runner fails on (or, once its target appears, runs unread). Said, not skipped.
    if (read === undefined && typeof full === 'string' && lstatOrNone(full)?.isSymbolicLink()) {
      const dangling = refused(path, DANGLING);
      this.refusals.set(path, dangling);
      return dangling;
    }
    this.refusals.delete(path);
    return read;
  }

  /** Where files are judged inside (remembering each directory's answer for one run). */
  private readonly box: RepoConfinement;

  /** Why the last read of each refused path was refused, and what to do (`whyUnread`, `refusal`). */
  private readonly refusals = new Map<string, Refused>();

  /** The same regular file (not a link) as `known`, in a directory inside the repository. */
  private unchanged(full: string, known: { ino: number; size: number; mtimeMs: number }): boolean {
    const st = lstatOrNone(full);
    return (
      st?.isFile() === true &&
      st.ino === known.ino &&
      st.size === known.size &&
      st.mtimeMs === known.mtimeMs &&
      typeof this.box.realDir(full.slice(0, full.lastIndexOf('/'))) === 'string'
    );
  }

  whyUnread(path: string): string | undefined {
    return this.refusal(path)?.refused;
  }

  /**
   * The whole refusal of `path` (why, and what to do), for a host that shows it as its own
   * message rather than in a rule's finding (the editor's refused policy file).
   */
  refusal(path: string): Refused | undefined {
    if (pathOutsideRepo(path) !== undefined) return undefined;
    if (!this.refusals.has(path)) this.readFile(path);
    return this.refusals.get(path);
  }

  linkTarget(path: string): string | undefined {
    if (pathOutsideRepo(path) !== undefined || hasEscapedBytes(path)) return undefined;
    const full = join(this.root, path);
    if (lstatOrNone(full)?.isSymbolicLink() !== true) return undefined;
    const link = this.box.followLink(full, path);
    if (link === undefined || 'refused' in link || !link.st.isFile()) return undefined;
    const root = this.box.realRoot;
    return link.real.startsWith(`${root}${sep}`)
      ? link.real
          .slice(root.length + 1)
          .split(sep)
          .join('/')
      : undefined;
  }

  isDirectory(path: string): boolean {
    const full = join(this.root, path);
    try {
      return statSync(full).isDirectory() && typeof this.box.realDir(full) === 'string';
    } catch {
      return false;
    }
  }
}

/**
 * Why a file that is a symbolic link to nothing (its target missing, not a file, or a loop)
 * reads as absent: the same words on disk and in a commit's tree.
 * @internal
 */
export function danglingLinkReason(path: string): string {
  return refused(path, DANGLING).refused;
}

const DANGLING = 'a symbolic link to no file (dangling, a loop, or a directory)';

/**
 * Why a file that is a symbolic link leading out of the repository reads as absent.
 * @internal
 */
export function leavesRepoReason(path: string): string {
  return refused(path, 'a symbolic link that leads outside the repository').refused;
}

/**
 * Finds the repository root from any directory inside it; outside git, the directory itself.
 * Usually read from the file system (discoverRoot); git is asked only when that cannot tell
 * (GIT_DIR and the like set, an unusual layout). Nothing is remembered between calls: a
 * directory may become a repository, or stop being one, while an editor session runs.
 */
export async function findRoot(dir: string): Promise<{ root: string; isGit: boolean }> {
  const abs = resolve(dir);
  const discovered = discoverRoot(abs, process.env);
  if (discovered !== undefined) return { root: discovered, isGit: true };
  try {
    const r = await runGit(abs, ['rev-parse', '--show-toplevel']);
    const top = r.stdout.toString('utf8').trim();
    if (!top)
      throw new GitError(`${dir} is inside a bare repository; run slipway in a checkout`, 'not-a-repo');
    return { root: top, isGit: true };
  } catch (e) {
    if (e instanceof GitError && e.code === 'not-a-repo' && !e.message.includes('bare')) {
      return { root: abs, isGit: false };
    }
    throw e;
  }
}

/**
 * Opens the repository containing `dir`: its root, tracked files and git facts. `listing`, when
 * given, stands for `git ls-files -z --full-name` (`listCommitFiles` of the commit a fresh
 * worktree checked out); if it fails, git is asked as usual. With `splitAfter`, the listing is
 * turned into paths only once that settles: on a large repository that keeps this thread busy
 * for milliseconds, which would delay whatever the caller starts meanwhile (the change set's
 * git processes, see the CLI's openCheckContext).
 */
export async function openRepo(
  dir: string,
  listing?: Promise<Buffer>,
  splitAfter?: Promise<unknown>,
): Promise<FsRepo> {
  const { root, isGit } = await findRoot(dir);
  if (!isGit) return new FsRepo(root, walk(root), undefined, true);
  const given = await listing?.catch(() => undefined);
  const bytes = given ?? (await runGit(root, TRACKED_FILES_ARGS)).stdout;
  await splitAfter?.catch(() => undefined);
  // In JavaScript's order (the usual case), the listing stays one string until a caller needs
  // every path; otherwise each path is decoded (escaped bytes) and put in order when asked.
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
  const files = inJsOrder(bytes) ? new JoinedListing(bytes.toString('utf8', 0, end)) : splitZ(bytes);
  return new FsRepo(root, files, new RepoGitFacts(root), true);
}

/**
 * The files of commit `sha`, as `git ls-files -z --full-name` lists them in a fresh checkout of
 * it: the same paths, in the same order (git sorts a tree's subdirectories as if their names
 * ended in `/`, which makes a recursive listing byte-ordered by full path, as the index is).
 * It needs no checkout, so it can run while a worktree of `sha` is still being written.
 */
export async function listCommitFiles(root: string, sha: string): Promise<Buffer> {
  return (await runGit(root, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', sha])).stdout;
}

/**
 * Whether git's listing is already in the order and form path matching uses, so that nobody
 * has to check 100,000 paths one by one. git lists index entries sorted by their bytes, and
 * never writes `.`/`..` segments, doubled or leading slashes. For valid UTF-8 without 4-byte
 * sequences (characters outside the BMP, which UTF-16 orders differently) byte order is the
 * order of JavaScript's `<`; a backslash would be normalised to `/`, which can reorder.
 */
function inJsOrder(bytes: Buffer): boolean {
  if (bytes.includes(0x5c) || !isUtf8(bytes)) return false;
  for (let lead = 0xf0; lead <= 0xf4; lead++) if (bytes.includes(lead)) return false;
  return true;
}

const SKIP = new Set(['.git', 'node_modules']);

/** Every file below root, repo-relative with POSIX separators, sorted like `git ls-files`. */
export function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) visit(path);
      } else if (e.isFile() || e.isSymbolicLink()) out.push(path);
    }
  };
  visit('');
  return out.sort();
}

/**
 * lstat, or undefined for no file there: absent, or a path through a file (`a.py/x`, ENOTDIR: a
 * shell write `install x a.py` names one), which would otherwise fail the whole judgement.
 */
function lstatOrNone(full: string) {
  try {
    return lstatSync(full, { throwIfNoEntry: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}
