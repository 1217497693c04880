import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding.js';
import type { RuleMeta } from '../../src/rule-meta.js';
import { applySuppressions } from '../../src/suppressions/apply.js';
import { applyPolicyWaivers, judgePolicyWaivers } from '../../src/suppressions/policy-waivers.js';
import { listPolicyWaivers, listWaivers } from '../../src/suppressions/waiver-list.js';

/**
 * `slipway waivers` lists what the check reads, in file and line order; and the places where a
 * waiver's reach is decided by a detail: the day a policy waiver's length is counted from, the
 * families a policy waiver may not lift, the statement line an SQL comment inside Python covers.
 */

const NOW = new Date('2027-01-02T12:00:00Z');

describe('listWaivers', () => {
  const files: Record<string, string> = {
    'z.sql': '-- slipway: allow MIG001 until 2027-01-10 -- archived\nDROP TABLE z;\n',
    // The SQL comment inside the string (line 3) is read after the file's own comments (line 6).
    'a.py':
      'def upgrade():\n    op.execute("""\n    -- slipway: allow MIG001 -- copied first\n    DROP TABLE a\n    """)\n    # slipway: allow MIG002 -- r\n    op.drop_column("t", "c")\n',
    'gone.sql': '-- slipway: allow MIG001 -- r\n',
  };

  it('reads every listed file that exists, sorted by file then line, each judged on the clock', () => {
    const read = (f: string) => (f === 'gone.sql' ? undefined : files[f]);
    expect(listWaivers(['z.sql', 'gone.sql', 'a.py'], read, NOW, 30)).toStrictEqual([
      {
        file: 'a.py',
        line: 3,
        rules: ['MIG001'],
        reason: 'copied first',
        status: { kind: 'too-long', maxDays: 30 },
      },
      { file: 'a.py', line: 6, rules: ['MIG002'], reason: 'r', status: { kind: 'too-long', maxDays: 30 } },
      {
        file: 'z.sql',
        line: 1,
        rules: ['MIG001'],
        reason: 'archived',
        until: '2027-01-10',
        status: { kind: 'active', daysLeft: 8 },
      },
    ]);
  });
});

const policy = (waivers: string) => {
  const parsed = parsePolicyText(`version: 1\nmax_waiver_days: 30\nwaivers:\n${waivers}`, 'slipway.yaml');
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
  return parsed.document;
};

describe('policy waivers', () => {
  it('lists the approval day only when the entry has one', () => {
    const doc = policy(
      '  - {rule: MIG001, paths: ["db/**"], until: 2027-01-20, reason: r, approved_by: ana, approved_on: 2027-01-01}\n  - {rule: MIG002, paths: ["db/**"], until: 2027-01-20, reason: r, approved_by: bo}\n',
    );
    expect(listPolicyWaivers(doc, NOW).map((w) => w.policy)).toStrictEqual([
      { paths: ['db/**'], approvedBy: 'ana', approvedOn: '2027-01-01' },
      { paths: ['db/**'], approvedBy: 'bo' },
    ]);
  });

  it('counts a waiver’s length from the start of its approval day', () => {
    const entry = (until: string) =>
      policy(
        `  - {rule: MIG001, paths: ["db/**"], until: ${until}, reason: r, approved_by: ana, approved_on: 2027-01-01}\n`,
      );
    expect(judgePolicyWaivers(entry('2027-01-31'), NOW)[0]?.status.kind).toBe('active');
    expect(judgePolicyWaivers(entry('2027-02-01'), NOW)[0]?.status).toStrictEqual({
      kind: 'too-long',
      maxDays: 30,
    });
  });

  it('never lifts a suppression or policy rule’s finding, nor one of an unknown rule', () => {
    const doc = policy(
      ['SUP001', 'POL004', 'XYZ999', 'MIG001']
        .map((rule) => `  - {rule: ${rule}, paths: ["**"], until: 2027-01-20, reason: r, approved_by: ana}\n`)
        .join(''),
    );
    const at = (rule: string): Finding => ({
      rule,
      severity: 'error',
      message: rule,
      file: 'db/a.sql',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    });
    const known = new Map<string, Pick<RuleMeta, 'family'>>([
      ['SUP001', { family: 'SUP' }],
      ['POL004', { family: 'POL' }],
      ['MIG001', { family: 'MIG' }],
    ]);
    const { kept, suppressed } = applyPolicyWaivers(
      ['SUP001', 'POL004', 'XYZ999', 'MIG001'].map(at),
      judgePolicyWaivers(doc, NOW),
      known,
    );
    expect(kept.map((f) => f.rule)).toEqual(['SUP001', 'POL004', 'XYZ999']);
    expect(suppressed.map((s) => s.finding.rule)).toEqual(['MIG001']);
  });
});

describe('an SQL comment inside a Python string', () => {
  const text = 'op.execute("""\n-- slipway: allow MIG001 -- r\nDROP TABLE a\n""")\n';
  const finding = (related: Finding['related']): Finding => ({
    rule: 'MIG001',
    severity: 'error',
    message: 'drop',
    file: 'v/a1.py',
    range: { start: { line: 0, character: 0 }, end: { line: 3, character: 4 } },
    related,
  });
  const at = (file: string, line: number) => ({
    file,
    message: 'statement',
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
  });
  const run = (f: Finding) =>
    applySuppressions([f], ['v/a1.py'], () => text, new Map([['MIG001', {}]]), { now: NOW }).kept.length;

  it('lifts a finding one of whose related statements is on the line it covers', () => {
    expect(run(finding([at('v/other.py', 5), at('v/a1.py', 2)]))).toBe(0);
  });

  it('keeps a finding a guard refuses, saying why; lifts one it lets pass, with the reason and the day', () => {
    const dated = text.replace('MIG001 --', 'MIG001 until 2027-01-10 --');
    const f = finding([at('v/a1.py', 2)]);
    const known = new Map([['MIG001', {}]]);
    const refused = applySuppressions([f], ['v/a1.py'], () => dated, known, {
      now: NOW,
      refuse: () => 'an agent wrote it',
    });
    expect(refused.kept.map((k) => k.message)).toEqual(['drop (Not suppressed: an agent wrote it.)']);
    const passed = applySuppressions([f], ['v/a1.py'], () => dated, known, {
      now: NOW,
      refuse: () => undefined,
    });
    expect(passed.suppressed.map((s) => s.justification)).toEqual(['r (until 2027-01-10)']);
  });

  it('does not lift one whose related statement is that line of another file, or another line', () => {
    expect(run(finding([at('v/other.py', 2)]))).toBe(1);
    expect(run(finding([at('v/a1.py', 1)]))).toBe(1);
    expect(run(finding(undefined))).toBe(1);
  });
});
