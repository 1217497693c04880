import { FileChangeType } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, POLICY, UPDATE_TOML } from './helpers/repo-fixture.js';

// The policy's `nothere/` pattern matches no file (POL002), and git ignores `nothere/` and
// `node_modules/`: files there are no part of the repository, on disk or in a buffer.
const FILES = {
  'slipway.yaml': POLICY,
  'config/update.toml': UPDATE_TOML,
  'backend/core/app.py': 'x = 1\n',
  '.gitignore': 'node_modules/\nnothere/\n',
};

describe('files git ignores start no work (pulling client)', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo(FILES);
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open('slipway.yaml', POLICY);
    expect((await lsp.pull('slipway.yaml')).map((d) => d.code)).toEqual(['POL002']);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('a watched-file event for an ignored file asks for no refresh; one for a listed file does', async () => {
    repo.write({ 'node_modules/pkg/requirements.txt': 'flask\n', 'nothere/out.sql': 'DROP TABLE t;\n' });
    const before = lsp.refreshes.length;
    await lsp.watched([
      { path: 'node_modules/pkg/requirements.txt', type: FileChangeType.Created },
      { path: 'nothere/out.sql', type: FileChangeType.Created },
    ]);
    // Events are handled in order (the server queues them): the first batch, then the next.
    repo.write({ 'docs/new.md': '# new\n' });
    await lsp.watched([{ path: 'docs/new.md', type: FileChangeType.Created }]);
    await lsp.waitFor(() => lsp.refreshes.length > before);
    expect((await lsp.pull('slipway.yaml')).map((d) => d.code)).toEqual(['POL002']);
    expect(lsp.refreshes.length - before).toBe(1);
  });

  it('a buffer opened under an ignored directory is not part of what the rules see', async () => {
    await lsp.open('nothere/notes.md', '# scratch\n');
    // Were it counted, `nothere/` would match a file and POL002 would go.
    expect((await lsp.pull('slipway.yaml')).map((d) => d.code)).toEqual(['POL002']);
    expect(await lsp.pull('nothere/notes.md')).toEqual([]);
  });
});

// Push is the protocol's: this one runs the server (in this process, over in-memory pipes).
describe('files git ignores publish nothing (push-only client)', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo(FILES);
    lsp = await startInProcess(repo.dir, {}, { pullDiagnostics: false });
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('opening, editing and closing an ignored buffer publishes nothing for it', async () => {
    const ignored = lsp.uri('node_modules/pkg/requirements.txt');
    await lsp.open('node_modules/pkg/requirements.txt', 'flask\n');
    await lsp.change('node_modules/pkg/requirements.txt', 'flask==3.0.0\n');
    await lsp.close('node_modules/pkg/requirements.txt');
    // A listed file opened after it is published: by then the ignored one would have been too.
    const since = lsp.published.length;
    await lsp.open('slipway.yaml', POLICY);
    await lsp.nextPublished('slipway.yaml', since);
    expect(lsp.published.filter((p) => p.uri === ignored)).toEqual([]);
  });
});
