import { withoutTrailingSlashes } from './trailing-slashes.js';
/**
 * What rules may ask of a repository. The node entry reads disk and git; the language server
 * overlays unsaved editor buffers; tests and browsers pass in-memory maps.
 */
export interface RepoView {
  /** Every file path in the repository (tracked files), repo-relative, POSIX separators. */
  listFiles(): readonly string[];
  /** File text, or undefined when the file does not exist (or is a directory). */
  readFile(path: string): string | undefined;
  /**
   * Optional: true when `path` is a directory. readFile answers undefined for one, as for a
   * missing file; a rule about a configured file path (the deploy record, the audit log) asks
   * so that it can say the path is wrong instead of "nothing there" or "emptied".
   */
  isDirectory?(path: string): boolean;
  /**
   * Optional: why readFile answered undefined for a path that is there, when the host refused
   * to read it (a symbolic link leading outside the repository). Readers of configured files
   * report this instead of "missing".
   */
  whyUnread?(path: string): string | undefined;
  /**
   * Optional: for a path that is a symbolic link to a file inside the repository, that file
   * (repo-relative); undefined otherwise. A change to the file is a change to the link.
   */
  linkTarget?(path: string): string | undefined;
  /**
   * Optional: the listed files whose path starts with `prefix`, in order, in the canonical form
   * path patterns match (normalised, `/` separators). A host holding its
   * listing as git wrote it answers without splitting every path (see JoinedListing); callers
   * that only ask about prefixes (POL002) use this, others `listFiles()`.
   */
  filesUnder?(prefix: string): Iterable<string>;
  /**
   * Optional: the files read so far whose text is at most `maxBytes` long, for a host that
   * remembers what it read (one CLI run). A change's check reads the same files at its base
   * afterwards (change-own-findings.ts) and asks for them together, not one git process each.
   */
  readSoFar?(maxBytes: number): string[];
  /** Git questions the pure rules may ask; absent where there is no git (browser, editor buffer). */
  git?: GitFacts;
}

export interface GitFacts {
  /** True when `sha` names a commit object in the repository (not a tag that points at one). */
  commitExists(sha: string): boolean;
  /** True when `ancestor` is reachable from `ref` (ref's history contains it). */
  isAncestor(ancestor: string, ref: string): boolean;
  /**
   * Optional: learns the answers of `commitExists`, `peelTag` and `resolveCommit` for all of
   * `names` at once, for a rule about to ask each (a record's history can name hundreds). Hosts
   * where each question is a process implement it.
   */
  primeCommits?(names: readonly string[]): void;
  /** Optional: when `sha` names an annotated tag object, the commit it points at (peeled). */
  peelTag?(sha: string): string | undefined;
  /** Optional: the commit a name (`refs/heads/main`, a hash) resolves to; undefined when none. */
  resolveCommit?(name: string): string | undefined;
  /**
   * Optional: the text of each of `paths` as committed in commit `sha` (a path not in that
   * commit is absent); undefined when `sha` names no commit here (a shallow clone, a rewritten
   * history). Hosts answer all of them with one process.
   */
  readFilesAt?(sha: string, paths: readonly string[]): ReadonlyMap<string, string> | undefined;
  /**
   * Optional: `path` as each of the newest `max` commits reachable from HEAD that changed it left
   * it, newest first (`text` absent where that commit removed it); empty when no commit has it.
   * Hosts answer with two processes, whatever `max`.
   */
  versionsOf?(path: string, max: number): readonly FileVersion[];
}

/** A file as one commit left it (GitFacts.versionsOf). */
export interface FileVersion {
  commit: string;
  text?: string;
  /** The commit is where a shallow clone's history stops: what it holds may be older. */
  cut?: true;
}

/** An in-memory repository, for tests, browsers and the editor. */
export class MemoryRepo implements RepoView {
  private readonly files: Map<string, string>;
  private list: string[] | undefined;

  constructor(
    files: Record<string, string> | Map<string, string>,
    readonly git?: GitFacts,
  ) {
    this.files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
  }

  listFiles(): readonly string[] {
    this.list ??= [...this.files.keys()].sort();
    return this.list;
  }

  readFile(path: string): string | undefined {
    return this.files.get(path);
  }

  isDirectory(path: string): boolean {
    const dir = `${withoutTrailingSlashes(path)}/`;
    return this.listFiles().some((f) => f.startsWith(dir));
  }
}
