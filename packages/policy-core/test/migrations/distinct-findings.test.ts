import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding.js';
import { distinctFindings } from '../../src/rules/migrations/facts/distinct-findings.js';

const at = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 20 } });
const finding = (line: number, extra: Partial<Finding> = {}): Finding => ({
  rule: 'MIG001',
  severity: 'error',
  message: 'drops a table',
  file: 'migrations/1.ts',
  range: at(line),
  ...extra,
});

describe('each finding once', () => {
  it('drops a finding alike in everything, in the order found', () => {
    const out = distinctFindings([finding(3), finding(5), finding(3), finding(3), finding(5)]);
    expect(out.map((f) => f.range.start.line)).toEqual([3, 5]);
  });

  it('keeps findings alike in rule, file, place and message that differ in anything else', () => {
    const a = finding(3, { related: [{ file: 'migrations/1.ts', range: at(9), message: 'called here' }] });
    const b = finding(3, { related: [{ file: 'migrations/1.ts', range: at(11), message: 'called here' }] });
    const c = finding(3, { severity: 'warning' });
    const out = distinctFindings([a, b, c, { ...b }, finding(3, { severity: 'warning' })]);
    expect(out).toEqual([a, b, c]);
  });

  it('keeps findings that differ only in message, rule, file or place', () => {
    const fs = [
      finding(3),
      finding(3, { message: 'other' }),
      finding(3, { rule: 'MIG002' }),
      finding(3, { file: 'migrations/2.ts' }),
      finding(4),
    ];
    expect(distinctFindings(fs)).toEqual(fs);
  });
});
