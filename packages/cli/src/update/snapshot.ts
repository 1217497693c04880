import { createHash } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { refusedDir } from './dirs-inside.js';
import { join } from 'node:path';
import { writeFileAtomic } from '@slipway/policy-core/node';
import { describeFailure, runProcess } from './run-process.js';
import { StepError } from './step-error.js';

/**
 * Pre-flight snapshot (the step before anything is changed): the code tree (everything but .git, the backups and the
 * persistence directory) and the profile's persistence directory, each as a tar archive under
 * `<backup_dir>/<timestamp>/`, with a manifest of their SHA-256 so that a damaged backup is never
 * restored over a working installation.
 */
export interface SnapshotLayout {
  root: string;
  /** Repo-relative directories that are not code: never archived with it, never wiped. */
  keep: string[];
  backupDir: string;
  persistenceDir: string;
  profile: string;
}

export interface Snapshot {
  dir: string;
  head: string;
  /** The branch HEAD was on, or null for a detached HEAD. */
  branch: string | null;
  codeSha256: string;
  /** null when the profile had no persistence directory yet. */
  persistenceSha256: string | null;
}

const TAR_TIMEOUT_MS = 30 * 60_000;

export async function createSnapshot(
  layout: SnapshotLayout,
  env: Record<string, string | undefined>,
  now: Date,
  head: string,
  branch: string | null,
): Promise<Snapshot> {
  const refused = refusedDir(layout.root, [layout.backupDir, layout.persistenceDir]);
  if (refused) throw new StepError('snapshot', refused);
  const base = join(layout.root, layout.backupDir);
  const dir = uniqueDir(
    base,
    now
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z'),
  );
  const profileDir = join(layout.root, layout.persistenceDir, layout.profile);
  const hasPersistence = existsSync(profileDir);
  try {
    mkdirSync(dir, { recursive: true });
    checkFreeSpace(layout, dir, hasPersistence ? profileDir : undefined);
    const code = join(dir, 'code.tar');
    await tar(
      ['-cf', code, '--anchored', ...layout.keep.map((k) => `--exclude=./${k}`), '-C', layout.root, '.'],
      layout.root,
      env,
    );
    let persistenceSha256: string | null = null;
    if (hasPersistence) {
      const p = join(dir, 'persistence.tar');
      await tar(['-cf', p, '-C', join(layout.root, layout.persistenceDir), layout.profile], layout.root, env);
      persistenceSha256 = await sha256(p);
    }
    const snap: Snapshot = { dir, head, branch, codeSha256: await sha256(code), persistenceSha256 };
    writeFileAtomic(
      join(dir, 'manifest.json'),
      `${JSON.stringify({ created_at: now.toISOString(), profile: layout.profile, ...snap }, null, 2)}\n`,
    );
    return snap;
  } catch (err) {
    // A half-written backup is worse than none: it could be restored later.
    rmSync(dir, { recursive: true, force: true });
    if (err instanceof StepError) throw err;
    throw new StepError(
      'snapshot',
      `cannot write the backup in ${layout.backupDir}: ${(err as Error).message}`,
    );
  }
}

/**
 * Puts the code tree and the profile's persistence directory back exactly as archived. The
 * archives are checked against the manifest first: nothing is removed unless they are intact.
 */
export async function restoreSnapshot(
  layout: SnapshotLayout,
  snap: Snapshot,
  env: Record<string, string | undefined>,
  withPersistence: boolean,
): Promise<void> {
  const refused = refusedDir(layout.root, [layout.backupDir, layout.persistenceDir]);
  if (refused) throw new Error(refused);
  const code = join(snap.dir, 'code.tar');
  const persistence = join(snap.dir, 'persistence.tar');
  if ((await sha256(code)) !== snap.codeSha256)
    throw new Error(`backup ${code} is damaged (checksum mismatch)`);
  if (withPersistence && snap.persistenceSha256 && (await sha256(persistence)) !== snap.persistenceSha256)
    throw new Error(`backup ${persistence} is damaged (checksum mismatch)`);
  wipe(layout.root, '', layout.keep);
  await tar(['-xpf', code, '-C', layout.root], layout.root, env);
  if (!withPersistence) return;
  const profileDir = join(layout.root, layout.persistenceDir, layout.profile);
  rmSync(profileDir, { recursive: true, force: true });
  if (snap.persistenceSha256)
    await tar(['-xpf', persistence, '-C', join(layout.root, layout.persistenceDir)], layout.root, env);
}

/** Removes everything under `dir` except the kept paths (and the directories leading to them). */
function wipe(dir: string, rel: string, keep: readonly string[]): void {
  for (const entry of readdirSync(dir)) {
    const path = rel ? `${rel}/${entry}` : entry;
    if (keep.includes(path)) continue;
    const abs = join(dir, entry);
    if (keep.some((k) => k.startsWith(`${path}/`)) && lstatSync(abs).isDirectory()) wipe(abs, path, keep);
    else rmSync(abs, { recursive: true, force: true });
  }
}

async function tar(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<void> {
  const argv = ['tar', ...args];
  const r = await runProcess(argv, { cwd, env, timeoutMs: TAR_TIMEOUT_MS });
  if (r.code === 0) return;
  // tar's first complaint names the cause ("Cannot write: No space left on device"); its last
  // line is only "Error is not recoverable".
  const first = r.stderr.split('\n').find((l) => l.trim() && !/not recoverable/.test(l));
  const why = first?.trim() ?? describeFailure(argv, r);
  throw new StepError('snapshot', `tar ${args[0]} failed (exit ${r.code ?? r.failure}): ${why}`);
}

/** Refuses early, with numbers, when the backup clearly cannot fit (a full disk mid-tar is worse). */
function checkFreeSpace(layout: SnapshotLayout, target: string, profileDir: string | undefined): void {
  const needed = treeSize(layout.root, '', layout.keep) + (profileDir ? treeSize(profileDir, '', []) : 0);
  const fs = statfsSync(target);
  const free = fs.bavail * fs.bsize;
  if (free < needed + (1 << 20))
    throw new StepError(
      'snapshot',
      `not enough free space for the backup in ${layout.backupDir}: it needs about ${mib(needed)} and ${mib(free)} is free; free some space or point backup_dir elsewhere`,
    );
}

const mib = (n: number) => `${(n / (1 << 20)).toFixed(1)} MiB`;

function treeSize(dir: string, rel: string, keep: readonly string[]): number {
  let total = 0;
  for (const entry of readdirSync(dir)) {
    const path = rel ? `${rel}/${entry}` : entry;
    if (keep.includes(path)) continue;
    const st = lstatSync(join(dir, entry));
    // tar stores 512-byte blocks: a header per entry plus the padded content.
    total += 512 + Math.ceil(st.size / 512) * 512;
    if (st.isDirectory()) total += treeSize(join(dir, entry), path, keep);
  }
  return total;
}

function uniqueDir(base: string, name: string): string {
  let dir = join(base, name);
  for (let n = 2; existsSync(dir); n += 1) dir = join(base, `${name}-${n}`);
  return dir;
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
