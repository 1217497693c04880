import type { Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from './helpers/apply-edits.js';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, POLICY, UPDATE_TOML } from './helpers/repo-fixture.js';

describe('hover and quick fixes', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open('config/update.toml', UPDATE_TOML, 'toml');
    await lsp.open('slipway.yaml', POLICY, 'yaml');
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const markdown = (h: unknown) =>
    ((h as { contents: MarkupContent } | null)?.contents ?? { value: '' }).value;

  it('explains the rule of the finding under the cursor and how to suppress it', async () => {
    const hover = await lsp.hover('config/update.toml', 2, 24);
    expect(hover).not.toBeNull();
    expect((hover as { contents: MarkupContent }).contents.kind).toBe('markdown');
    const text = markdown(hover);
    expect(text).toMatch(/^\*\*UPD004\*\* · unsigned releases allowed _\(default: warning\)_/);
    expect(text).toContain('`require_signed_tags = false` lets the updater install');
    expect(text).toContain('`# slipway: allow UPD004 -- reason`');
    expect(await lsp.hover('config/update.toml', 1, 3)).toBeNull();
  });

  it('explains rule ids written in the policy and in suppression comments', async () => {
    expect(markdown(await lsp.hover('slipway.yaml', 7, 4))).toMatch(/^\*\*UPD004\*\*/);
    await lsp.change('config/update.toml', `# slipway: allow POL002 -- why\n${UPDATE_TOML}`);
    // The directive suppresses nothing here: its own finding (SUP001) first, then the rule it names.
    const text = markdown(await lsp.hover('config/update.toml', 0, 20));
    expect(text).toMatch(/^\*\*SUP001\*\* · /);
    expect(text).toContain('\n\n---\n\n**POL002** · path pattern matches no file');
    await lsp.change('config/update.toml', UPDATE_TOML);
  });

  it('serves rule pages for the diagnostic code links (slipway/explain)', async () => {
    const page = lsp.explain('upd004') as string;
    expect(page.split('\n')[0]).toBe('# UPD004: unsigned releases allowed');
    // The page is the rule's own docs, rendered as docs/rules/UPD004.md is.
    expect(page).toContain('## How to suppress or configure it\n\nWhen the remote is trusted some other way');
    expect(lsp.explain('NOPE001')).toBeNull();
  });

  it("offers the finding's own fix as the preferred quick fix, which removes it", async () => {
    const [diagnostic] = await lsp.pull('config/update.toml');
    const actions = await lsp.codeActions('config/update.toml', (diagnostic as Diagnostic).range, [
      diagnostic as Diagnostic,
    ]);
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ['Require signed tags', 'quickfix', true],
      ['Suppress UPD004 on this line', 'quickfix', false],
    ]);
    expect(actions[0]?.diagnostics).toEqual([diagnostic]);
    const edits = actions[0]?.edit?.changes?.[lsp.uri('config/update.toml')] as TextEdit[];
    const fixed = applyEdits(UPDATE_TOML, edits);
    expect(fixed).toBe(UPDATE_TOML.replace('= false', '= true'));
    await lsp.change('config/update.toml', fixed);
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    await lsp.change('config/update.toml', UPDATE_TOML);
  });

  it('suppresses a finding with a comment in the file’s own syntax, with a reason placeholder', async () => {
    const [diagnostic] = await lsp.pull('config/update.toml');
    const actions = await lsp.codeActions('config/update.toml', (diagnostic as Diagnostic).range);
    const suppress = actions.find((a) => a.title === 'Suppress UPD004 on this line');
    const edits = suppress?.edit?.changes?.[lsp.uri('config/update.toml')] as TextEdit[];
    const text = applyEdits(UPDATE_TOML, edits);
    expect(text).toBe(
      '[update]\nenabled = true\n# slipway: allow UPD004 -- reason\nrequire_signed_tags = false\n',
    );
    await lsp.change('config/update.toml', text);
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    await lsp.change('config/update.toml', UPDATE_TOML);
  });

  it('suppresses in the policy file with its indentation, and nothing is left to report', async () => {
    const [diagnostic] = await lsp.pull('slipway.yaml');
    expect(diagnostic?.code).toBe('POL002');
    const actions = await lsp.codeActions('slipway.yaml', (diagnostic as Diagnostic).range);
    expect(actions.map((a) => a.title)).toEqual(['Suppress POL002 on this line']);
    const text = applyEdits(POLICY, actions[0]?.edit?.changes?.[lsp.uri('slipway.yaml')] as TextEdit[]);
    expect(text.split('\n')[3]).toBe('  # slipway: allow POL002 -- reason');
    await lsp.change('slipway.yaml', text);
    // POL002 is suppressed; what is left is that the policy is being edited (PATH004 warns that a
    // pull request will need the label), which no comment in the policy lifts.
    expect((await lsp.pull('slipway.yaml')).map((d) => d.code)).toEqual(['PATH004']);
  });

  it('offers no suppression of the suppression rules themselves', async () => {
    const text = `${POLICY}# slipway: allow POL002\n`;
    await lsp.change('slipway.yaml', text);
    const items = await lsp.pull('slipway.yaml');
    const sup = items.find((d) => d.code === 'SUP002') as Diagnostic;
    expect(sup.range.start).toEqual({ line: 8, character: 0 });
    const actions = await lsp.codeActions('slipway.yaml', sup.range);
    expect(actions).toEqual([]);
    await lsp.change('slipway.yaml', POLICY);
  });

  it('offers no suppression where the file has no comment syntax', async () => {
    await lsp.change('slipway.yaml', POLICY.replace('config/update.toml', 'config/update.json'));
    repo.write({ 'config/update.json': '{}' });
    await lsp.open('config/update.json', '[update]\nrequire_signed_tags = false\n', 'json');
    const items = await lsp.pull('config/update.json');
    expect(items.map((d) => d.code)).toEqual(['UPD004']);
    const actions = await lsp.codeActions('config/update.json', (items[0] as Diagnostic).range);
    expect(actions.map((a) => a.title)).toEqual(['Require signed tags']);
    expect(markdown(await lsp.hover('config/update.json', 1, 24))).toContain(
      'This file has no comment that lasts: lift one finding with a `waivers:` entry in `slipway.yaml` (`rule: UPD004`, this file under `paths`',
    );
    await lsp.change('slipway.yaml', POLICY);
  });

  it('returns nothing when the client asks only for other kinds of actions', async () => {
    const [diagnostic] = await lsp.pull('config/update.toml');
    const result = await lsp.codeActions(
      'config/update.toml',
      (diagnostic as Diagnostic).range,
      [],
      ['source.organizeImports'],
    );
    expect(result).toEqual([]);
  });
});

