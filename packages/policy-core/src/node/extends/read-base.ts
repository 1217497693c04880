import { join } from 'node:path';
import { LIMITS, megabytes } from '../../limits.js';
import type { PolicyDocument } from '../../policy/document.js';
import type { GitRepository } from '../../policy/schema/extends-spec.js';
import { type ReadBase, resolveExtends } from '../../policy/extends/resolve-extends.js';
import { readConfined } from '../confined-read.js';
import { RepoConfinement, refusalLine } from '../repo-confinement.js';
import { readBlobsAt } from '../git/base-reader.js';
import { slipwayCacheDir } from '../user-cache-dir.js';
import { readNpmPackageFile } from './npm-package-file.js';
import { readPinnedGitFile } from './pinned-git-file.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

/** A file of the policy's own repository: its text, undefined when absent, or why it was not read. */
export type LocalRead = string | undefined | { problem: string };

export interface ExtendsHostOptions {
  /** Reads a file of the policy's own repository, at the policy's commit (the tree, or a change's base). */
  readLocal: (path: string) => LocalRead;
  /** SLIPWAY_CACHE_DIR, XDG_CACHE_HOME, HOME, SLIPWAY_GITHUB_URL, SLIPWAY_ALLOW_UNPINNED, SLIPWAY_ALLOW_FILE_BASES. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * False in an untrusted workspace (the editor's Restricted Mode): a git or npm base is read from
   * the verified cache when it is there, else withheld (BaseText `withheld`), never fetched: a
   * fetch runs git or npm (and ssh, for a `git+ssh://` base, offering the user's keys) and
   * contacts the host the repository's policy names. Reading the cache needs neither: an entry is
   * a file under the user's cache, re-hashed against the pin the policy names (a commit SHA, an
   * npm integrity) before it is used, so what it yields is what a trusted fetch would.
   */
  fetch?: boolean;
}

/** Why a base was not fetched in an untrusted workspace, and what to do. */
export const UNTRUSTED_BASE =
  'not fetched: this workspace is not trusted, so Slipway runs no git or npm and contacts no host; the policy is judged without this base. Trust the workspace to fetch it';

/**
 * The URL a git base is fetched from: its own, or for `github:OWNER/REPO` the GitHub host, which
 * `SLIPWAY_GITHUB_URL` replaces (a GitHub Enterprise host, a mirror, or in tests a `file://`
 * directory of bare repositories named `OWNER/REPO.git`).
 */
export function gitUrlOf(
  repository: GitRepository,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if ('url' in repository) return repository.url;
  const host = withoutTrailingSlashes(env.SLIPWAY_GITHUB_URL || 'https://github.com');
  return `${host}/${repository.owner}/${repository.name}.git`;
}

/** The Node host's reader of bases: repository files through `readLocal`, git files through the verified cache. */
export function nodeReadBase(opts: ExtendsHostOptions): ReadBase {
  const env = opts.env ?? process.env;
  return (spec) => {
    if (spec.kind === 'local') {
      const text = opts.readLocal(spec.path);
      if (text === undefined) return { problem: 'no such file in the repository', absent: true };
      return typeof text === 'string' ? { text } : text;
    }
    const local = fileBaseRefused(spec.kind === 'git' ? spec.repository : undefined, env);
    if (local) return { problem: local };
    const cache = slipwayCacheDir(env);
    if (!cache) return { problem: 'there is no cache directory to keep it in; set SLIPWAY_CACHE_DIR' };
    const cached = {
      cacheDir: join(cache, 'extends'),
      allowUnpinned: env.SLIPWAY_ALLOW_UNPINNED === '1',
      ...(opts.fetch === false ? { withheld: UNTRUSTED_BASE } : {}),
    };
    if (spec.kind === 'npm')
      return readNpmPackageFile(spec.name, spec.version, spec.path, spec.integrity, cached);
    return readPinnedGitFile(gitUrlOf(spec.repository, env), spec.ref, spec.path, cached);
  };
}

/**
 * Why a `git+file://` base is refused, or undefined. The policy names its base, and the policy
 * under review is written by whoever opened the change, an agent included: a `file://` URL would
 * make the runner read a policy-shaped file of any repository on its disk and quote its values
 * back (POL004, POL006 messages). So a base on this machine is read only when whoever runs
 * Slipway says so (`--allow-file-bases`, or `SLIPWAY_ALLOW_FILE_BASES=1`), never because a policy
 * asks. `github:` bases that SLIPWAY_GITHUB_URL sends to a `file://` directory are the
 * environment's choice, not the policy's, and are read.
 */
function fileBaseRefused(
  repository: GitRepository | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (!repository || !('url' in repository) || !/^file:/i.test(repository.url)) return undefined;
  if (env.SLIPWAY_ALLOW_FILE_BASES === '1') return undefined;
  return 'a `git+file://` base is a repository on this machine, which a policy cannot make Slipway read; serve it over https:// or ssh://, or pass --allow-file-bases (SLIPWAY_ALLOW_FILE_BASES=1) where every repository on the machine is yours to read';
}

/**
 * `doc` merged over its bases (resolveExtends with the Node reader), or one POL001 finding;
 * `withheld` names a base left out under `fetch: false`.
 */
export function withBases(doc: PolicyDocument, opts: ExtendsHostOptions): ReturnType<typeof resolveExtends> {
  return resolveExtends(doc, nodeReadBase(opts));
}

/**
 * A file of the working tree at `root` (a local base policy, or its test file), read only when it
 * resolves inside the repository (no link out) and is a regular file (FsRepo's confined read: no
 * FIFO or device), and only up to its limit (limits.ts, `maxChars`: the policy's, or the policy
 * test file's): past the bytes that many characters can take, the file is not read at all, and
 * the answer says so. Below it, the parser checks the characters, as for the policy itself.
 */
export function readTreeFile(
  root: string,
  maxChars: number = LIMITS.policy.chars,
): (path: string) => LocalRead {
  return (path) => {
    // The one reader: a link out of the repository, a FIFO or a device is refused, and says so.
    const read = readConfined(new RepoConfinement(root), path, undefined, 4 * maxChars);
    if (read === undefined) return undefined;
    if ('refused' in read) return { problem: refusalLine(read) };
    if ('tooLarge' in read)
      return {
        problem: `the file is ${megabytes(read.tooLarge)}, more than the ${megabytes(maxChars)} it may be; a base policy and its test cases are pages of settings`,
      };
    return read.text;
  };
}

/** `withBases` for a policy as of `commit`: a base file of the repository is read at that commit too. */
export function basesAtCommit(
  root: string,
  commit: string,
): (doc: PolicyDocument) => ReturnType<typeof withBases> {
  return (doc) => withBases(doc, { readLocal: (path) => readBlobsAt(root, commit, [path]).get(path) });
}
