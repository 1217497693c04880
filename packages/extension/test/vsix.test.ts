import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from '../../lsp/test/helpers/lsp-session.js';
import { FixtureRepo } from '../../lsp/test/helpers/repo-fixture.js';

const EXTENSION = fileURLToPath(new URL('..', import.meta.url));
const VSCE = join(EXTENSION, 'node_modules/@vscode/vsce/vsce');

interface Command {
  command: string;
  title: string;
  category?: string;
  enablement?: string;
}

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    commands: Command[];
    configuration: { properties: Record<string, { scope?: string }> };
    yamlValidation: { fileMatch: string[]; url: string }[];
    jsonValidation: { fileMatch: string[]; url: string }[];
  };
  dependencies?: unknown;
  capabilities: { untrustedWorkspaces: { supported: unknown } };
}

/** Packages the extension exactly as a release does, then unpacks the .vsix to look inside. */
describe('the .vsix', () => {
  const out = mkdtempSync(join(tmpdir(), 'slipway-vsix-'));
  const unpacked = join(out, 'unpacked');
  let files: string[];
  let manifest: Manifest;

  beforeAll(() => {
    const vsix = join(out, 'slipway.vsix');
    execFileSync(
      process.execPath,
      [VSCE, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix],
      { cwd: EXTENSION, stdio: 'pipe' },
    );
    // Python's zipfile reads the archive: no unzip binary needed.
    execFileSync('python3', ['-m', 'zipfile', '-e', vsix, unpacked]);
    const list = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
    files = execFileSync('python3', ['-c', list, vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
    manifest = JSON.parse(readFileSync(join(unpacked, 'extension/package.json'), 'utf8'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds the bundles and the WASM parser, and no sources', () => {
    for (const f of [
      'extension/dist/extension.js',
      'extension/dist/server.mjs',
      'extension/dist/node_modules/libpg-query/package.json',
      'extension/dist/node_modules/libpg-query/wasm/libpg-query.wasm',
      'extension/dist/node_modules/@pgsql/types/package.json',
      'extension/readme.md',
    ]) {
      expect(files).toContain(f);
    }
    expect(
      files.filter((f) => /\/(src|test)\/|\.ts$|node_modules\/(?!libpg-query\/|@pgsql\/types\/)/.test(f)),
    ).toEqual([]);
  });

  it('activates on a policy file, registers every command it contributes, and ships no dependencies', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.activationEvents).toContain('workspaceContains:slipway.yaml');
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    const bundle = readFileSync(join(unpacked, 'extension/dist/extension.js'), 'utf8');
    // An id is registerCommand's literal argument, or a key of the table of those that need trust
    // (src/extension.ts), registered in one loop.
    const registered = [
      ...bundle.matchAll(/registerCommand\("(slipway\.[A-Za-z]+)"|"(slipway\.[A-Za-z]+)":/g),
    ]
      .map((m) => m[1] ?? m[2])
      .sort();
    expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual(registered);
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual([
      'slipway.enable',
      'slipway.policyFile',
      'slipway.rules',
      'slipway.trace.server',
    ]);
    // Nothing starts a `slipway` from PATH: the deploy commands are the language server's.
    expect(bundle).not.toMatch(/createTerminal|slipway guard|cliPath/);
  });

  it('names its commands as the palette shows them, and turns off the ones that run git in Restricted Mode', () => {
    const byTitle = Object.fromEntries(manifest.contributes.commands.map((c) => [c.title, c]));
    const trusted = [
      'Run Deploy Guard',
      'Promote…',
      'Roll Back Production…',
      'Show Deploy History',
      'Unpin Production…',
      'Stamp Production Baseline…',
      'Create Policy File',
      'Trace Migration Locks',
    ];
    for (const title of [
      ...trusted,
      'Explain Rule',
      'Restart Language Server',
      'Show Output',
      'Run Policy Tests',
    ])
      expect(byTitle[title]?.category, title).toBe('Slipway');
    for (const title of trusted) expect(byTitle[title]?.enablement, title).toBe('isWorkspaceTrusted');
    expect(byTitle['Show Output']?.enablement).toBeUndefined();
    // The policy test cases run in the server, pure, with no git: as the lens, in Restricted Mode too.
    expect(byTitle['Run Policy Tests']?.enablement).toBeUndefined();
    for (const key of ['slipway.enable', 'slipway.policyFile', 'slipway.rules'])
      expect(manifest.contributes.configuration.properties[key]?.scope, key).toBe('resource');
  });

  it('requires the VS Code that its language client requires, and ships minified bundles and the schemas under 2 MB', () => {
    const client = JSON.parse(
      readFileSync(join(EXTENSION, 'node_modules/vscode-languageclient/package.json'), 'utf8'),
    ) as { engines: { vscode: string } };
    expect(manifest.engines.vscode).toBe(client.engines.vscode);
    const vsixBytes = statSync(join(out, 'slipway.vsix')).size;
    expect(vsixBytes).toBeLessThan(2 * 1024 * 1024);
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/server.mjs']) {
      const text = readFileSync(join(unpacked, bundle), 'utf8');
      // Minified: a few very long lines, not one statement a line.
      expect(text.split('\n').length, bundle).toBeLessThan(text.length / 500);
    }
    for (const v of [...manifest.contributes.yamlValidation, ...manifest.contributes.jsonValidation])
      expect(files).toContain(`extension/${v.url.replace(/^\.\//, '')}`);
  });

  it('runs its own server, which loads the SQL parser from inside the package', async () => {
    const server = join(unpacked, 'extension/dist/server.mjs');
    expect(existsSync(server)).toBe(true);
    const repo = new FixtureRepo({
      'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n  sql: ["db/*.sql"]\n',
      'db/001.sql': 'CREATE TABLE a (id int);\n',
    });
    const lsp = await LspSession.start(repo.dir, { command: [process.execPath, server, '--stdio'] });
    try {
      await lsp.open('db/001.sql', 'CREATE TABLE a (id int);\nDROP TABLE users;\n', 'sql');
      // An unsaved edit is part of the change under review, as it will be once committed.
      const items = await lsp.pull('db/001.sql');
      expect(items.map((d) => [d.code, d.range.start.line])).toContainEqual(['MIG001', 1]);
      expect(lsp.logs.join('\n')).not.toContain('SQL parser did not load');
    } finally {
      await lsp.stop();
      repo.remove();
    }
  });
});
