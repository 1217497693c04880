import { posix } from 'node:path';
import type { GitFacts, RepoView } from '../repo.js';
import { danglingLinkReason, type FsRepo, leavesRepoReason, listCommitFiles, openRepo } from './fs-repo.js';
import { readBlobsAt } from './git/base-reader.js';
import { runGitSync } from './git/run-git.js';
import { withoutTrailingSlashes } from '../trailing-slashes.js';

/** Most files one cat-file process reads at a time: bounds the memory one batch can take. */
const BATCH = 256;

/**
 * A commit's files as the rules see them: what `slipway check --head REF` reads when REF is not
 * the checked-out commit, and what promote's guard reads of the SHA it ships. Nothing is checked
 * out: the listing is the commit's tree, and a file is read from git when a rule first asks for it.
 *
 * Rules read synchronously, and a git process costs about 4 ms, so one process per file would
 * make a policy with 300 migrations take seconds. Reads come in kinds (every migration of a
 * folder, a requirements file beside its lock, the record beside the audit log), so a miss
 * reads the asked file together with the other files of its folder that have its extension.
 * A temporary worktree reads the same, but writes the whole tree first: about 3 s for a
 * 100,000-file repository, and a directory to clean up after a crash.
 */
export class CommitTreeRepo implements RepoView {
  readonly git?: GitFacts;
  private readonly texts = new Map<string, string | undefined>();
  /** Paths read as symlinks that lead out of the tree: refused, as FsRepo refuses them on disk. */
  private readonly leavingTree = new Set<string>();
  /** Paths read as symlinks to nothing in the tree (dangling, a loop): refused too. */
  private readonly dangling = new Set<string>();

  constructor(
    readonly root: string,
    /** The commit's full hash. */
    readonly commit: string,
    /** The commit's listing and the repository's git facts (`openRepo` with `listCommitFiles`). */
    private readonly tree: FsRepo,
    /** Files already read from this commit (the policy file). */
    known: ReadonlyMap<string, string | undefined> = new Map(),
  ) {
    this.git = tree.git;
    for (const [path, text] of known) this.texts.set(path, text);
  }

  listFiles(): readonly string[] {
    return this.tree.listFiles();
  }

  readFile(path: string): string | undefined {
    const key = normalize(path);
    if (key === undefined) return undefined;
    if (this.texts.has(key)) return this.texts.get(key);
    const batch = this.batchFor(key);
    // Not in the commit's listing: the file does not exist there (git would say "missing").
    if (batch.length === 0) {
      this.texts.set(key, undefined);
      return undefined;
    }
    const options = {
      followSymlinks: true,
      onLeavesTree: (p: string) => this.leavingTree.add(p),
      onDangling: (p: string) => this.dangling.add(p),
    };
    for (const [p, text] of readBlobsAt(this.root, this.commit, batch, options)) this.texts.set(p, text);
    return this.texts.get(key);
  }

  whyUnread(path: string): string | undefined {
    const key = normalize(path);
    if (key === undefined) return undefined;
    if (this.leavingTree.has(key)) return leavesRepoReason(path);
    return this.dangling.has(key) ? danglingLinkReason(path) : undefined;
  }

  isDirectory(path: string): boolean {
    const key = normalize(path);
    if (key === undefined || key === '') return key === '';
    const dir = `${key}/`;
    return this.listFiles().some((f) => f.startsWith(dir));
  }

  /**
   * For a path that is a symbolic link in the commit to a file of its tree, that file. git stores
   * a link as a blob of mode 120000 holding the target's text: the links are listed once
   * (`ls-tree`, modes), their texts read in one cat-file (without following), and a chain of
   * links followed inside the tree (40 hops, as the kernel's limit), as a checkout would.
   */
  linkTarget(path: string): string | undefined {
    const key = normalize(path);
    if (key === undefined) return undefined;
    this.links ??= commitLinks(this.root, this.commit);
    let at = key;
    for (let hop = 0; hop < 40; hop++) {
      const target = this.links.get(at);
      if (target === undefined) return at === key || !this.listFiles().includes(at) ? undefined : at;
      const next = normalize(posix.join(posix.dirname(at), target));
      if (next === undefined || target.startsWith('/')) return undefined;
      at = next;
    }
    return undefined;
  }

  readSoFar(maxBytes: number): string[] {
    const out: string[] = [];
    for (const [path, text] of this.texts) if (text !== undefined && text.length <= maxBytes) out.push(path);
    return out;
  }

  /** The commit's symbolic links, each with its target as written; read on the first linkTarget. */
  private links: Map<string, string> | undefined;

  /** `path` first, then the unread files beside it with the same extension; empty when `path` is not listed. */
  private batchFor(path: string): string[] {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash + 1);
    const ext = extension(path.slice(slash + 1));
    let listed = false;
    const batch = [path];
    for (const f of this.listFiles()) {
      if (f === path) listed = true;
      else if (
        batch.length < BATCH &&
        f.startsWith(dir) &&
        f.indexOf('/', dir.length) === -1 &&
        extension(f.slice(dir.length)) === ext &&
        !this.texts.has(f)
      )
        batch.push(f);
    }
    return listed ? batch : [];
  }
}

/**
 * Opens commit `sha` of the repository at `root` for reading: its listing (`git ls-tree`) and the
 * repository's git facts. `known`: files being read from it meanwhile (a policy file).
 */
export async function openCommitRepo(
  root: string,
  sha: string,
  known?: Promise<ReadonlyMap<string, string | undefined>>,
): Promise<CommitTreeRepo> {
  const [tree, texts] = await Promise.all([
    // Settled first: openRepo falls back to the working tree's listing when a listing fails.
    listCommitFiles(root, sha).then((bytes) => openRepo(root, Promise.resolve(bytes))),
    known,
  ]);
  return new CommitTreeRepo(root, sha, tree, texts);
}

/** Every symbolic link of commit `sha`: its path and the target text git stores for it. */
function commitLinks(root: string, sha: string): Map<string, string> {
  const out = runGitSync(root, ['ls-tree', '-r', '-z', '--full-tree', sha]).stdout;
  const paths: string[] = [];
  for (const entry of out.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    if (entry.startsWith('120000 ') && tab > 0) paths.push(entry.slice(tab + 1));
  }
  const texts = readBlobsAt(root, sha, paths);
  const links = new Map<string, string>();
  for (const [p, text] of texts) if (text !== undefined) links.set(p, text);
  return links;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** The listing's form of a path a rule built (`a/./b`, `a/x/../b`); undefined when it leaves the tree. */
function normalize(path: string): string | undefined {
  if (path === '' || path === '.') return '';
  const n = withoutTrailingSlashes(posix.normalize(path));
  if (n.startsWith('/') || n === '..' || n.startsWith('../')) return undefined;
  return n === '.' ? '' : n;
}
