// Whether the bundles scripts/build.mjs last wrote are still what it would write now, as make
// decides: every file the last build read (esbuild's metafiles name them all, dependencies in
// node_modules included) and every file it wrote has the same size and change time as then, and
// what the build computes beside the files (the source hash, the entry points) is the same.
// Every test run starts with a build (test/global-setup.ts); most find nothing changed, and
// skipping esbuild then saves about 1.6 s of each run. A file's change time (ctime) moves on every
// write, rename or copy, whatever its modification time is set to afterwards.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FORMAT = 2;

/** size:ctime of a file, or null when it is gone. */
function fingerprint(path) {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.size}:${s.ctimeNs}`;
  } catch {
    return null;
  }
}

/**
 * @param {string} stampPath where the last build's stamp is
 * @param {string} key what the build computes besides its inputs (source hash, version, entry points)
 * @returns {Set<string> | undefined} the files the last build wrote (absolute) when its inputs and
 *   outputs are all as it left them (the build is skipped, and keeps those), else undefined
 */
export function upToDateOutputs(stampPath, key) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return undefined;
  }
  if (stamp?.format !== FORMAT || stamp.key !== key || typeof stamp.files !== 'object') return undefined;
  if (!Array.isArray(stamp.outputs)) return undefined;
  for (const [path, print] of Object.entries(stamp.files)) if (fingerprint(path) !== print) return undefined;
  return new Set(stamp.outputs);
}

/**
 * @param {string} root the metafiles' paths are relative to it
 * @param {string[]} inputs files read (relative to root, as metafiles name them, or absolute)
 * @param {string[]} outputs files written (absolute)
 */
export function writeStamp(stampPath, key, root, inputs, outputs) {
  const files = {};
  for (const path of [...inputs, ...outputs]) {
    const abs = isAbsolute(path) ? path : join(root, path);
    files[abs] = fingerprint(abs);
  }
  mkdirSync(dirname(stampPath), { recursive: true });
  const tmp = `${stampPath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ format: FORMAT, key, files, outputs }));
  renameSync(tmp, stampPath);
}

/** A build that fails or is interrupted leaves no stamp: the next one builds everything. */
export function dropStamp(stampPath) {
  rmSync(stampPath, { force: true });
}

/** What shapes the bundles besides the sources they read: the build's scripts, the lock, tsconfig and package files. */
export function buildConfigFiles(root) {
  const here = dirname(fileURLToPath(import.meta.url));
  const packages = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p));
  return [
    ...['build.mjs', 'build-cli.mjs', 'barrel-imports.mjs', 'stale-chunks.mjs', 'build-stamp.mjs'].map((f) =>
      join(here, f),
    ),
    join(root, 'pnpm-lock.yaml'),
    join(root, 'package.json'),
    join(root, 'tsconfig.json'),
    ...packages
      .flatMap((p) => [join(p, 'package.json'), join(p, 'tsconfig.json')])
      .filter((f) => existsSync(f)),
  ];
}

/** Every file below `path` (itself, when it is a file): a directory the build copies whole. */
export function filesUnder(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}
