import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { filesUnder, versionsOf } from './alembic-project.js';

// The worker pool on real histories: every Alembic history of the corpus cache (OpenStack's
// Debian packages, scripts/fetch-corpus.sh; Glance's committed copy where the cache is empty) in
// one repository, checked with `--jobs 1` and with the pool forced on. The reports must be the
// same bytes: revisions read on a worker thread (and sent back as JSON) or on the main thread's
// share must make the same findings as those read on the main thread alone.
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);
const cached = existsSync(CACHE) ? readdirSync(CACHE).sort() : [];
const trees: [string, string][] = (cached.length > 0 ? cached : ['glance']).flatMap((name) => {
  const versions = versionsOf(name);
  return versions === undefined ? [] : [[name, versions] as [string, string]];
});

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

describe('the worker pool on the real Alembic corpus', () => {
  it(`gives the main thread's report byte for byte (${trees.length} histories)`, () => {
    const files: Record<string, string> = {
      'slipway.yaml': `version: 1\nmigrations:\n  alembic: [${trees.map(([n]) => `"${n}"`).join(', ')}]\n`,
    };
    for (const [name, versions] of trees) Object.assign(files, filesUnder(versions, `${name}/`));
    const r = new TempRepo(files);
    repos.push(r);
    r.commit('histories');
    const run = (jobs: string) =>
      slipway(['check', '--tree', '--format', 'json', '--no-cache', '--debug', '--jobs', jobs], {
        cwd: r.dir,
        env: { SLIPWAY_WORKER_MIN_CHARS: '0' },
      });
    const alone = run('1');
    const pooled = run('2');
    expect(pooled.stderr).toMatch(/worker pool: 1 threads for \d+ files/);
    expect(pooled.stderr).toMatch(/worker pool: done, 0 of \d+ files not read/);
    expect(JSON.parse(alone.stdout).findings.length).toBeGreaterThan(0);
    expect(pooled.stdout).toBe(alone.stdout);
    expect(pooled.code).toBe(alone.code);
  });
});
