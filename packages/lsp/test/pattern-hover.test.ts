import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, UPDATE_TOML } from './helpers/repo-fixture.js';

const POLICY = `version: 1
protected:
  label: approved-core-change
  paths:
    - backend/
    - "!backend/tests/"
    - nothere/
`;

describe('hover on a path pattern of the policy', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'config/update.toml': UPDATE_TOML,
      'backend/core/app.py': 'x = 1\n',
      'backend/core/db.py': 'x = 1\n',
      'backend/tests/test_app.py': 'x = 1\n',
    });
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open('slipway.yaml', POLICY);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const hoverText = async (line: number, character: number) => {
    const hover = (await lsp.hover('slipway.yaml', line, character)) as { contents: MarkupContent } | null;
    return hover?.contents.value ?? '';
  };

  it('says how many files a pattern decides, with examples', async () => {
    const text = await hoverText(4, 8);
    expect(text).toContain('**`backend/`** in `protected.paths`: decides 2 files — protected');
    expect(text).toContain('- `backend/core/app.py`\n- `backend/core/db.py`');
    expect(text).not.toContain('test_app.py');
  });

  it('says what a negated pattern takes back out', async () => {
    expect(await hoverText(5, 10)).toContain('decides 1 file — taken back out of protection');
  });

  it('says when a pattern decides nothing', async () => {
    expect(await hoverText(6, 8)).toContain('decides no file of the repository');
  });

  it('gives no pattern hover off the patterns', async () => {
    expect(await hoverText(2, 4)).not.toContain('decides');
  });
});
