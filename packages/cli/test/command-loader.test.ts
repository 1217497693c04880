import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../test/helpers/git-repo.js';

// The built CLI, copied so that its code cache can be removed, spoilt and blocked without
// touching the dist/ other tests run. The copy sits inside packages/cli so that the packages
// the bundles require resolve as they do from dist/.
const cliDir = fileURLToPath(new URL('..', import.meta.url));
let dist: string;
let repo: TempRepo;

beforeAll(() => {
  dist = mkdtempSync(join(cliDir, '.test-dist-'));
  for (const f of ['slipway.mjs', 'commands'])
    cpSync(join(cliDir, 'dist', f), join(dist, f), { recursive: true });
  repo = new TempRepo({
    'slipway.yaml': 'version: 1\nprotected:\n  label: ok\n  paths: [core/]\n',
    'core/a.txt': 'a\n',
  });
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature/x');
  repo.write({ 'core/b.txt': 'b\n' }).commit('change');
});

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  repo.dispose();
});

function check(...extra: string[]) {
  const r = spawnSync(
    process.execPath,
    [
      join(dist, 'slipway.mjs'),
      'check',
      '--repo',
      repo.dir,
      '--label',
      'other',
      '--format',
      'json',
      ...extra,
    ],
    {
      env: { ...process.env, SLIPWAY_TRACE_LOAD: '1', GITHUB_EVENT_PATH: '', GITHUB_HEAD_REF: '' },
      encoding: 'utf8',
    },
  );
  const files = r.status === 1 ? JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file) : [];
  return { code: r.status, stderr: r.stderr, files };
}

const cacheFiles = () => {
  try {
    return readdirSync(join(dist, '.code-cache')).filter((f) => f.startsWith('check-'));
  } catch {
    return [];
  }
};

describe('command bundles and their code cache', () => {
  it('the first run compiles and writes the cache; the next uses it, with the same answer', () => {
    rmSync(join(dist, '.code-cache'), { recursive: true, force: true });
    const first = check();
    expect(first.stderr).toContain('check bundle, code cache absent');
    expect(first.files).toEqual(['core/b.txt']);
    expect(cacheFiles()).toHaveLength(1);
    const second = check();
    expect(second.stderr).toContain('check bundle, code cache used');
    expect(second.files).toEqual(['core/b.txt']);
  });

  it("the build's cache starts the first run; that run writes a fuller one, used from then on", () => {
    rmSync(join(dist, '.code-cache'), { recursive: true, force: true });
    cpSync(join(cliDir, 'dist', '.code-cache'), join(dist, '.code-cache'), {
      recursive: true,
      filter: (src) => !src.endsWith('.bin') || src.endsWith('.build.bin'),
    });
    expect(cacheFiles().filter((f) => f.endsWith('.build.bin'))).toHaveLength(1);
    const first = check();
    expect(first.stderr).toContain('check bundle, code cache used (the build wrote it)');
    expect(first.files).toEqual(['core/b.txt']);
    expect(cacheFiles().filter((f) => !f.endsWith('.build.bin'))).toHaveLength(1);
    expect(check().stderr).toContain('check bundle, code cache used\n');
  });

  it('a spoilt cache is refused by V8 and rewritten; the command is unaffected', () => {
    check();
    const [name] = cacheFiles();
    const file = join(dist, '.code-cache', name as string);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const r = check();
    expect(r.stderr).toContain('check bundle, code cache rejected');
    expect(r.files).toEqual(['core/b.txt']);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(check().stderr).toContain('check bundle, code cache used');
  });

  it('a cache directory that cannot be written means no cache, not a failure', () => {
    rmSync(join(dist, '.code-cache'), { recursive: true, force: true });
    writeFileSync(join(dist, '.code-cache'), 'not a directory\n');
    try {
      for (let i = 0; i < 2; i++) {
        const r = check();
        expect(r.stderr).toContain('check bundle, code cache absent');
        expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.files).toEqual(['core/b.txt']);
      }
    } finally {
      rmSync(join(dist, '.code-cache'), { force: true });
    }
  });

  it('a cache of another build of the bundle is never used for this one', () => {
    check();
    const commands = join(dist, 'commands', 'check.cjs');
    const original = readFileSync(commands, 'utf8');
    try {
      // Same length, different text: V8's own check compares lengths only; the file name's hash does not.
      writeFileSync(commands, original.replace('Usage: slipway check', 'USAGE: slipway check'));
      const r = check();
      expect(r.stderr).toContain('check bundle, code cache absent');
      expect(r.files).toEqual(['core/b.txt']);
      expect(cacheFiles()).toHaveLength(1);
    } finally {
      writeFileSync(commands, original);
    }
  });

  it('--debug loads the bundle through Node, with source maps, and writes no cache', () => {
    rmSync(join(dist, '.code-cache'), { recursive: true, force: true });
    const r = check('--debug');
    expect(r.stderr).not.toContain('code cache');
    expect(r.files).toEqual(['core/b.txt']);
    expect(cacheFiles()).toHaveLength(0);
  });
});
