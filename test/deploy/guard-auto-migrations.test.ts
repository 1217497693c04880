import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

const POLICY = `version: 1
production_branch: main
migrations:
  alembic: alembic/versions
`;
const MIGRATION = `"""base"""
from alembic import op

revision = "1a2b3c4d5e6f"
down_revision = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    op.execute("SELECT 1")
`;

interface Json {
  version: number;
  findings: { rule: string; severity: string; message: string; file: string; line: number; column: number }[];
  summary: { errors: number; warnings: number; infos: number };
}

describe('slipway guard reports DISABLE_AUTO_MIGRATIONS as DB006 in every format', () => {
  let repo: TempRepo;
  const guard = (args: string[], env: Record<string, string | undefined> = {}) =>
    slipway(['guard', '--tree', ...args], {
      cwd: repo.dir,
      env: { DISABLE_AUTO_MIGRATIONS: undefined, ...env },
    });

  beforeAll(() => {
    repo = new TempRepo({ 'slipway.yaml': POLICY, 'alembic/versions/1a2b3c4d5e6f_base.py': MIGRATION });
    repo.commit('base');
  });
  afterAll(() => repo.dispose());

  it('is absent without the flag, and with a false value', () => {
    for (const value of [undefined, 'false', '0']) {
      const r = guard(['--format', 'json'], { DISABLE_AUTO_MIGRATIONS: value });
      expect(r.stderr).toBe('');
      expect((JSON.parse(r.stdout) as Json).findings).toEqual([]);
    }
  });

  it('--format json: a DB006 warning at the policy line that asks for migration checks', () => {
    const r = guard(['--format', 'json'], { DISABLE_AUTO_MIGRATIONS: 'true' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.version).toBe(1);
    expect(json.findings).toEqual([
      {
        rule: 'DB006',
        severity: 'warning',
        message:
          'DISABLE_AUTO_MIGRATIONS=true: the deploy will skip `alembic upgrade head`, so pending migrations are not applied; apply them by hand and remove the flag once the issue is resolved.',
        file: 'slipway.yaml',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 11,
        related: [],
        fixes: [],
      },
    ]);
    expect(json.summary).toMatchObject({ errors: 0, warnings: 1, infos: 0 });
  });

  it('text and SARIF carry the same finding (text no longer has a separate stderr line)', () => {
    const text = guard([], { DISABLE_AUTO_MIGRATIONS: 'yes' });
    expect(text.stdout).toContain('DB006');
    expect(text.stderr).not.toContain('DISABLE_AUTO_MIGRATIONS');
    const sarif = JSON.parse(guard(['--format', 'sarif'], { DISABLE_AUTO_MIGRATIONS: '1' }).stdout);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['DB006']);
  });

  it('follows `rules:` overrides and `--rule` filters', () => {
    const asError = guard(['--format', 'json', '--rule', 'DB'], { DISABLE_AUTO_MIGRATIONS: 'on' });
    expect((JSON.parse(asError.stdout) as Json).findings.map((f) => f.rule)).toEqual(['DB006']);
    const filtered = guard(['--format', 'json', '--rule', 'MIG'], { DISABLE_AUTO_MIGRATIONS: 'on' });
    expect((JSON.parse(filtered.stdout) as Json).findings).toEqual([]);
    repo.write({ 'slipway.yaml': `${POLICY}rules:\n  DB006: error\n` });
    const raised = guard(['--format', 'json'], { DISABLE_AUTO_MIGRATIONS: 'on' });
    expect(raised.code).toBe(1);
    expect((JSON.parse(raised.stdout) as Json).findings.map((f) => [f.rule, f.severity])).toEqual([
      ['DB006', 'error'],
    ]);
    repo.write({ 'slipway.yaml': `${POLICY}rules:\n  DB006: "off"\n` });
    const off = guard(['--format', 'json'], { DISABLE_AUTO_MIGRATIONS: 'on' });
    expect((JSON.parse(off.stdout) as Json).findings).toEqual([]);
    repo.write({ 'slipway.yaml': POLICY });
  });
});
