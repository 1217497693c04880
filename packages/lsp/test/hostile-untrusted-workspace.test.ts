import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, MeasuredWorkspaces, notFetched } from './helpers/measured-workspace.js';

/**
 * Issue 55 (1, trust; 2): opening an untrusted workspace over stdio, as an editor does, runs no
 * process, contacts no host and writes nothing outside the editor's own state. Measured: a PATH
 * of shims logs every git, npm and ssh the server starts, a listener on 127.0.0.1 stands for the
 * host a hostile policy's `extends:` names, and the cache directory and the repository (its .git
 * too) are compared before and after (helpers/measured-workspace.ts). Each attack has its near
 * miss: the same workspace, trusted, does run and connect, so a 0 is not a 0 because nothing was
 * asked.
 */

const SHA = 'a'.repeat(40);

let ws: MeasuredWorkspaces;
beforeAll(async () => {
  ws = await MeasuredWorkspaces.start();
});
afterAll(() => ws.dispose());

describe('an untrusted workspace runs nothing, connects to nothing, writes nothing', () => {
  it('a client that says nothing about trust gets Restricted Mode: no git, and it says so once', async () => {
    const repo = ws.withPolicy('policies/base.yaml', { 'policies/base.yaml': BASE });
    const opened = await ws.open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(opened.repoChanged).toBe(false);
    const said = opened.messages.filter((m) => /Restricted Mode/.test(m));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/workspaceTrusted: true/);
    // A repository base needs nothing run: it still judges the open migration.
    expect(opened.migration.map((d) => d.code)).toContain('MIG001');
  });

  it('near miss: the same workspace, trusted, runs git and says nothing of Restricted Mode', async () => {
    const repo = ws.withPolicy('policies/base.yaml', { 'policies/base.yaml': BASE });
    const opened = await ws.open(repo, true);
    expect(opened.spawned.filter((c) => c.startsWith('git ')).length).toBeGreaterThan(0);
    expect(opened.messages.filter((m) => /Restricted Mode/.test(m))).toEqual([]);
  });

  it('extends: git+https://<attacker>: untrusted, 0 processes, 0 connections, and a warning on extends: says why', async () => {
    const repo = ws.withPolicy(`git+https://127.0.0.1:${ws.host.port}/x.git#base.yaml@${SHA}`);
    const opened = await ws.open(repo, 'unsaid');
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
    const repo = ws.withPolicy(`git+https://127.0.0.1:${ws.host.port}/x.git#base.yaml@${SHA}`);
    const opened = await ws.open(repo, true);
    // git's own options (the hardening's `-c …`, `--git-dir=…`) come before the subcommand.
    expect(opened.spawned.some((c) => /^git (?:\S+ )*fetch\b/.test(c))).toBe(true);
    expect(opened.connections).toBeGreaterThan(0);
    expect(notFetched(opened.policy)).toEqual([]);
  });

  it('extends: git+ssh://<attacker>: untrusted, ssh never starts (no key offered) and nothing connects', async () => {
    const repo = ws.withPolicy(`git+ssh://127.0.0.1:${ws.host.port}/x#base.yaml@${SHA}`);
    const opened = await ws.open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(opened.connections).toBe(0);
    expect(notFetched(opened.policy)).toHaveLength(1);
  });

  it('near miss: trusted, the same git+ssh:// base starts ssh to the host the policy names', async () => {
    const repo = ws.withPolicy(`git+ssh://127.0.0.1:${ws.host.port}/x#base.yaml@${SHA}`);
    const opened = await ws.open(repo, true);
    expect(opened.spawned.some((c) => c.startsWith('ssh ') && c.includes('127.0.0.1'))).toBe(true);
  });

  it("extends: npm:… from the registry (the attacker's host): untrusted, npm never starts, nothing connects", async () => {
    const repo = ws.withPolicy(`npm:evil-policies@1.0.0/base.yaml#sha512-${'A'.repeat(86)}==`);
    const opened = await ws.open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(opened.connections).toBe(0);
    expect(opened.cacheWritten).toEqual([]);
    expect(notFetched(opened.policy)).toHaveLength(1);
  });

  it('near miss: trusted, the same npm base runs npm pack against the registry', async () => {
    const repo = ws.withPolicy(`npm:evil-policies@1.0.0/base.yaml#sha512-${'A'.repeat(86)}==`);
    const opened = await ws.open(repo, true);
    expect(opened.spawned.some((c) => c.startsWith('npm pack evil-policies@1.0.0'))).toBe(true);
    expect(opened.connections).toBeGreaterThan(0);
  }, 90_000);

  it("VS Code's explicit workspaceTrusted: false is as restricted, and adds no message (VS Code shows its own)", async () => {
    const repo = ws.withPolicy(`github:acme/policies/base.yaml@${SHA}`);
    // The environment (not the policy) sends github: bases to the attacker's host here.
    const opened = await ws.open(repo, false, { SLIPWAY_GITHUB_URL: `https://127.0.0.1:${ws.host.port}` });
    expect(opened.spawned).toEqual([]);
    expect(opened.connections).toBe(0);
    expect(notFetched(opened.policy)).toHaveLength(1);
    expect(opened.messages.filter((m) => /Restricted Mode/.test(m))).toEqual([]);
  });

  it('a folder shaped like a bare repository whose config runs a command: untrusted, git never starts', async () => {
    const dir = ws.temp('slipway-hook-');
    const mark = join(dir, 'fsmonitor-ran');
    const hook = join(dir, 'hook');
    writeFileSync(hook, `#!/bin/sh\ntouch '${mark}'\n`);
    chmodSync(hook, 0o755);
    const repo = ws.withPolicy('policies/base.yaml', {
      'policies/base.yaml': BASE,
      'nested/slipway.yaml': 'version: 1\n',
      'nested/HEAD': 'ref: refs/heads/main\n',
      'nested/objects/.keep': '',
      'nested/refs/heads/.keep': '',
      'nested/config': `[core]\n\trepositoryformatversion = 0\n\tbare = true\n\tfsmonitor = ${hook}\n`,
    });
    const opened = await ws.open(repo, 'unsaid');
    expect(opened.spawned).toEqual([]);
    expect(existsSync(mark)).toBe(false);
  });

  it('near miss: trusted, the same workspace runs git (in the repository and the nested folder)', async () => {
    const repo = ws.withPolicy('policies/base.yaml', {
      'policies/base.yaml': BASE,
      'nested/slipway.yaml': 'version: 1\n',
    });
    const opened = await ws.open(repo, true);
    expect(opened.spawned.filter((c) => c.startsWith('git ')).length).toBeGreaterThan(0);
  });
});
