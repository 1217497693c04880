import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * `check` and `guard` on records that promote and rollback would refuse or trip over: review
 * must say so first, at the right column, and never crash on what a file can contain.
 */
const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const POLICY = `version: 1
production_branch: main
deploy:
  record: ${RECORD}
  history_limit: 5
  environments:
    staging: {}
    production: {}
`;

interface JsonFinding {
  rule: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

describe('check and guard on bad deploy records', () => {
  let repo: TempRepo;
  let sha = '';
  beforeAll(() => {
    repo = new TempRepo({ 'slipway.yaml': POLICY, 'a.txt': 'a\n' });
    sha = repo.commit('init');
  });
  afterAll(() => repo.dispose());

  const run = (command: 'check' | 'guard', record: string) => {
    repo.write({ [RECORD]: record });
    const r = slipway([command, '--tree', '--format', 'json'], { cwd: repo.dir });
    const findings = r.stdout ? (JSON.parse(r.stdout).findings as JsonFinding[]) : [];
    return { ...r, findings };
  };
  const record = (extra: string) =>
    `{\n  "last_good_sha": "${sha}",\n  "deployed_at": "2026-01-09T10:00:00Z"${extra}\n}\n`;

  it('a record nested 3,000 deep: REC001 "nested too deeply" with a position, exit 1, no internal error', () => {
    for (const command of ['check', 'guard'] as const) {
      const r = run(command, `{"last_good_sha": "${sha}", "reason": ${'['.repeat(3000)}`);
      expect(r.stderr).not.toContain('internal error');
      expect(r.code, r.stderr).toBe(1);
      expect(r.findings).toMatchObject([
        { rule: 'REC001', file: RECORD, line: 1, column: 136, endColumn: 137 },
      ]);
      expect(r.findings[0]?.message).toContain('nested too deeply');
    }
  });

  it('a byte-order mark: the same columns as without it (the ones an editor shows)', () => {
    const text = `{"last_good_sha": "abc1234", "deployed_at": "2026-01-09T10:00:00Z"}\n`;
    const plain = run('check', text).findings;
    const bom = run('check', `\uFEFF${text}`).findings;
    expect(plain).toMatchObject([{ rule: 'REC002', line: 1, column: 19, endColumn: 28 }]);
    expect(bom).toEqual(plain);
  });

  it('an environment that is not deploy.production, and a history over deploy.history_limit', () => {
    const entries = Array.from(
      { length: 7 },
      () => `{"event": "PROMOTE", "sha": "${sha}", "deployed_at": "2026-01-08T10:00:00Z"}`,
    );
    for (const command of ['check', 'guard'] as const) {
      const r = run(command, record(`,\n  "environment": "staging",\n  "history": [${entries.join(', ')}]`));
      expect(r.code).toBe(1);
      expect(r.findings.map((f) => [f.rule, f.line, f.column, f.message.slice(0, 41)])).toEqual([
        ['REC001', 4, 18, 'The record describes environment "staging'],
        ['REC001', 5, 3, '`history` has 7 entries, but the policy k'],
      ]);
    }
    // Near miss: production's record, history at the limit.
    const ok = run(
      'check',
      record(`,\n  "environment": "production",\n  "history": [${entries.slice(2).join(', ')}]`),
    );
    expect(ok).toMatchObject({ code: 0, findings: [] });
  });
});
