import { type BigIntStats, constants, lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, normalize, resolve, sep } from 'node:path';

/**
 * What "inside the repository" means for every file Slipway reads or writes there (the one
 * reader, confined-read.ts, and the one writer, confined-write.ts): a path whose real location
 * is below the repository's real root and not in a `.git` directory. Anything else is refused
 * with one line (`Refused`) naming the file, what it is and what to do.
 *
 * Symbolic links: a link whose every hop stays inside the working tree is followed (a team
 * that keeps `migrations -> db/migrations` or `slipway.yaml -> config/slipway.yaml` reads and
 * writes the file it names, as git and their tools do); a hop that leaves the working tree
 * refuses the link even when a later hop comes back, because what it reads would then depend on
 * the machine's files outside the repository (and would tell an attacker which exist). A link
 * into `.git` is refused: the git directory holds credentials (`actions/checkout` keeps the
 * token in `.git/config`) and is never a repository file.
 */
export class RepoConfinement {
  constructor(
    /** The repository root, absolute, as the caller names it. */
    readonly root: string,
    /**
     * One CLI run: whether each directory is inside, asked once per directory. A long-lived host
     * (the editor) passes none: a directory could be replaced by a link while it runs; the check
     * after open (`openedInside`) catches that either way where the system can tell.
     */
    private readonly dirsInside?: Map<string, string | false>,
  ) {}

  private real: string | undefined;

  /** The real root, resolved once: links are judged by where they really lead. */
  get realRoot(): string {
    this.real ??= realpathSync.native(this.root);
    return this.real;
  }

  /** Whether a real absolute path is inside the working tree and outside any `.git` directory. */
  holds(real: string): boolean {
    const root = this.realRoot;
    if (real === root) return true;
    if (!real.startsWith(root === sep ? root : `${root}${sep}`)) return false;
    // The path below the root: after its separator (a root of `/` is its own separator).
    return !hasGitSegment(real.slice(root === sep ? 1 : root.length + 1));
  }

  /**
   * The real path of directory `dir` (absolute) when it is inside; false when it resolves
   * outside (through a link); undefined when it does not exist.
   */
  realDir(dir: string | Buffer): string | false | undefined {
    // A name that is not UTF-8 comes as bytes; its key cannot meet a string's.
    const key = typeof dir === 'string' ? dir : `\0${dir.toString('latin1')}`;
    const known = this.dirsInside?.get(key);
    if (known !== undefined) return known;
    const real =
      (typeof dir === 'string' ? this.underKnownParent(dir) : undefined) ?? realpathOrUndefined(dir);
    if (real === undefined) return undefined;
    const answer = real !== false && this.holds(real) ? real : false;
    this.dirsInside?.set(key, answer);
    return answer;
  }

