import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo, POLICY } from './helpers/repo-fixture.js';

// Completion through the server (in this process, over the real protocol): the trigger characters
// it announces, and what git and the repository's files offer.
describe('completion requests', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    repo.git('branch', 'release/2026-11');
    lsp = await startInProcess(repo.dir, {});
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const complete = async (path: string, line: number, character: number) =>
    (await lsp.request('textDocument/completion', {
      textDocument: { uri: lsp.uri(path) },
      position: { line, character },
    })) as CompletionItem[];

  it('announces completion with its trigger characters', () => {
    expect(lsp.initializeResult.capabilities.completionProvider?.triggerCharacters).toContain('/');
  });

  it('completes a branch name from git and a path from the repository, replacing what was typed', async () => {
    const text = `${POLICY}production_branch: rel\nagents:\n  allowed:\n    - config/u\n`;
    await lsp.open('slipway.yaml', text);
    const lines = text.split('\n');
    const branchLine = lines.indexOf('production_branch: rel');
    const branches = await complete('slipway.yaml', branchLine, 'production_branch: rel'.length);
    expect(branches.map((i) => i.label)).toEqual(['main', 'release/2026-11']);
    const pathLine = lines.indexOf('    - config/u');
    const paths = await complete('slipway.yaml', pathLine, '    - config/u'.length);
    expect(paths.map((i) => [i.label, i.textEdit])).toEqual([
      [
        'config/update.toml',
        {
          range: { start: { line: pathLine, character: 6 }, end: { line: pathLine, character: 14 } },
          newText: 'config/update.toml',
        },
      ],
    ]);
  });

  it('offers nothing outside the policy file', async () => {
    await lsp.open('config/update.toml', '[update]\n');
    expect(await complete('config/update.toml', 1, 0)).toEqual([]);
  });
});
