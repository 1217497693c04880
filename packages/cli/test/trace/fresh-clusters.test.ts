import { readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';

const PGLITE_DIST = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
import { LIMITS } from '@slipway/policy-core';
import { FreshClusters } from '@slipway/policy-core/node';

/**
 * The trace's clusters: the first is initialised and leaves a snapshot in the cache; later ones
 * (another process, here another FreshClusters) start from it; a snapshot that is not one is
 * dropped, and the cluster initialised as before.
 */
describe('fresh PGlite clusters for the trace', () => {
  const cache = mkdtempSync(join(tmpdir(), 'slipway-cluster-cache-'));
  const env = { SLIPWAY_CACHE_DIR: cache };
  const snapshots = () => readdirSync(join(cache, 'pglite')).filter((f) => f.endsWith('.tar.gz'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('initialises the first, and keeps a snapshot of it, taken before anything ran on it', async () => {
    const db = await new FreshClusters(env, PGLITE_DIST).create(PGlite);
    try {
      await db.exec('CREATE TABLE after_snapshot (id int)');
    } finally {
      await db.close();
    }
    expect(snapshots()).toHaveLength(1);
    const next = await new FreshClusters(env, PGLITE_DIST).create(PGlite);
    try {
      const tables = await next.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rows).toEqual([{ n: 0 }]);
    } finally {
      await next.close();
    }
  }, 60_000);

  it('starts another process’s cluster from the snapshot in the cache', async () => {
    // A snapshot that holds a table a fresh cluster has not: seen only if the snapshot was loaded.
    // Made from the cached one (initialising another cluster for it cost as much as the rest).
    const [name] = snapshots();
    const file = join(cache, 'pglite', name as string);
    const marked = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
    await marked.exec('CREATE TABLE from_the_snapshot (id int)');
    const dump = Buffer.from(await (await marked.dumpDataDir('gzip')).arrayBuffer());
    await marked.close();
    writeFileSync(file, dump);
    const db = await new FreshClusters(env, PGLITE_DIST).create(PGlite);
    try {
      const found = await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'from_the_snapshot'");
      expect(found.rows).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('drops a snapshot that is not one, initialises the cluster and writes a good one', async () => {
    const [name] = snapshots();
    const file = join(cache, 'pglite', name as string);
    writeFileSync(file, 'not a tar');
    const db = await new FreshClusters(env, PGLITE_DIST).create(PGlite);
    try {
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      const marked = await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'from_the_snapshot'");
      expect(marked.rows).toEqual([]);
    } finally {
      await db.close();
    }
    const again = await new FreshClusters(env, PGLITE_DIST).create(PGlite);
    await again.close();
    expect(snapshots()).toEqual([name]);
  }, 60_000);

  it('never reads a snapshot past its size limit: the cluster is initialised and the file replaced', async () => {
    const [name] = snapshots();
    const file = join(cache, 'pglite', name as string);
    truncateSync(file, LIMITS.traceSnapshot.bytes + 1);
    const db = await new FreshClusters(env, PGLITE_DIST).create(PGlite);
    try {
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(statSync(file).size).toBeLessThan(LIMITS.traceSnapshot.bytes);
  }, 60_000);
});