  /**
   * In one CLI run, a directory below the root whose parent is resolved: the parent's real path
   * and its name, when it is a directory and no link (one lstat, where realpath costs a system
   * call per component: a Prisma history is a thousand directories). False when the parent
   * leads outside; undefined when this cannot tell (no cache, a link, not there): realpath then.
   */
  private underKnownParent(dir: string): string | false | undefined {
    if (!this.dirsInside) return undefined;
    // Only a plain path: a trailing separator makes lstat follow a final link, and `.` or `..`
    // segments name another directory than the parent's child (realpath decides those).
    if (dir.endsWith(sep) || normalize(dir) !== dir) return undefined;
    const parent = dirname(dir);
    const root = this.root;
    if (
      parent === dir ||
      (parent !== root && !parent.startsWith(root.endsWith(sep) ? root : `${root}${sep}`))
    )
      return undefined;
    const name = dir.slice(parent.length + (parent.endsWith(sep) ? 0 : 1));
    if (name === '' || name === '.' || name === '..') return undefined;
    const up = parent === root ? this.realRoot : this.realDir(parent);
    if (up === false) return false;
    if (up === undefined) return undefined;
    try {
      if (!lstatSync(dir).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    return up === sep ? `${sep}${name}` : `${up}${sep}${name}`;
  }

  /**
   * Follows the symbolic link at `full` (its directory already inside) hop by hop. Answers the
   * real path of what it names with that file's lstat, undefined when the chain ends at nothing,
   * or why it is refused.
   */
  followLink(full: string, rel: string, verb = 'read'): { real: string; st: Stats } | Refused | undefined {
    let cur = full;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      let target: string;
      try {
        target = readlinkSync(cur);
      } catch {
        return undefined;
      }
      const dir = this.realDir(dirname(cur));
      if (dir === undefined) return undefined;
      if (dir === false) return refused(rel, 'a symbolic link that leads outside the repository', verb);
      const next = isAbsolute(target) ? resolve(target) : resolve(dir, target);
      if (!this.holds(next) || this.realDir(dirname(next)) === false)
        return refused(rel, linkOutWhat(this, next), verb);
      let st: Stats | undefined;
      try {
        st = lstatSync(next);
      } catch {
        return undefined;
      }
      if (!st.isSymbolicLink()) {
        if (next === this.realRoot) return { real: next, st };
        const real = this.realDir(dirname(next));
        if (real === undefined) return undefined;
        if (real === false) return refused(rel, 'a symbolic link that leads outside the repository', verb);
        return { real: `${real}${sep}${next.slice(dirname(next).length + 1)}`, st };
      }
      cur = next;
    }
    return refused(rel, 'a symbolic link in a loop (or a chain of more than 40)', verb);
  }

  /**
   * After open: the opened file is the one checked, where the system can say where an open file
   * is (Linux: /proc/self/fd). A directory swapped for a link between the check and the open
   * is caught here. Elsewhere the directory check before the open is what holds.
   */
  openedInside(fd: number): boolean {
    if (!PROC_FD) return true;
    let at: string;
    try {
      at = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return true;
    }
    return this.holds(at);
  }
}

/**
 * A file Slipway will not read or write: why (`X is a FIFO (named pipe); Slipway does not read
 * it`, what a finding quotes before its own advice) and what to do, which `refusalLine` adds
 * where the refusal is the whole answer (a command's one line).
 */
export interface Refused {
  refused: string;
  fix: string;
}

export const refused = (rel: string, what: string, verb = 'read'): Refused => ({
  refused: `${rel} is ${what}; Slipway does not ${verb} it`,
  fix: FIX[what] ?? 'commit the file itself in its place',
});

/** The refusal as a command's one line: why, then what to do. */
export function refusalLine(r: Refused): string {
  return `${r.refused}: ${r.fix}`;
}

const FIX: Record<string, string> = {
  'a FIFO (named pipe)': 'replace it with a regular file',
  'a socket': 'replace it with a regular file',
  'a character device': 'replace it with a regular file',
  'a block device': 'replace it with a regular file',
  'inside the git directory': 'name a file of the working tree',
  'a symbolic link into the git directory': 'name a file of the working tree',
};

/** What a non-regular file is, for the refusal line; undefined for a regular file or a directory. */
export function specialKind(st: Stats | BigIntStats): string | undefined {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return undefined;
}

/** Whether a repository-relative path (either separator) names something in a `.git` directory. */
export function hasGitSegment(rel: string): boolean {
  if (!rel.toLowerCase().includes('.git')) return false;
  return rel.split(/[\\/]/).some((s) => s.toLowerCase() === '.git');
}

function linkOutWhat(c: RepoConfinement, next: string): string {
  const root = c.realRoot;
  return next.startsWith(`${root}${sep}`) && hasGitSegment(next.slice(root.length + 1))
    ? 'a symbolic link into the git directory'
    : 'a symbolic link that leads outside the repository';
}

/** As the kernel allows (Linux's MAXSYMLINKS). */
const MAX_HOPS = 40;

const PROC_FD = process.platform === 'linux';

/**
 * Open flags shared by the reader and the writer. O_NOFOLLOW: a final symbolic link is not
 * followed (the open fails with ELOOP) and is judged by followLink. O_NONBLOCK: a FIFO opens at
 * once instead of waiting for the other end (and is then refused), so nothing hangs. O_NOCTTY: a
 * terminal never becomes ours. All are 0 on Windows, where links are judged before the open.
 */
export const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
export const OPEN_GUARDS = NO_FOLLOW | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function realpathOrUndefined(dir: string | Buffer): string | undefined {
  try {
    return realpathSync.native(dir) as string;
  } catch {
    return undefined;
  }
}
