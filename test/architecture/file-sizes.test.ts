import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';

// The file-size step of `pnpm lint` (scripts/check-file-sizes.mjs) on a small git tree that breaks
// each limit once, beside near misses it must let through: if its limits or the reason it looks
// for were mistyped, lint would pass on the real tree and this test would fail.
const script = fileURLToPath(new URL('../../scripts/check-file-sizes.mjs', import.meta.url));
const lines = (n: number, head = '') => `${head}${'x;\n'.repeat(n - head.split('\n').length + 1)}`;

describe('the file-size step of pnpm lint', () => {
  const repo = new TempRepo({});
  afterAll(() => repo.dispose());
  const files: Record<string, string> = {
    'packages/a/src/huge.ts': lines(401, '// Over 300 lines: a reason does not lift the hard limit.\n'),
    'packages/a/src/long.ts': lines(301),
    'packages/a/src/long-with-reason.ts': lines(320, '// Over 300 lines: one table the cases share.\n'),
    'packages/a/src/at-limit.ts': lines(300),
    'packages/a/test/fixtures/big-input.ts': lines(900),
    'scripts/notes.md': lines(900),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo.dir, path, '..'), { recursive: true });
    writeFileSync(join(repo.dir, path), text);
  }
  execFileSync('git', ['add', '-A'], { cwd: repo.dir });
  const r = spawnSync(process.execPath, [script, repo.dir], { encoding: 'utf8' });

  it('fails, naming each file over a limit and nothing else', () => {
    expect(r.status).toBe(1);
    const named = r.stderr
      .trim()
      .split('\n')
      .map((l) => l.split(':')[0]);
    expect(named).toEqual(['packages/a/src/huge.ts', 'packages/a/src/long.ts']);
    expect(r.stderr).toContain('huge.ts: 401 lines (at most 400)');
    expect(r.stderr).toContain('long.ts: 301 lines: split it, or say why');
  });

  it('counts code only: fixtures and other files are not measured', () => {
    expect(r.stdout).toContain('file sizes: 4 files');
  });
});
