import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding.js';
import { FindingsByLine } from '../../src/suppressions/findings-by-line.js';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });
const finding = (id: string, rule: string, line: number, related: [string, number][] = []): Finding =>
  ({
    rule,
    severity: 'error',
    message: id,
    file: 'db/m.py',
    range: at(line),
    related: related.map(([file, l]) => ({ file, range: at(l), message: 'r' })),
  }) as Finding;

describe('FindingsByLine: the findings an allow comment covers, looked up by rule and line', () => {
  const findings = [
    finding('a', 'MIG001', 4),
    finding('b', 'MIG001', 9, [['db/m.py', 4]]),
    finding('c', 'MIG002', 4),
    finding('d', 'MIG001', 4, [
      ['db/m.py', 4],
      ['db/m.py', 4],
    ]),
    finding('e', 'MIG001', 7, [['other.sql', 4]]),
  ];
  const index = new FindingsByLine('db/m.py', findings);
  const ids = (fs: Finding[]) => fs.map((f) => f.message);

  it('gives those of the rule starting on the line, in their order', () => {
    expect(ids(index.on('MIG001', 4, false))).toEqual(['a', 'd']);
    expect(ids(index.on('MIG002', 4, false))).toEqual(['c']);
    expect(ids(index.on('MIG001', 5, false))).toEqual([]);
  });

  it('adds, for an embedded comment, those pointing at the line of this file, each once and in order', () => {
    expect(ids(index.on('MIG001', 4, true))).toEqual(['a', 'b', 'd']);
    expect(ids(index.on('MIG001', 9, true))).toEqual(['b']);
  });
});
