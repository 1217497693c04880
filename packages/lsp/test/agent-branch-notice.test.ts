import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [backend/core/]
agents:
  branches: ["auto/*"]
  allowed: [docs/, backend/]
`;

describe('a file opened on an agent branch that the agent may not edit', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'backend/core/app.py': 'x = 1\n',
      'backend/api.py': 'x = 1\n',
      'docs/a.md': '# a\n',
      Makefile: 'all:\n',
    });
    repo.git('checkout', '-q', '-b', 'auto/fix-typo');
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const diagnosticsOf = async (path: string, text: string) => {
    await lsp.open(path, text);
    return (await lsp.pull(path)).map((d) => [d.code, d.severity, d.range.start.line, d.message]);
  };

  it('says at once, on line 1, that a protected file needs a human branch and the label', async () => {
    expect(await diagnosticsOf('backend/core/app.py', 'x = 1\n')).toEqual([
      [
        'PATH003',
        3,
        0,
        'On agent branch `auto/fix-typo`, this file may not be edited: it is protected by pattern `backend/core/` (slipway.yaml line 4); a change to it needs a human branch and the `approved-core-change` label.',
      ],
    ]);
  });

  it('says it of a file outside agents.allowed', async () => {
    expect(await diagnosticsOf('Makefile', 'all:\n')).toEqual([
      [
        'PATH002',
        3,
        0,
        'On agent branch `auto/fix-typo`, this file may not be edited: no pattern of `agents.allowed` (slipway.yaml line 7) covers it.',
      ],
    ]);
  });

  it('says nothing of a file the agent may edit', async () => {
    expect(await diagnosticsOf('backend/api.py', 'x = 1\n')).toEqual([]);
  });

  it('gives way to the real finding once the file is edited', async () => {
    await lsp.change('backend/core/app.py', 'x = 2\n');
    const found = (await lsp.pull('backend/core/app.py')).map((d) => [d.code, d.severity]);
    // A warning in the editor, where labels are unknown; an error in CI without the label.
    expect(found).toEqual([['PATH003', 2]]);
  });
});
