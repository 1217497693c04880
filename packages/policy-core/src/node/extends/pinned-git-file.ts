import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../limits.js';
import type { BaseText } from '../../policy/extends/resolve-extends.js';
import { writeFileAtomic } from '../atomic-write.js';
import { runGitSync } from '../git/run-git.js';
import { nativeSha256 } from '../native-sha256.js';
import { type ObjectChain, treeEntry, verifyChain } from './git-object-chain.js';
import { COMMIT_SHA as SHA } from '../../policy/schema/extends-spec.js';

/** A fetch that has not answered by then (a network that swallows packets) fails instead of hanging the check. */
const FETCH_TIMEOUT_MS = 60_000;

export interface PinnedFileOptions {
  /** `extends/` under the user's cache (slipwayCacheDir). */
  cacheDir: string;
  /** Accept a tag or branch (`--allow-unpinned`): fetched on every run, never offline. */
  allowUnpinned: boolean;
  /** Set: fetch nothing (no git, no network, no write); a base the cache lacks is withheld with this reason. */
  withheld?: string;
}

/**
 * `path` of the git repository at `url` as of `ref`, through the cache: an entry is keyed by the
 * commit SHA and the path, and holds the commit, tree and blob objects that lead to the file.
 * Every read of an entry re-hashes them from the SHA down (verifyChain), so the cache need not be
 * trusted; an entry that fails is refused, not fetched over. A miss fetches that one commit
 * (`git fetch --depth=1 URL SHA`) into a temporary bare repository, verifies the chain, then
 * writes the entry atomically: nothing unverified is ever cached. A pinned SHA in the cache needs
 * no network and no git.
 */
