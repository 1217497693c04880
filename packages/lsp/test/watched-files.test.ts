import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, POLICY, UPDATE_TOML } from './helpers/repo-fixture.js';

describe('watched files, configuration and HEAD', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  /** Resolves after the service's next call for a refresh (the server's `workspace/diagnostic/refresh`). */
  const nextRefresh = async (action: () => Promise<void>) => {
    const before = lsp.refreshes.length;
    await action();
    await lsp.waitFor(() => lsp.refreshes.length > before);
  };

  it('re-reads a file changed on disk when the client reports it, and asks for a re-pull', async () => {
    await lsp.open('slipway.yaml', POLICY);
    expect((await lsp.pull('slipway.yaml')).map((d) => d.code)).toEqual(['POL002']);
    // Disk texts are cached: a change the client has not reported is not seen yet...
    repo.write({ 'config/update.toml': UPDATE_TOML.replace('= false', '= true') });
    expect((await lsp.pullWorkspace()).items.map((i) => i.uri)).toContain(lsp.uri('config/update.toml'));
    // ...and is, once reported.
    await nextRefresh(() => lsp.watched([{ path: 'config/update.toml', type: FileChangeType.Changed }]));
    const report = await lsp.pullWorkspace();
    expect(report.items.map((i) => i.uri)).toEqual([lsp.uri('slipway.yaml')]);
  });

  it('sees created files: a pattern that matched nothing now matches', async () => {
    repo.write({ 'nothere/readme.md': '# here now\n' });
    await nextRefresh(() => lsp.watched([{ path: 'nothere/readme.md', type: FileChangeType.Created }]));
    expect(await lsp.pull('slipway.yaml')).toEqual([]);
  });

  it('reloads a policy broken on disk: POL001 in the policy file, nothing elsewhere', async () => {
    await lsp.close('slipway.yaml');
    repo.write({ 'slipway.yaml': 'version: 2\n', 'config/update.toml': UPDATE_TOML });
    await nextRefresh(() =>
      lsp.watched([
        { path: 'slipway.yaml', type: FileChangeType.Changed },
        { path: 'config/update.toml', type: FileChangeType.Changed },
      ]),
    );
    const policy = await lsp.pull('slipway.yaml');
    expect(policy.map((d) => [d.code, d.range.start, d.message])).toEqual([
      [
        'POL001',
        { line: 0, character: 9 },
        'invalid policy: `version` must be 1 (the only policy version); set `version: 1`.',
      ],
    ]);
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    // Not open, so nothing in view says other files go unchecked: one message says it.
    expect(lsp.messages).toEqual([
      expect.stringMatching(/^Slipway: slipway\.yaml:1:10 is invalid .*other files are not checked/),
    ]);
    repo.write({ 'slipway.yaml': POLICY });
    await nextRefresh(() => lsp.watched([{ path: 'slipway.yaml', type: FileChangeType.Changed }]));
    expect((await lsp.pull('config/update.toml')).map((d) => d.code)).toEqual(['UPD004']);
  });

  it('pulls settings per scope and applies them after a configuration change', async () => {
    expect(lsp.configurationRequests).toContainEqual({
      scopeUri: lsp.uri('config/update.toml'),
      section: 'slipway',
    });
    await nextRefresh(() => lsp.configurationChanged({ rules: { UPD004: 'error' } }));
    expect((await lsp.pull('config/update.toml')).map((d) => [d.code, d.severity])).toEqual([['UPD004', 1]]);
    await nextRefresh(() => lsp.configurationChanged({ rules: { upd004: 'off' } }));
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    await nextRefresh(() => lsp.configurationChanged({ enable: false }));
    expect(await lsp.pull('slipway.yaml')).toEqual([]);
    await nextRefresh(() => lsp.configurationChanged({}));
    expect((await lsp.pull('config/update.toml')).map((d) => d.code)).toEqual(['UPD004']);
  });

  it('reads the change set again when HEAD moves', async () => {
    repo.git('checkout', '-q', '-b', 'feature/x');
    repo.write({ 'docs/a.md': 'a\n', 'docs/b.md': 'b\n' });
    repo.git('add', 'docs');
    repo.git('commit', '-q', '-m', 'docs');
    expect(readFileSync(join(repo.dir, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/feature/x\n');
    await nextRefresh(() => lsp.watched([{ path: '.git/HEAD', type: FileChangeType.Changed }]));
    await lsp.pull('slipway.yaml');
    expect(lsp.logs, lsp.logs.join('\n')).toContain('change set: feature/x vs main, 2 file(s)');
  });

  it('reads the change set again when only the branch ref moves (a commit made in a terminal)', async () => {
    repo.write({ 'docs/c.md': 'c\n' });
    repo.git('add', 'docs');
    repo.git('commit', '-q', '-m', 'more docs');
    await nextRefresh(() =>
      lsp.watched([{ path: '.git/refs/heads/feature/x', type: FileChangeType.Changed }]),
    );
    await lsp.pull('slipway.yaml');
    expect(lsp.logs, lsp.logs.join('\n')).toContain('change set: feature/x vs main, 3 file(s)');
  });

  it('ignores git objects and logs', async () => {
    const before = lsp.refreshes.length;
    await lsp.watched([{ path: '.git/logs/HEAD', type: FileChangeType.Changed }]);
    await lsp.executeCommand('slipway.server.revalidate');
    // The revalidate command refreshes once; the log change added nothing of its own.
    await lsp.waitFor(() => lsp.refreshes.length > before);
    expect(lsp.refreshes.length).toBe(before + 1);
  });

  it('revalidates everything on the server command', async () => {
    await nextRefresh(async () => {
      await lsp.executeCommand('slipway.server.revalidate');
    });
    expect((await lsp.pull('config/update.toml')).map((d) => d.code)).toEqual(['UPD004']);
  });

  it('answers a request made right after a disk event on the files as the event reported them', async () => {
    rmSync(join(repo.dir, 'nothere/readme.md'));
    await nextRefresh(() => lsp.watched([{ path: 'nothere/readme.md', type: FileChangeType.Deleted }]));
    expect((await lsp.pull('slipway.yaml')).map((d) => d.code)).toEqual(['POL002']);
    repo.write({ 'nothere/fresh.md': '# new\n' });
    // Not awaited, as a client sends a pull right behind the notification: git is asked whether
    // the new file is ignored meanwhile, and the pull waits for the answer.
    const taken = lsp.watched([{ path: 'nothere/fresh.md', type: FileChangeType.Created }]);
    expect(await lsp.pull('slipway.yaml')).toEqual([]);
    await taken;
  });
});
