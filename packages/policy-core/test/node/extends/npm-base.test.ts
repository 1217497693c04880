import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePolicyText } from '@slipway/policy-core';
import { withBases } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, tempDir } from '../git-fixture.js';

/**
 * `extends: npm:NAME@VERSION/PATH#sha512-…`: the base reader runs the ordinary client (`npm pack`)
 * against a stand-in registry in its own process, on 127.0.0.1, and keeps the tarball in a real
 * cache directory, hashed again on every read.
 */
const BASE =
  'version: 1\nprotected:\n  label: approved-core-change\n  paths: [ledger/]\nmax_waiver_days: 60\n';
let registry: ChildProcess;
let tarball: Buffer;
let integrity: string;
let registryUrl: string;
const saved = { registry: process.env.npm_config_registry, cache: process.env.npm_config_cache };

beforeAll(async () => {
  const pkg = tempDir('slipway-npm-pkg-');
  mkdirSync(join(pkg, 'shared'));
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@acme/policies', version: '1.2.3' }));
  writeFileSync(join(pkg, 'shared', 'base.yaml'), BASE);
  const out = tempDir('slipway-npm-out-');
  execFileSync('npm', ['pack', '--pack-destination', out, '--ignore-scripts'], { cwd: pkg, stdio: 'ignore' });
  const file = join(out, readdirSync(out)[0] as string);
  tarball = readFileSync(file);
  integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const stand = fileURLToPath(new URL('./npm-registry-stand-in.mjs', import.meta.url));
  registry = spawn(process.execPath, [stand, '@acme/policies', '1.2.3', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((done) =>
    registry.stdout?.once('data', (d: Buffer) => done(d.toString().trim())),
  );
  registryUrl = `http://127.0.0.1:${port}/`;
  process.env.npm_config_registry = registryUrl;
  process.env.npm_config_cache = tempDir('slipway-npm-cache-');
});
afterAll(() => {
  registry?.kill();
  for (const [k, v] of [
    ['npm_config_registry', saved.registry],
    ['npm_config_cache', saved.cache],
  ] as const)
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  cleanup();
});

const resolve = (spec: string, env: Record<string, string>) => {
  const parsed = parsePolicyText(
    `version: 1\nextends: "${spec}"\nprotected:\n  paths: [billing/]\n`,
    'slipway.yaml',
  );
  if (!parsed.document) throw new Error(parsed.findings[0]?.message);
  return withBases(parsed.document, { readLocal: () => undefined, env });
};
const oneLine = (r: ReturnType<typeof resolve>) => r.findings.map((f) => f.message);

describe('extends: an npm base', () => {
  it('pinned by integrity: packed once, cached, then read from the cache alone; a tampered tarball is refused', async () => {
    const cache = tempDir('slipway-cache-');
    const env = { SLIPWAY_CACHE_DIR: cache };
    const spec = `npm:@acme/policies@1.2.3/shared/base.yaml#${integrity}`;
    const r = resolve(spec, env);
    expect(oneLine(r)).toEqual([]);
    expect('document' in r && r.document.policy.protected?.paths).toEqual(['ledger/', 'billing/']);
    const cacheFile = 'document' in r ? r.document.extended?.pinned?.cacheFile : undefined;
    expect(cacheFile && readFileSync(cacheFile).equals(tarball)).toBe(true);

    // The registry stops answering: the cache alone serves the base.
    process.env.npm_config_registry = 'http://127.0.0.1:9/';
    expect(oneLine(resolve(spec, env))).toEqual([]);
    // A different tarball in its place is refused, not used.
    writeFileSync(cacheFile as string, Buffer.concat([tarball, Buffer.from([0])]));
    expect(oneLine(resolve(spec, env))[0]).toMatch(
      /the cached copy .*\.tgz does not hash to sha512-.*: it was altered; delete it/,
    );
    process.env.npm_config_registry = registryUrl;
  });

  it('a version alone, a wrong pin, a path not in the package, a version not published: one line each, nothing cached', () => {
    const cache = tempDir('slipway-cache-');
    const env = { SLIPWAY_CACHE_DIR: cache };
    expect(oneLine(resolve('npm:@acme/policies@1.2.3/shared/base.yaml', env))[0]).toContain(
      "a version alone is not a pin; add the tarball's integrity (`npm view @acme/policies@1.2.3 dist.integrity`) as `#sha512-…`, or pass --allow-unpinned.",
    );
    const allowed = resolve('npm:@acme/policies@1.2.3/shared/base.yaml', {
      ...env,
      SLIPWAY_ALLOW_UNPINNED: '1',
    });
    expect('document' in allowed && allowed.document.extended?.pinned?.commit).toBe(integrity);
    const wrong = `sha512-${createHash('sha512').update('other').digest('base64')}`;
    expect(oneLine(resolve(`npm:@acme/policies@1.2.3/shared/base.yaml#${wrong}`, env))[0]).toContain(
      `the registry's @acme/policies@1.2.3 hashes to ${integrity}, not the pinned ${wrong}; check the pin.`,
    );
    expect(oneLine(resolve(`npm:@acme/policies@1.2.3/shared/nope.yaml#${integrity}`, env))[0]).toContain(
      '`shared/nope.yaml` is not a file of @acme/policies@1.2.3.',
    );
    expect(oneLine(resolve(`npm:@acme/policies@9.9.9/shared/base.yaml#${integrity}`, env))[0]).toMatch(
      /npm pack @acme\/policies@9\.9\.9 failed \(.+\), and the cache does not hold it\.$/,
    );
    expect(readdirSync(join(cache, 'extends')).filter((f) => !f.startsWith('.'))).toEqual([]);
    expect(readdirSync(join(cache, 'extends')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
