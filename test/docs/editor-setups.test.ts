import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { LspSession, SERVER } from '../../packages/lsp/test/helpers/lsp-session.js';
import { FixtureRepo } from '../../packages/lsp/test/helpers/repo-fixture.js';
import { fencedBlocks, section } from '../helpers/markdown-blocks.js';
import { recordSpawns } from '../helpers/spawn-recorder.js';

/**
 * The README's set-ups for Helix, Zed and Sublime Text, read from its "In your editor" section:
 * each block's command, run from PATH as the editor runs it, with the initialization options that
 * editor sends from that block. With the block's trust line the server is trusted (it runs git,
 * and says nothing of Restricted Mode); without it, the same editor gets Restricted Mode, said
 * once. The Neovim recipe has its own test, in a real Neovim (packages/lsp/test/neovim.test.ts).
 */

// The TOML parser policy-core reads TOML with (a dependency of that package, not of the root).
const TOML = createRequire(new URL('../../packages/policy-core/package.json', import.meta.url))(
  '@iarna/toml',
) as { parse(text: string): unknown };

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = fencedBlocks(section(readme, 'In your editor'));

interface Setup {
  editor: string;
  line: number;
  command: string[];
  initializationOptions: Record<string, unknown>;
}

const jsonc = (text: string) => JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
const named = (text: string, editor: string) => text.startsWith(`// ${editor}:`);

function setups(): Setup[] {
  const out: Setup[] = [];
  for (const b of blocks) {
    if (b.lang === 'toml') {
      const server = (TOML.parse(b.text) as { 'language-server': Record<string, Record<string, unknown>> })[
        'language-server'
      ].slipway as { command: string; args: string[]; config?: Record<string, unknown> };
      out.push({
        editor: 'Helix',
        line: b.line,
        command: [server.command, ...server.args],
        initializationOptions: server.config ?? {},
      });
    } else if (b.lang === 'jsonc' && named(b.text, 'Zed')) {
      const server = (jsonc(b.text) as { lsp: Record<string, Record<string, unknown>> }).lsp.slipway as {
        binary: { path: string; arguments: string[] };
        initialization_options?: Record<string, unknown>;
      };
      out.push({
        editor: 'Zed',
        line: b.line,
        command: [server.binary.path, ...server.binary.arguments],
        initializationOptions: server.initialization_options ?? {},
      });
    } else if (b.lang === 'jsonc' && named(b.text, 'Sublime Text')) {
      const server = (jsonc(b.text) as { clients: Record<string, Record<string, unknown>> }).clients
        .slipway as {
        command: string[];
        initializationOptions?: Record<string, unknown>;
      };
      out.push({
        editor: 'Sublime Text',
        line: b.line,
        command: server.command,
        initializationOptions: server.initializationOptions ?? {},
      });
    }
  }
  return out;
}

describe("the README's editor set-ups", () => {
  const bin = mkdtempSync(join(tmpdir(), 'slipway-editor-bin-'));
  symlinkSync(SERVER, join(bin, 'slipway-lsp'));
  const rec = recordSpawns(['git']);
  const repo = new FixtureRepo();
  afterAll(() => {
    repo.remove();
    rec.dispose();
    rmSync(bin, { recursive: true, force: true });
  });

  /** The server as the editor starts it: the block's command from PATH, its options, nothing else said. */
  async function start(s: Setup, initializationOptions: Record<string, unknown>) {
    rec.clear();
    const env = rec.env();
    const lsp = await LspSession.start(repo.dir, {
      command: s.command,
      trusted: 'unsaid',
      initializationOptions,
      env: { PATH: `${bin}${delimiter}${env.PATH}` },
    });
    try {
      await lsp.open('config/update.toml', readFileSync(join(repo.dir, 'config/update.toml'), 'utf8'));
      const found = await lsp.pull('config/update.toml');
      return { found, messages: [...lsp.messages], git: rec.calls().length };
    } finally {
      await lsp.stop();
    }
  }

  it('are found: Helix, Zed and Sublime Text, each with the trust line', () => {
    expect(setups().map((s) => s.editor)).toEqual(['Helix', 'Zed', 'Sublime Text']);
    for (const s of setups())
      expect(s.initializationOptions, `README.md:${s.line}`).toEqual({ workspaceTrusted: true });
  });

  for (const s of setups()) {
    it(`${s.editor} (README.md:${s.line}): trusted with its trust line, it runs git and finds UPD004`, async () => {
      const { found, messages, git } = await start(s, s.initializationOptions);
      expect(found.map((d) => d.code)).toContain('UPD004');
      expect(messages.filter((m) => /Restricted Mode/.test(m))).toEqual([]);
      expect(git).toBeGreaterThan(0);
    });

    it(`${s.editor} without the trust line: Restricted Mode, said once, no git; findings in the open file still shown`, async () => {
      const { found, messages, git } = await start(s, {});
      expect(found.map((d) => d.code)).toContain('UPD004');
      expect(messages.filter((m) => /Restricted Mode/.test(m))).toHaveLength(1);
      expect(git).toBe(0);
    });
  }
});