// MIG037's fixes in the editor: the certain one (first in upgrade()) is preferred, the env.py one
// is offered as a choice, and applying the preferred one leaves nothing to report.
describe('quick fixes of a migration', () => {
  const REVISION = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("users", sa.Column("bio", sa.Text()))


def downgrade():
    op.drop_column("users", "bio")
`;
  const ENV = `from alembic import context

with connectable.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
`;
  const PATH = 'alembic/versions/a1_bio.py';
  let repo: FixtureRepo;
  let lsp: ServiceSession;
  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
      'alembic/env.py': ENV,
    });
    // A revision the change adds (not yet committed): what the editor judges.
    repo.write({ [PATH]: REVISION });
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open(PATH, REVISION, 'python');
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('offers lock_timeout first in upgrade() as the preferred fix and env.py as a choice', async () => {
    const diagnostics = await lsp.pull(PATH);
    expect(diagnostics.map((d) => d.code)).toEqual(['MIG037']);
    const [diagnostic] = diagnostics as [Diagnostic];
    const actions = await lsp.codeActions(PATH, diagnostic.range, [diagnostic]);
    expect(actions.map((a) => [a.title, a.isPreferred ?? false])).toEqual([
      [`Add op.execute("SET lock_timeout = '5s'") first in upgrade()`, true],
      ['Set lock_timeout for every migration in alembic/env.py', false],
      ['Suppress MIG037 on this line', false],
    ]);
    expect(Object.keys(actions[1]?.edit?.changes ?? {})).toEqual([lsp.uri('alembic/env.py')]);
    const fixed = applyEdits(REVISION, actions[0]?.edit?.changes?.[lsp.uri(PATH)] as TextEdit[]);
    expect(fixed).toBe(
      REVISION.replace('def upgrade():\n', `def upgrade():\n    op.execute("SET lock_timeout = '5s'")\n`),
    );
    await lsp.change(PATH, fixed);
    expect(await lsp.pull(PATH)).toEqual([]);
  });
});