export function readPinnedGitFile(url: string, ref: string, path: string, opts: PinnedFileOptions): BaseText {
  const pinned = SHA.test(ref);
  if (!pinned && /^[0-9a-f]{4,39}$/.test(ref))
    return {
      problem: `\`${ref}\` is an abbreviated SHA; pin the full commit SHA (\`git rev-parse ${ref}\`)`,
    };
  if (!pinned && !opts.allowUnpinned)
    return {
      problem: `\`${ref}\` is a tag or a branch, which can move; pin the full commit SHA (\`git rev-parse ${ref}\`), or pass --allow-unpinned`,
    };
  if (pinned) {
    const file = entryFile(opts.cacheDir, ref, path);
    const cached = readEntry(file, ref, path);
    if (cached !== undefined)
      return 'problem' in cached
        ? {
            problem: `the cached copy ${file} does not verify against commit ${ref} (${cached.problem}): it was altered; delete it to fetch the base again`,
          }
        : { text: cached.text, pinned: { url, commit: ref, path, cacheFile: file } };
  }
  if (opts.withheld !== undefined) return { withheld: opts.withheld };
  mkdirSync(opts.cacheDir, { recursive: true });
  const tmp = mkdtempSync(join(opts.cacheDir, '.fetch-'));
  try {
    const fetched = fetchCommit(tmp, url, ref, pinned);
    if ('problem' in fetched) return fetched;
    const { commit } = fetched;
    let chain: ReturnType<typeof readChain>;
    try {
      chain = readChain(tmp, commit, path);
    } catch (err) {
      // git refused to show what it fetched (a damaged pack): one line, as for a failed fetch.
      return { problem: `cannot read commit ${commit} as fetched from ${url} (${(err as Error).message})` };
    }
    if ('problem' in chain) return chain;
    const verified = verifyChain(commit, path, chain);
    if ('problem' in verified)
      return { problem: `what git fetched for commit ${commit} does not verify (${verified.problem})` };
    const file = entryFile(opts.cacheDir, commit, path);
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileAtomic(file, serialize(commit, path, chain));
    } catch {
      // A read-only cache: the run goes on with the verified text, and fetches again next time.
    }
    return { text: verified.text, pinned: { url, commit, path, cacheFile: file } };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `<cache>/<commit>/<sha256 of the path>.json`: the path is stored inside and checked on read. */
function entryFile(cacheDir: string, commit: string, path: string): string {
  return join(cacheDir, commit, `${nativeSha256(path).slice(0, 32)}.json`);
}

function serialize(commit: string, path: string, chain: ObjectChain): string {
  return `${JSON.stringify({
    format: 1,
    commit,
    path,
    objects: {
      commit: chain.commit.toString('base64'),
      trees: chain.trees.map((t) => t.toString('base64')),
      blob: chain.blob.toString('base64'),
    },
  })}\n`;
}

/** The verified text of a cache entry, why it does not verify, or undefined when there is none. */
function readEntry(
  file: string,
  commit: string,
  path: string,
): { text: string } | { problem: string } | undefined {
  let raw: string;
  try {
    if (statSync(file).size > LIMITS.policy.cachedBaseBytes)
      return { problem: 'it is larger than any entry' };
    raw = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const e = JSON.parse(raw) as {
      format?: unknown;
      commit?: unknown;
      path?: unknown;
      objects?: { commit?: unknown; trees?: unknown; blob?: unknown };
    };
    const o = e.objects;
    if (
      e.format !== 1 ||
      e.commit !== commit ||
      e.path !== path ||
      typeof o?.commit !== 'string' ||
      typeof o.blob !== 'string' ||
      !Array.isArray(o.trees) ||
      !o.trees.every((t) => typeof t === 'string')
    )
      return { problem: 'it is not an entry for this commit and path' };
    return verifyChain(commit, path, {
      commit: Buffer.from(o.commit, 'base64'),
      trees: (o.trees as string[]).map((t) => Buffer.from(t, 'base64')),
      blob: Buffer.from(o.blob, 'base64'),
    });
  } catch {
    return { problem: 'it is not JSON' };
  }
}

function fetchCommit(
  tmp: string,
  url: string,
  ref: string,
  pinned: boolean,
): { commit: string } | { problem: string } {
  try {
    // `gitDir` on each call: the fetch cache is a bare repository Slipway made, which git is told
    // of rather than left to find (it never takes a directory for a bare repository by itself).
    runGitSync(tmp, ['init', '-q', '--bare', ...(ref.length === 64 ? ['--object-format=sha256'] : [])], {
      gitDir: tmp,
    });
  } catch (err) {
    return { problem: (err as Error).message };
  }
  try {
    // `--end-of-options`: the URL and the ref are never read as options, whatever a spec held.
    runGitSync(tmp, ['fetch', '-q', '--no-tags', '--depth=1', '--end-of-options', url, ref], {
      gitDir: tmp,
      timeoutMs: FETCH_TIMEOUT_MS,
    });
  } catch (err) {
    const detail = (err as Error).message.replace(/^git fetch failed: /, '');
    return {
      problem: /not our ref|couldn't find remote ref|no such remote ref|not found/i.test(detail)
        ? `${pinned ? 'commit' : 'ref'} ${ref} is not in ${url}; check the ${pinned ? 'SHA' : 'name'}`
        : `cannot fetch ${ref} from ${url} (${detail}), and the cache does not hold it`,
    };
  }
  if (pinned) return { commit: ref };
  try {
    return {
      commit: runGitSync(tmp, ['rev-parse', 'FETCH_HEAD^{commit}'], { gitDir: tmp })
        .stdout.toString('utf8')
        .trim(),
    };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

/** The objects from `commit` to `path`, read with `git cat-file` from the fetched repository. */
function readChain(
  tmp: string,
  commit: string,
  path: string,
): ObjectChain | { problem: string; absent?: true } {
  const cat = (type: string, id: string) => runGitSync(tmp, ['cat-file', type, id], { gitDir: tmp }).stdout;
  const idBytes = commit.length === 64 ? 32 : 20;
  const commitBytes = cat('commit', commit);
  let tree = /^tree ([0-9a-f]+)\n/.exec(commitBytes.toString('latin1'))?.[1];
  const trees: Buffer[] = [];
  const segments = path.split('/');
  let blob: string | undefined;
  for (const [i, name] of segments.entries()) {
    if (tree === undefined) break;
    const bytes = cat('tree', tree);
    trees.push(bytes);
    const entry = treeEntry(bytes, name, idBytes);
    const last = i === segments.length - 1;
    if (!entry || (last ? !entry.mode.startsWith('100') : entry.mode !== '40000')) {
      tree = undefined;
      break;
    }
    if (last) blob = entry.id;
    else tree = entry.id;
  }
  if (blob === undefined) return { problem: `\`${path}\` is not a file in commit ${commit}`, absent: true };
  // Sized before it is read: a policy is a page of settings (LIMITS.policy).
  const size = Number(
    runGitSync(tmp, ['cat-file', '-s', blob], { gitDir: tmp }).stdout.toString('utf8').trim(),
  );
  if (size > LIMITS.policy.chars)
    return { problem: `\`${path}\` is ${size} bytes, more than a policy may be` };
  return { commit: commitBytes, trees, blob: cat('blob', blob) };
}
