import { MemoryRepo, parsePolicyText, runCheck } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { appendAll } from '../../src/append-all.js';
import { capFindings } from '../../src/finding-cap.js';
import type { Finding } from '../../src/finding.js';

const POLICY =
  'version: 1\nproduction_branch: main\nmigrations:\n  alembic: alembic/versions\ndeploy:\n  record: infrastructure/LAST_PROD_DEPLOY.json\n  audit_log: infrastructure/audit.log\n';

function check(files: Record<string, string>) {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error('policy');
  return runCheck({
    policy: parsed.document,
    repo: new MemoryRepo({ 'slipway.yaml': POLICY, ...files }),
    env: {},
  }).findings;
}

describe('big inputs: no stack overflow, a capped report', () => {
  it('appendAll takes more items than a spread call can pass', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    expect(appendAll([-1], many)).toHaveLength(500_001);
  });

  it('a 150,000-line malformed audit log gives 100 findings and "and 149,900 more"', () => {
    const log = Array.from({ length: 150_000 }, (_, i) => `not json ${i}`).join('\n');
    const aud = check({ 'infrastructure/audit.log': `${log}\n` }).filter((f) => f.rule === 'AUD001');
    expect(aud).toHaveLength(101);
    expect(aud[99]?.range.start.line).toBe(99);
    expect(aud[100]).toMatchObject({ severity: 'error', range: { start: { line: 100 } } });
    expect(aud[100]?.message).toMatch(/^…and 149,900 more AUD001 findings in infrastructure\/audit\.log/);
  }, 60_000);

  // The property needs one rule's findings in one file past what a spread call takes (about
  // 125,000 arguments on Node 20): 130,000, checked below, and no more. Scale is the bench's
  // (bench/migrations.bench.mjs); here each op costs what the MIG rules spend on it.
  const DROPS = 130_000;
  it('a migration dropping 130,000 tables (past the arguments a spread call takes) does not overflow the migration family', () => {
    expect(() => [].push(...(Array.from({ length: DROPS }) as never[]))).toThrow(RangeError);
    const body = Array.from({ length: DROPS }, (_, i) => `    op.drop_table('t${i}')`).join('\n');
    const py = `revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n${body}\n\ndef downgrade():\n    raise NotImplementedError("irreversible: test")\n`;
    const mig = check({ 'alembic/versions/a1_drop.py': py }).filter((f) => f.rule === 'MIG001');
    expect(mig).toHaveLength(101);
    expect(mig[100]?.message).toContain('and 129,900 more MIG001 findings');
  }, 120_000);

  it('keeps the worst severity of what it folds, and leaves small reports alone', () => {
    const f = (i: number, severity: Finding['severity']): Finding => ({
      rule: 'X001',
      severity,
      message: `m${i}`,
      file: 'a',
      range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
    });
    const few = [f(0, 'info'), f(1, 'info')];
    expect(capFindings(few, 2)).toBe(few);
    const capped = capFindings([f(0, 'info'), f(1, 'info'), f(2, 'info'), f(3, 'error')], 2);
    expect(capped.map((x) => x.severity)).toEqual(['info', 'info', 'error']);
    expect(capped[2]?.message).toContain('and 2 more X001 findings in a');
    expect(capped[2]?.unlisted).toBe(2);
    expect(capped.slice(0, 2).map((x) => x.unlisted)).toEqual([undefined, undefined]);
  });
});
