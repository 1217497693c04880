import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyText } from '@slipway/policy-core';
import { withBases } from '@slipway/policy-core/node';
import { BASE, MeasuredWorkspaces, notFetched } from './helpers/measured-workspace.js';
import type { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * Issue 55 (2): a base fetched earlier (by a trusted session of the same user) is read in an
 * untrusted workspace from the verified cache: no process, no network, no write, since the entry
 * is re-hashed against the pin the policy names. Near miss: the cache lacks it, so it is withheld.
 */

let ws: MeasuredWorkspaces;
beforeAll(async () => {
  ws = await MeasuredWorkspaces.start();
});
afterAll(() => ws.dispose());

describe('a base fetched earlier, in the verified cache', () => {
  let forge: FixtureRepo;
  let sha: string;
  let cache: string;
  let spec: string;

  beforeAll(() => {
    forge = ws.repo({ 'base.yaml': BASE });
    sha = forge.git('rev-parse', 'HEAD').trim();
    const bare = join(ws.temp('slipway-forge-'), 'policies.git');
    forge.git('clone', '-q', '--bare', forge.dir, bare);
    spec = `git+file://${bare}#base.yaml@${sha}`;
    cache = ws.temp('slipway-cache-');
    // Fetched once, trusted (as a trusted session of the same user would have).
    const doc = parsePolicyText(`version: 1\nextends: ${spec}\n`, 'slipway.yaml').document;
    if (!doc) throw new Error('the policy does not parse');
    const fetched = withBases(doc, {
      readLocal: () => undefined,
      env: { SLIPWAY_CACHE_DIR: cache, SLIPWAY_ALLOW_FILE_BASES: '1' },
    });
    expect(fetched.findings).toEqual([]);
    // Gone: from here on only the cache can answer.
    rmSync(bare, { recursive: true, force: true });
  });

  it('is read untrusted with no process: its migrations section judges the open migration', async () => {
    const repo = ws.withPolicy(spec);
    const opened = await ws.open(repo, 'unsaid', { SLIPWAY_CACHE_DIR: cache, SLIPWAY_ALLOW_FILE_BASES: '1' });
    expect(opened.spawned).toEqual([]);
    expect(opened.cacheWritten).toEqual([]);
    expect(notFetched(opened.policy)).toEqual([]);
    expect(opened.migration.map((d) => d.code)).toContain('MIG001');
  });

  it('near miss: with an empty cache the same base is withheld, and the migration is judged without it', async () => {
    const repo = ws.withPolicy(spec);
    const empty = join(ws.temp('slipway-cache-parent-'), 'cache');
    const opened = await ws.open(repo, 'unsaid', { SLIPWAY_CACHE_DIR: empty, SLIPWAY_ALLOW_FILE_BASES: '1' });
    expect(opened.spawned).toEqual([]);
    expect(existsSync(empty)).toBe(false);
    expect(notFetched(opened.policy)).toHaveLength(1);
    expect(opened.migration.map((d) => d.code)).not.toContain('MIG001');
  });
});
