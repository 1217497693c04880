import { readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Finding } from '../../finding.js';
import type { PolicyDocument } from '../../policy/document.js';
import type { GitRepository } from '../../policy/extends/extends-spec.js';
import { type ReadBase, resolveExtends } from '../../policy/extends/resolve-extends.js';
import { readBlobsAt } from '../git/base-reader.js';
import { slipwayCacheDir } from '../user-cache-dir.js';
import { readNpmPackageFile } from './npm-package-file.js';
import { readPinnedGitFile } from './pinned-git-file.js';

export interface ExtendsHostOptions {
  /** Reads a file of the policy's own repository, at the policy's commit (the tree, or a change's base). */
  readLocal: (path: string) => string | undefined;
  /** SLIPWAY_CACHE_DIR, XDG_CACHE_HOME, HOME, SLIPWAY_GITHUB_URL, SLIPWAY_ALLOW_UNPINNED. */
  env?: Readonly<Record<string, string | undefined>>;
}

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
  const host = (env.SLIPWAY_GITHUB_URL || 'https://github.com').replace(/\/+$/, '');
  return `${host}/${repository.owner}/${repository.name}.git`;
}

/** The Node host's reader of bases: repository files through `readLocal`, git files through the verified cache. */
export function nodeReadBase(opts: ExtendsHostOptions): ReadBase {
  const env = opts.env ?? process.env;
  return (spec) => {
    if (spec.kind === 'local') {
      const text = opts.readLocal(spec.path);
      return text === undefined ? { problem: 'no such file in the repository', absent: true } : { text };
    }
    const cache = slipwayCacheDir(env);
    if (!cache) return { problem: 'there is no cache directory to keep it in; set SLIPWAY_CACHE_DIR' };
    const cached = { cacheDir: join(cache, 'extends'), allowUnpinned: env.SLIPWAY_ALLOW_UNPINNED === '1' };
    if (spec.kind === 'npm')
      return readNpmPackageFile(spec.name, spec.version, spec.path, spec.integrity, cached);
    return readPinnedGitFile(gitUrlOf(spec.repository, env), spec.ref, spec.path, cached);
  };
}

/** `doc` merged over its bases (resolveExtends with the Node reader), or one POL001 finding. */
export function withBases(
  doc: PolicyDocument,
  opts: ExtendsHostOptions,
): { document: PolicyDocument; findings: [] } | { findings: Finding[] } {
  return resolveExtends(doc, nodeReadBase(opts));
}

/** A file of the working tree at `root`, read only when it resolves inside the repository (no link out). */
export function readTreeFile(root: string): (path: string) => string | undefined {
  return (path) => {
    try {
      const real = realpathSync(join(root, path));
      if (!real.startsWith(realpathSync(root) + sep)) return undefined;
      return readFileSync(real, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** `withBases` for a policy as of `commit`: a base file of the repository is read at that commit too. */
export function basesAtCommit(
  root: string,
  commit: string,
): (doc: PolicyDocument) => ReturnType<typeof withBases> {
  return (doc) => withBases(doc, { readLocal: (path) => readBlobsAt(root, commit, [path]).get(path) });
}
