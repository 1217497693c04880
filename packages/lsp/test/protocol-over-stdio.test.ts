import type {
  CodeLens,
  Diagnostic,
  DocumentSymbol,
  Location,
  MarkupContent,
} from 'vscode-languageserver-protocol';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo, POLICY, UPDATE_TOML } from './helpers/repo-fixture.js';

// The feature tests call the language service in-process (ServiceSession); this one keeps the
// protocol honest: the bundled server announces each feature, registers its watchers, and each
// request and notification reaches the service and comes back as LSP says it should.
describe('the language server over stdio', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    lsp = await LspSession.start(repo.dir);
    await lsp.open('config/update.toml', UPDATE_TOML, 'toml');
    await lsp.open('slipway.yaml', POLICY, 'yaml');
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('announces pull diagnostics, hover, quick fixes and its name', () => {
    const caps = lsp.initializeResult.capabilities;
    expect(caps.diagnosticProvider).toEqual({
      identifier: 'slipway',
      interFileDependencies: true,
      workspaceDiagnostics: true,
    });
    expect(caps.hoverProvider).toBe(true);
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    expect(lsp.initializeResult.serverInfo?.name).toBe('slipway');
  });

  it('registers file watchers and configuration changes with the client', async () => {
    await lsp.waitFor(() => lsp.registrations.length >= 2);
    expect(lsp.registrations.map((r) => [r.method, r.registerOptions])).toEqual([
      [
        'workspace/didChangeWatchedFiles',
        {
          watchers: [
            { globPattern: '**/*' },
            { globPattern: '**/.git/HEAD' },
            { globPattern: '**/.git/index' },
            { globPattern: '**/.git/packed-refs' },
            { globPattern: '**/.git/refs/**' },
          ],
        },
      ],
      ['workspace/didChangeConfiguration', { section: 'slipway' }],
    ]);
  });

  it('answers a document pull in full, then "unchanged" for the same result id', async () => {
    const uri = lsp.uri('config/update.toml');
    const first = (await lsp.request('textDocument/diagnostic', { textDocument: { uri } })) as {
      kind: string;
      resultId: string;
      items: Diagnostic[];
    };
    expect(first.kind).toBe('full');
    expect(first.items.map((d) => [d.code, d.codeDescription?.href])).toEqual([
      ['UPD004', 'https://docs.example/rules/UPD004'],
    ]);
    const second = await lsp.request('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: first.resultId,
    });
    expect(second).toEqual({ kind: 'unchanged', resultId: first.resultId });
  });

  it('answers a workspace pull, and clears a file whose findings are gone', async () => {
    const report = await lsp.pullWorkspace([{ uri: lsp.uri('backend/core/app.py'), value: 'stale' }]);
    expect(report.items.map((i) => [i.uri, i.kind, i.kind === 'full' ? i.items.length : -1]).sort()).toEqual(
      [
        [lsp.uri('backend/core/app.py'), 'full', 0],
        [lsp.uri('config/update.toml'), 'full', 1],
        [lsp.uri('slipway.yaml'), 'full', 1],
      ].sort(),
    );
  });

  it('answers hover, a quick fix and a rule page', async () => {
    const hover = (await lsp.hover('config/update.toml', 2, 24)) as { contents: MarkupContent };
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toMatch(/^\*\*UPD004\*\*/);
    const [diagnostic] = await lsp.pull('config/update.toml');
    const actions = await lsp.codeActions('config/update.toml', (diagnostic as Diagnostic).range, [
      diagnostic as Diagnostic,
    ]);
    expect(actions.map((a) => a.title)).toEqual(['Require signed tags', 'Suppress UPD004 on this line']);
    const only = await lsp.request('textDocument/codeAction', {
      textDocument: { uri: lsp.uri('config/update.toml') },
      range: (diagnostic as Diagnostic).range,
      context: { diagnostics: [], only: ['source.organizeImports'] },
    });
    expect(only).toEqual([]);
    const page = (await lsp.request('slipway/explain', { rule: 'upd004' })) as string;
    expect(page.split('\n')[0]).toBe('# UPD004: unsigned releases allowed');
    expect(await lsp.request('slipway/explain', { rule: 'NOPE001' })).toBeNull();
  });

  it('answers the outline, go-to-definition and code lenses', async () => {
    const symbols = (await lsp.request('textDocument/documentSymbol', {
      textDocument: { uri: lsp.uri('slipway.yaml') },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['version', 'protected', 'update', 'rules']);
    const [page] = (await lsp.request('textDocument/definition', {
      textDocument: { uri: lsp.uri('slipway.yaml') },
      position: { line: 7, character: 4 },
    })) as Location[];
    expect(page?.uri).toMatch(/UPD004\.md$/);
    const lenses = (await lsp.request('textDocument/codeLens', {
      textDocument: { uri: lsp.uri('config/update.toml') },
    })) as CodeLens[];
    expect(lenses).toEqual([]);
  });

  it('gives no findings for a file outside the workspace', async () => {
    await lsp.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: 'file:///elsewhere/x.toml',
        languageId: 'toml',
        version: 1,
        text: 'require_signed_tags = false\n',
      },
    });
    const report = await lsp.request('textDocument/diagnostic', {
      textDocument: { uri: 'file:///elsewhere/x.toml' },
    });
    expect(report).toEqual({ kind: 'full', items: [] });
  });

  it('takes a watched-file event and a configuration change, and asks the client to pull again', async () => {
    repo.write({ 'nothere/readme.md': '# here now\n' });
    let before = lsp.refreshes.length;
    await lsp.watched([{ path: 'nothere/readme.md', type: FileChangeType.Created }]);
    await lsp.waitFor(() => lsp.refreshes.length > before);
    expect(await lsp.pull('slipway.yaml')).toEqual([]);
    before = lsp.refreshes.length;
    await lsp.configurationChanged({ rules: { UPD004: 'error' } });
    await lsp.waitFor(() => lsp.refreshes.length > before);
    expect((await lsp.pull('config/update.toml')).map((d) => [d.code, d.severity])).toEqual([['UPD004', 1]]);
    expect(lsp.configurationRequests).toContainEqual({
      scopeUri: lsp.uri('config/update.toml'),
      section: 'slipway',
    });
  });
});
