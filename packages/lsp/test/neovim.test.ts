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

const MESSAGES = fileURLToPath(new URL('./neovim/record-messages.lua', import.meta.url));

interface NeovimResult {
  ok: boolean;
  clients: string[];
  items: { line: number; code: string; message: string }[];
  messages: string[];
}

// The README's Neovim recipe, run by a real Neovim (scripts/ensure-prerequisites.sh installs
// Debian's) against `slipway-lsp` found on PATH, as a user would have it: as it is (the server
// is not told the repository is trusted: Restricted Mode, said once), and with the one line that
// trusts it (`vim.g.slipway_trusted`).
describe('the Neovim recipe', () => {
  const repo = new FixtureRepo();
  const bin = mkdtempSync(join(tmpdir(), 'slipway-nvim-bin-'));
  symlinkSync(SERVER, join(bin, 'slipway-lsp'));
  afterAll(() => {
    repo.remove();
    rmSync(bin, { recursive: true, force: true });
  });

  function runNeovim(before: string[]): NeovimResult {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    expect(version.error, 'nvim is missing: run scripts/ensure-prerequisites.sh').toBeUndefined();
    const out = join(bin, 'diagnostics.json');
    rmSync(out, { force: true });
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
        ...before.flatMap((c) => ['--cmd', c]),
        '--cmd',
        `luafile ${MESSAGES}`,
        '--cmd',
        `luafile ${RECIPE}`,
        '-c',
        `luafile ${HARNESS}`,
        'config/update.toml',
      ],
      { cwd: repo.dir, env, timeout: 60_000, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  }

  it('attaches the server to a file of the repository and shows its findings; untrusted, it says Restricted Mode once', () => {
    const result = runNeovim([]);
    expect(result.clients).toEqual(['slipway']);
    expect(result.ok).toBe(true);
    expect(result.items.map((d) => [d.code, d.line])).toEqual([['UPD004', 2]]);
    const restricted = result.messages.filter((m) => /Restricted Mode/.test(m));
    expect(restricted).toHaveLength(1);
    expect(restricted[0]).toMatch(/workspaceTrusted: true/);
  });

  it('with the one line that trusts the repository, the server is trusted and says nothing of Restricted Mode', () => {
    const result = runNeovim([`lua vim.g.slipway_trusted = { '${repo.dir}' }`]);
    expect(result.clients).toEqual(['slipway']);
    expect(result.items.map((d) => [d.code, d.line])).toEqual([['UPD004', 2]]);
    expect(result.messages.filter((m) => /Restricted Mode/.test(m))).toEqual([]);
  });
});
