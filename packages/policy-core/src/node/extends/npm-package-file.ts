import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../limits.js';
import type { BaseText } from '../../policy/extends/resolve-extends.js';
import { writeFileAtomic } from '../atomic-write.js';
import { nativeSha256 } from '../native-sha256.js';
import { fileInTarball } from './tar-file.js';

/** `npm pack` that has not answered by then (a registry that never does) fails instead of hanging the check. */
const PACK_TIMEOUT_MS = 60_000;

export interface NpmFileOptions {
  /** `extends/` under the user's cache (slipwayCacheDir). */
  cacheDir: string;
  /** Accept a version without its integrity (`--allow-unpinned`): fetched on every run. */
  allowUnpinned: boolean;
  /** Set: fetch nothing (no npm, no network, no write); a package the cache lacks is withheld with this reason. */
  withheld?: string;
}

const integrityOf = (bytes: Uint8Array) =>
  `sha512-${process.getBuiltinModule('node:crypto').createHash('sha512').update(bytes).digest('base64')}`;

/**
 * `path` inside the npm package NAME@VERSION, whose tarball must hash to `integrity` (npm's
 * `sha512-…`, pinned in the spec). The tarball is kept in the cache under its integrity and
 * hashed again on every read, so a tampered copy is refused; a miss runs `npm pack` (the
 * ordinary client: its registry, its authentication, its own integrity check against the
 * registry) into a temporary directory, and the tarball is cached only once it hashed right.
 */
export function readNpmPackageFile(
  name: string,
  version: string,
  path: string,
  integrity: string | undefined,
  opts: NpmFileOptions,
): BaseText {
  const id = `${name}@${version}`;
  if (integrity === undefined && !opts.allowUnpinned)
    return {
      problem: `a version alone is not a pin; add the tarball's integrity (\`npm view ${id} dist.integrity\`) as \`#sha512-…\`, or pass --allow-unpinned`,
    };
  const cacheFile =
    integrity === undefined
      ? undefined
      : join(opts.cacheDir, 'npm', `${nativeSha256(integrity).slice(0, 32)}.tgz`);
  if (cacheFile !== undefined && integrity !== undefined) {
    const cached = readCached(cacheFile);
    if (cached !== undefined) {
      if (integrityOf(cached) !== integrity)
        return {
          problem: `the cached copy ${cacheFile} does not hash to ${integrity}: it was altered; delete it to fetch the base again`,
        };
      return fromTarball(cached, id, path, { url: `npm:${id}`, commit: integrity, path, cacheFile });
    }
  }
  if (opts.withheld !== undefined) return { withheld: opts.withheld };
  mkdirSync(opts.cacheDir, { recursive: true });
  const tmp = mkdtempSync(join(opts.cacheDir, '.pack-'));
  try {
    let packed: string;
    try {
      packed = execFileSync('npm', ['pack', id, '--json', '--ignore-scripts', '--pack-destination', tmp], {
        cwd: tmp,
        encoding: 'utf8',
        timeout: PACK_TIMEOUT_MS,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      const stderr = String((err as { stderr?: unknown }).stderr ?? '');
      // npm's first line that says what happened (not its code, errno, stack or log-file lines).
      const line = stderr
        .split('\n')
        .find(
          (l) =>
            /^npm (error|ERR!) /.test(l) &&
            !/^npm (error|ERR!) +(code|errno|syscall|at |A complete log)/.test(l),
        );
      return {
        problem: `npm pack ${id} failed (${(line ?? (err as Error).message).replace(/^npm (error|ERR!)\s*/, '').trim()}), and the cache does not hold it`,
      };
    }
    const file = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!file) return { problem: `npm pack ${id} wrote no tarball (${packed.slice(0, 200)})` };
    const bytes = readFileSync(join(tmp, file));
    const got = integrityOf(bytes);
    if (integrity !== undefined && got !== integrity)
      return { problem: `the registry's ${id} hashes to ${got}, not the pinned ${integrity}; check the pin` };
    const pinned = { url: `npm:${id}`, commit: got, path, cacheFile: cacheFile ?? '' };
    const text = fromTarball(bytes, id, path, pinned);
    if ('text' in text && cacheFile !== undefined) {
      try {
        mkdirSync(join(cacheFile, '..'), { recursive: true });
        writeFileAtomic(cacheFile, bytes);
      } catch {
        // A read-only cache: the run goes on with the verified text, and fetches again next time.
      }
    }
    return text;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function readCached(file: string): Buffer | undefined {
  try {
    if (statSync(file).size > LIMITS.policy.cachedBaseBytes) return Buffer.alloc(0);
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function fromTarball(
  bytes: Uint8Array,
  id: string,
  path: string,
  pinned: NonNullable<Extract<BaseText, { text: string }>['pinned']>,
): BaseText {
  let file: Buffer | undefined;
  try {
    file = fileInTarball(bytes, `package/${path}`);
  } catch (err) {
    return { problem: `the tarball of ${id} cannot be read (${(err as Error).message})` };
  }
  if (file === undefined) return { problem: `\`${path}\` is not a file of ${id}`, absent: true };
  if (file.length > LIMITS.policy.chars) return { problem: `\`${path}\` is larger than a policy may be` };
  return { text: file.toString('utf8'), pinned };
}
