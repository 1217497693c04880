import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const RECIPE = fileURLToPath(new URL('../../../docs/editors/neovim.lua', import.meta.url));
const HARNESS = fileURLToPath(new URL('./neovim/write-diagnostics.lua', import.meta.url));

// The README's Neovim recipe, run by a real Neovim (scripts/ensure-prerequisites.sh installs
// Debian's) against `slipway-lsp` found on PATH, as a user would have it.
describe('the Neovim recipe', () => {
  const repo = new FixtureRepo();
  const bin = mkdtempSync(join(tmpdir(), 'slipway-nvim-bin-'));
  afterAll(() => {
    repo.remove();
    rmSync(bin, { recursive: true, force: true });
  });

  it('attaches the server to a file of the repository and shows its findings', () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    expect(version.error, 'nvim is missing: run scripts/ensure-prerequisites.sh').toBeUndefined();
    symlinkSync(SERVER, join(bin, 'slipway-lsp'));
    const out = join(bin, 'diagnostics.json');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      SLIPWAY_NVIM_OUT: out,
    };
    delete env.NODE_PATH;
    execFileSync(
      'nvim',
      [
        '--headless',
        '-u',
        'NONE',
        '-i',
        'NONE',
        '--cmd',
        `luafile ${RECIPE}`,
        '-c',
        `luafile ${HARNESS}`,
        'config/update.toml',
      ],
      { cwd: repo.dir, env, timeout: 60_000, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      ok: boolean;
      clients: string[];
      items: { line: number; code: string; message: string }[];
    };
    expect(result.clients).toEqual(['slipway']);
    expect(result.ok).toBe(true);
    expect(result.items.map((d) => [d.code, d.line])).toEqual([['UPD004', 2]]);
  });
});
