import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicyText } from '@slipway/policy-core';
import { withBases } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  type ConnectionListener,
  listenForConnections,
  recordSpawns,
  type SpawnRecorder,
} from '../../../test/helpers/spawn-recorder.js';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * Issue 55 (1, trust; 2): opening an untrusted workspace over stdio, as an editor does, runs no
 * process, contacts no host and writes nothing outside the editor's own state. Measured: a PATH
 * of shims logs every git, npm and ssh the server starts, a listener on 127.0.0.1 stands for the
 * host a hostile policy's `extends:` names, and the cache directory and the repository (its .git
 * too) are compared before and after. Each attack has its near miss: the same workspace, trusted,
 * does run and connect, so a 0 is not a 0 because nothing was asked.
 */

const SHA = 'a'.repeat(40);
const DROP_SQL = "SET lock_timeout = '5s';\nDROP TABLE users;\n";
const BASE = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';

let rec: SpawnRecorder;
let host: ConnectionListener;
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

beforeAll(async () => {
  // ssh is refused (the shim logs the call, runs nothing): a test never offers anyone's keys.
  rec = recordSpawns(['git', 'npm', 'ssh'], { refuse: ['ssh'] });
  host = await listenForConnections();
});
afterAll(async () => {
  rec.dispose();
  await host.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Every path under `dir` (its .git included) with its size and mtime: what "wrote nothing" compares. */
function listing(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(join(dir, rel))
    .sort()
    .flatMap((name) => {
      const path = rel ? `${rel}/${name}` : name;
      const st = statSync(join(dir, path));
      return st.isDirectory() ? [`${path}/`, ...listing(dir, path)] : [`${path} ${st.size} ${st.mtimeMs}`];
    });
}

interface Opened {
  /** Processes started (git, npm, ssh) while the workspace was open. */
  spawned: string[];
  /** Connections to the attacker's host. */
  connections: number;
  policy: Diagnostic[];
  migration: Diagnostic[];
  messages: string[];
  cacheWritten: string[];
  repoChanged: boolean;
}

/**
 * Opens `repo` over stdio as an editor would, with `trusted` said (or not) in initialize, and
 * does what a person does on opening a clone: the policy and a migration opened, their
 * diagnostics pulled, a hover, a completion, the outline, the lenses, a go-to-definition, the
 * workspace's diagnostics.
 */
async function open(
  repo: FixtureRepo,
  trusted: boolean | 'unsaid',
  env: Record<string, string> = {},
): Promise<Opened> {
  const cache = env.SLIPWAY_CACHE_DIR ?? join(temp('slipway-cache-parent-'), 'cache');
  const before = listing(repo.dir);
  const cacheBefore = listing(cache);
  rec.clear();
  const connectionsBefore = host.connections();
  const lsp = await LspSession.start(repo.dir, {
    trusted,
    env: {
      ...(rec.env() as Record<string, string>),
      SLIPWAY_CACHE_DIR: cache,
      // npm's registry is the attacker's host too, asked once (no retries to wait out).
      npm_config_registry: `http://127.0.0.1:${host.port}/`,
      npm_config_fetch_retries: '0',
      ...env,
    },
  });
  try {
    await lsp.open('slipway.yaml', readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8'), 'yaml');
    await lsp.open('db/001.sql', DROP_SQL, 'sql');
    const policy = await lsp.pull('slipway.yaml');
    const migration = await lsp.pull('db/001.sql');
    const td = (path: string) => ({ textDocument: { uri: lsp.uri(path) } });
    await lsp.hover('slipway.yaml', 1, 3);
    await lsp.hover('db/001.sql', 1, 2);
    await lsp.request('textDocument/completion', {
      ...td('slipway.yaml'),
      position: { line: 2, character: 0 },
    });
    await lsp.request('textDocument/documentSymbol', td('slipway.yaml'));
    await lsp.request('textDocument/codeLens', td('slipway.yaml'));
    await lsp.request('textDocument/definition', {
      ...td('slipway.yaml'),
      position: { line: 1, character: 3 },
    });
    await lsp.pullWorkspace();
    return {
      spawned: rec.calls().map((c) => [c.program, ...c.args].join(' ')),
      connections: host.connections() - connectionsBefore,
      policy,
      migration,
      messages: [...lsp.messages],
      cacheWritten: listing(cache).filter((l) => !cacheBefore.includes(l)),
      repoChanged: JSON.stringify(listing(repo.dir)) !== JSON.stringify(before),
    };
  } finally {
    await lsp.stop();
  }
}

const withPolicy = (extendsLine: string, more: Record<string, string> = {}) => {
  const repo = new FixtureRepo({
    'slipway.yaml': `version: 1\nextends: ${extendsLine}\nrules:\n  MIG001: error\n`,
    'db/001.sql': 'CREATE TABLE users (id int);\n',
    ...more,
  });
  temps.push(repo.dir);
  return repo;
};

const notFetched = (d: Diagnostic[]) => d.filter((x) => x.code === 'base-not-fetched');

describe('an untrusted workspace runs nothing, connects to nothing, writes nothing', () => {
  it('a client that says nothing about trust gets Restricted Mode: no git, and it says so once', async () => {
    const repo = withPolicy('policies/base.yaml', { 'policies/base.yaml': BASE });
    const opened = await open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(opened.repoChanged).toBe(false);
    const said = opened.messages.filter((m) => /Restricted Mode/.test(m));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/workspaceTrusted: true/);
    // A repository base needs nothing run: it still judges the open migration.
    expect(opened.migration.map((d) => d.code)).toContain('MIG001');
  });

  it('near miss: the same workspace, trusted, runs git and says nothing of Restricted Mode', async () => {
    const repo = withPolicy('policies/base.yaml', { 'policies/base.yaml': BASE });
    const opened = await open(repo, true);
    expect(opened.spawned.filter((c) => c.startsWith('git ')).length).toBeGreaterThan(0);
    expect(opened.messages.filter((m) => /Restricted Mode/.test(m))).toEqual([]);
  });

  it('extends: git+https://<attacker>: untrusted, 0 processes, 0 connections, and a warning on extends: says why', async () => {
    const repo = withPolicy(`git+https://127.0.0.1:${host.port}/x.git#base.yaml@${SHA}`);
    const opened = await open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(opened.connections).toBe(0);
    expect(opened.cacheWritten).toEqual([]);
    expect(opened.repoChanged).toBe(false);
    const [warning, ...more] = notFetched(opened.policy);
    expect(more).toEqual([]);
    expect(warning?.range.start.line).toBe(1);
    expect(warning?.message).toMatch(/not fetched: this workspace is not trusted.*Trust the workspace/);
    // Judged without the base, not refused: the policy's own rules still apply.
    expect(opened.policy.filter((d) => d.code === 'POL001')).toEqual([]);
  });

  it('near miss: trusted, the same extends: runs git fetch and contacts the host', async () => {
    const repo = withPolicy(`git+https://127.0.0.1:${host.port}/x.git#base.yaml@${SHA}`);
    const opened = await open(repo, true);
    expect(opened.spawned.some((c) => c.startsWith('git fetch'))).toBe(true);
    expect(opened.connections).toBeGreaterThan(0);
    expect(notFetched(opened.policy)).toEqual([]);
  });

  it('extends: git+ssh://<attacker>: untrusted, ssh never starts (no key offered) and nothing connects', async () => {
    const repo = withPolicy(`git+ssh://127.0.0.1:${host.port}/x#base.yaml@${SHA}`);
    const opened = await open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(opened.connections).toBe(0);
    expect(notFetched(opened.policy)).toHaveLength(1);
  });

  it('near miss: trusted, the same git+ssh:// base starts ssh to the host the policy names', async () => {
    const repo = withPolicy(`git+ssh://127.0.0.1:${host.port}/x#base.yaml@${SHA}`);
    const opened = await open(repo, true);
    expect(opened.spawned.some((c) => c.startsWith('ssh ') && c.includes('127.0.0.1'))).toBe(true);
  });

  it("extends: npm:… from the registry (the attacker's host): untrusted, npm never starts, nothing connects", async () => {
    const repo = withPolicy(`npm:evil-policies@1.0.0/base.yaml#sha512-${'A'.repeat(86)}==`);
    const opened = await open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(opened.connections).toBe(0);
    expect(opened.cacheWritten).toEqual([]);
    expect(notFetched(opened.policy)).toHaveLength(1);
  });

  it('near miss: trusted, the same npm base runs npm pack against the registry', async () => {
    const repo = withPolicy(`npm:evil-policies@1.0.0/base.yaml#sha512-${'A'.repeat(86)}==`);
    const opened = await open(repo, true);
    expect(opened.spawned.some((c) => c.startsWith('npm pack evil-policies@1.0.0'))).toBe(true);
    expect(opened.connections).toBeGreaterThan(0);
  }, 90_000);

  it("VS Code's explicit workspaceTrusted: false is as restricted, and adds no message (VS Code shows its own)", async () => {
    const repo = withPolicy(`github:acme/policies/base.yaml@${SHA}`);
    // The environment (not the policy) sends github: bases to the attacker's host here.
    const opened = await open(repo, false, { SLIPWAY_GITHUB_URL: `https://127.0.0.1:${host.port}` });
    expect(opened.spawned).toEqual([]);
    expect(opened.connections).toBe(0);
    expect(notFetched(opened.policy)).toHaveLength(1);
    expect(opened.messages.filter((m) => /Restricted Mode/.test(m))).toEqual([]);
  });

  it('a folder shaped like a bare repository whose config runs a command: untrusted, git never starts', async () => {
    const dir = temp('slipway-hook-');
    const mark = join(dir, 'fsmonitor-ran');
    const hook = join(dir, 'hook');
    writeFileSync(hook, `#!/bin/sh\ntouch '${mark}'\n`);
    chmodSync(hook, 0o755);
    const repo = withPolicy('policies/base.yaml', {
      'policies/base.yaml': BASE,
      'nested/slipway.yaml': 'version: 1\n',
      'nested/HEAD': 'ref: refs/heads/main\n',
      'nested/objects/.keep': '',
      'nested/refs/heads/.keep': '',
      'nested/config': `[core]\n\trepositoryformatversion = 0\n\tbare = true\n\tfsmonitor = ${hook}\n`,
    });
    const opened = await open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(existsSync(mark)).toBe(false);
  });

  it('near miss: trusted, the same workspace runs git (in the repository and the nested folder)', async () => {
    const repo = withPolicy('policies/base.yaml', {
      'policies/base.yaml': BASE,
      'nested/slipway.yaml': 'version: 1\n',
    });
    const opened = await open(repo, true);
    expect(opened.spawned.filter((c) => c.startsWith('git ')).length).toBeGreaterThan(0);
  });
});

describe('a base fetched earlier, in the verified cache', () => {
  let forge: FixtureRepo;
  let sha: string;
  let cache: string;
  let spec: string;

  beforeAll(() => {
    forge = new FixtureRepo({ 'base.yaml': BASE });
    temps.push(forge.dir);
    sha = forge.git('rev-parse', 'HEAD').trim();
    const bare = join(temp('slipway-forge-'), 'policies.git');
    forge.git('clone', '-q', '--bare', forge.dir, bare);
    spec = `git+file://${bare}#base.yaml@${sha}`;
    cache = temp('slipway-cache-');
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
    const repo = withPolicy(spec);
    const opened = await open(repo, 'unsaid', { SLIPWAY_CACHE_DIR: cache, SLIPWAY_ALLOW_FILE_BASES: '1' });
    expect(opened.spawned).toEqual([]);
    expect(opened.cacheWritten).toEqual([]);
    expect(notFetched(opened.policy)).toEqual([]);
    expect(opened.migration.map((d) => d.code)).toContain('MIG001');
  });

  it('near miss: with an empty cache the same base is withheld, and the migration is judged without it', async () => {
    const repo = withPolicy(spec);
    const empty = join(temp('slipway-cache-parent-'), 'cache');
    const opened = await open(repo, 'unsaid', { SLIPWAY_CACHE_DIR: empty, SLIPWAY_ALLOW_FILE_BASES: '1' });
    expect(opened.spawned).toEqual([]);
    expect(existsSync(empty)).toBe(false);
    expect(notFetched(opened.policy)).toHaveLength(1);
    expect(opened.migration.map((d) => d.code)).not.toContain('MIG001');
  });
});
