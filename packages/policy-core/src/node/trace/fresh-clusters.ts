import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LIMITS } from '../../limits.js';
import { slipwayCacheDir } from '../user-cache-dir.js';
import type { TraceDb } from './run-trace.js';

/** What this needs of PGlite (the host's optional dependency, never loaded here): its own API. */
export interface PgliteClass {
  create(options?: {
    loadDataDir?: Blob;
    /** PGlite's extension bundles by name (`contrib/uuid_ossp`'s `uuid_ossp`…): ready to be created. */
    extensions?: Record<string, unknown>;
  }): Promise<TraceDb & { dumpDataDir(compression: 'gzip'): Promise<Blob> }>;
}

/**
 * Fresh in-memory PGlite clusters, one per trace. PGlite runs initdb at every start (about 1.5 s
 * of a 2-core machine's time); a cluster loaded from a snapshot of one just initialised starts in
 * about 0.4 s. The snapshot is taken once, from a fresh cluster before anything runs on it, and
 * kept in memory (the language server traces again and again) and in the user's cache
 * (`slipwayCacheDir`, outside every repository, like the check's result cache: trusted as the
 * user's own files are), keyed by the PGlite build. A snapshot that cannot be read or loaded is
 * dropped and the cluster initialised as before.
 */
export class FreshClusters {
  private kept: { key: string; snapshot: Blob } | undefined;

  /** `pgliteDist`: the directory of PGlite's WASM and data files (its build is the snapshot's key). */
  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly pgliteDist: string | undefined,
  ) {}

  /**
   * `extensions` are loaded into the cluster's files, not its data directory: the snapshot, taken
   * before any is created, serves every set of them.
   */
  async create(PGlite: PgliteClass, extensions: Record<string, unknown> = {}): Promise<TraceDb> {
    const key = pgliteBuild(this.pgliteDist);
    if (key === undefined) return PGlite.create({ extensions });
    const file = snapshotFile(this.env, key);
    const known = this.kept?.key === key ? this.kept.snapshot : readSnapshot(file);
    if (known) {
      try {
        const db = await PGlite.create({ loadDataDir: known, extensions });
        this.kept = { key, snapshot: known };
        return db;
      } catch {
        if (file) rmSync(file, { force: true });
      }
    }
    const db = await PGlite.create({ extensions });
    try {
      const snapshot = await db.dumpDataDir('gzip');
      this.kept = { key, snapshot };
      if (file) writeAtomically(file, Buffer.from(await snapshot.arrayBuffer()));
    } catch {
      // A cache that cannot be written: the next process initialises its cluster again.
    }
    return db;
  }
}

/** Size and change time of PGlite's WASM and data files: another install, another snapshot. */
function pgliteBuild(dist: string | undefined): string | undefined {
  if (dist === undefined) return undefined;
  try {
    return ['pglite.wasm', 'pglite.data']
      .map((name) => {
        const s = statSync(join(dist, name));
        return `${s.size}-${Math.round(s.mtimeMs)}`;
      })
      .join('-');
  } catch {
    return undefined;
  }
}

function snapshotFile(env: Readonly<Record<string, string | undefined>>, key: string): string | undefined {
  const dir = slipwayCacheDir(env);
  return dir ? join(dir, 'pglite', `fresh-cluster-${key}.tar.gz`) : undefined;
}

function readSnapshot(file: string | undefined): Blob | undefined {
  if (!file) return undefined;
  try {
    const s = statSync(file);
    if (!s.isFile() || s.size > LIMITS.traceSnapshot.bytes) return undefined;
    return new Blob([readFileSync(file)]);
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
