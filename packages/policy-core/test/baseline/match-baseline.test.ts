import {
  type Baseline,
  buildBaseline,
  type Finding,
  matchBaseline,
  parseBaseline,
  serializeBaseline,
  sha256Hex,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** A finding of `rule` on `line` (0-based) of `file`: the matcher, not a rule, is under test. */
const finding = (rule: string, file: string, line: number): Finding => ({
  rule,
  severity: 'error',
  message: `${rule} at ${line}`,
  file,
  range: { start: { line, character: 4 }, end: { line, character: 20 } },
});

const MIGRATION = [
  'def upgrade():',
  '    op.drop_table("legacy")',
  '    op.drop_column("users", "age")',
  '',
  'def downgrade():',
  '    pass',
].join('\n');

/** Fingerprints today's findings over `files`, then matches `later` over `changed` files. */
function roundTrip(
  files: Record<string, string>,
  today: Finding[],
  changed: Record<string, string>,
  later: Finding[],
) {
  const baseline = buildBaseline(today, (f) => files[f], sha256Hex);
  return matchBaseline(later, (f) => changed[f], baseline, { sha256: sha256Hex });
}

describe('baseline fingerprints and matching', () => {
  const files: Record<string, string> = { 'm.py': MIGRATION };
  const today = [finding('MIG001', 'm.py', 1), finding('MIG002', 'm.py', 2)];

  it('accepts every finding it was built from', () => {
    const m = roundTrip(files, today, files, today);
    expect(m.newFindings).toEqual([]);
    expect(m.baselined).toHaveLength(2);
    expect(m.stale).toEqual([]);
  });

  it('keeps its fingerprints when lines are inserted above (and blank lines around)', () => {
    const shifted = `import sqlalchemy as sa\nfrom alembic import op\n\n\n${MIGRATION.replace('def upgrade():', 'def upgrade():\n\n')}`;
    const later = [finding('MIG001', 'm.py', 7), finding('MIG002', 'm.py', 8)];
    expect(shifted.split('\n')[7]).toContain('drop_table');
    const m = roundTrip(files, today, { 'm.py': shifted }, later);
    expect(m.newFindings).toEqual([]);
    expect(m.baselined.map((f) => f.rule)).toEqual(['MIG001', 'MIG002']);
  });

  it('makes a finding on a changed line new, and reports the entry it no longer matches as stale', () => {
    // Lines between the two: MIG002's neighbours are not the edited line.
    const apart = MIGRATION.replace(
      '    op.drop_column',
      '    log("dropped")\n    log("now the column")\n    op.drop_column',
    );
    const later = [finding('MIG001', 'm.py', 1), finding('MIG002', 'm.py', 4)];
    const edited = apart.replace('"legacy"', '"payments"');
    const m = roundTrip({ 'm.py': apart }, later, { 'm.py': edited }, later);
    expect(m.newFindings.map((f) => f.rule)).toEqual(['MIG001']);
    expect(m.baselined.map((f) => f.rule)).toEqual(['MIG002']);
    expect(m.stale.map((e) => e.rule)).toEqual(['MIG001']);
  });

  it('makes a finding new when the line beside it changes (its context is part of it)', () => {
    const edited = MIGRATION.replace('"legacy"', '"payments"');
    const m = roundTrip(files, today, { 'm.py': edited }, today);
    expect(m.newFindings.map((f) => f.rule)).toEqual(['MIG001', 'MIG002']);
  });

  it('gives identical lines occurrence counters: a copy of an accepted line is one new finding', () => {
    const twice = 'x\n    op.drop_table("t")\ny\n    op.drop_table("t")\ny\n';
    const built = buildBaseline(
      [finding('MIG001', 'a.py', 1), finding('MIG001', 'a.py', 3)],
      () => twice.replace('x\n', 'y\n'),
      sha256Hex,
    );
    expect(built.findings.map((e) => e.occurrence)).toEqual([1, 2]);
    expect(built.findings[0]?.fingerprint).toBe(built.findings[1]?.fingerprint);
    const thrice = `${twice.replace('x\n', 'y\n')}    op.drop_table("t")\ny\n`;
    const m = matchBaseline(
      [finding('MIG001', 'a.py', 1), finding('MIG001', 'a.py', 3), finding('MIG001', 'a.py', 5)],
      () => thrice,
      built,
      { sha256: sha256Hex },
    );
    expect(m.baselined).toHaveLength(2);
    expect(m.newFindings.map((f) => f.range.start.line)).toEqual([5]);
  });

  it('never lets an entry accept a finding of another rule or another file', () => {
    const baseline = buildBaseline([finding('MIG001', 'm.py', 1)], () => MIGRATION, sha256Hex);
    const entry = baseline.findings[0];
    if (!entry) throw new Error('no entry');
    const m = matchBaseline(
      [finding('MIG002', 'm.py', 1), finding('MIG001', 'other.py', 1)],
      () => MIGRATION,
      // The same fingerprint, copied under the other rule and file: still only its own.
      { version: 1, findings: [entry] },
      { sha256: sha256Hex },
    );
    expect(m.baselined).toEqual([]);
    expect(m.newFindings).toHaveLength(2);
    expect(m.stale).toEqual([entry]);
  });

  it('never accepts a finding in the files it is told to keep (the baseline file itself)', () => {
    const f = finding('POL001', '.slipway/baseline.json', 0);
    const baseline = buildBaseline([f], () => '{}', sha256Hex);
    const m = matchBaseline([f], () => '{}', baseline, { sha256: sha256Hex, never: new Set([f.file]) });
    expect(m.newFindings).toEqual([f]);
  });

  it('counts as stale only entries of rules that were judged (a --rule filter)', () => {
    const baseline = buildBaseline(today, (f) => files[f], sha256Hex);
    const m = matchBaseline([], () => MIGRATION, baseline, {
      sha256: sha256Hex,
      judged: (e) => e.rule === 'MIG002',
    });
    expect(m.stale.map((e) => e.rule)).toEqual(['MIG002']);
  });
});

describe('the baseline file', () => {
  const baseline: Baseline = buildBaseline(
    [finding('MIG002', 'b.py', 2), finding('MIG001', 'a.py', 1)],
    () => MIGRATION,
    sha256Hex,
  );

  it('is written sorted, one entry a line, and reads back as written', () => {
    const text = serializeBaseline(baseline);
    expect(
      text
        .split('\n')
        .filter((l) => l.includes('"rule"'))
        .map((l) => JSON.parse(l.replace(/,$/, '')).file),
    ).toEqual(['a.py', 'b.py']);
    expect(serializeBaseline({ ...baseline, findings: [...baseline.findings].reverse() })).toBe(text);
    const read = parseBaseline(text, 'bl.json');
    expect(read.ok && serializeBaseline(read.baseline)).toBe(text);
  });

  it.each([
    ['bad JSON', '{"version": 1, "findings": [', 'bl.json:1:29: invalid baseline:'],
    [
      'another version',
      '{\n  "version": 2,\n  "findings": []\n}',
      'bl.json:2:14: invalid baseline: version 2 is not one this Slipway reads (1)',
    ],
    [
      'a wrong field',
      '{"version": 1, "findings": [\n {"rule": "MIG001", "file": "a.py", "fingerprint": "zz", "occurrence": 1}]}',
      'bl.json:2:52: invalid baseline: `findings.0.fingerprint`: must be 32 lowercase hex digits',
    ],
    [
      'an unknown key',
      '{"version": 1, "findings": [], "hide": ["MIG001"]}',
      'bl.json:1:1: invalid baseline:',
    ],
  ])('refuses %s with its place and what to do', (_what, text, start) => {
    const read = parseBaseline(text, 'bl.json');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem.startsWith(start), read.problem).toBe(true);
    expect(read.problem).toContain('run `slipway baseline` to write it again');
  });

  it('refuses a repeated entry', () => {
    const e = baseline.findings[0];
    const read = parseBaseline(JSON.stringify({ version: 1, findings: [e, e] }), 'bl.json');
    expect(read.ok ? '' : read.problem).toContain('entry 2 repeats an earlier one');
  });

  it('refuses a file past the size limit before parsing it', () => {
    const huge = `{"version": 1, "findings": [], "pad": "${'x'.repeat(17 * 1024 * 1024)}"}`;
    const read = parseBaseline(huge, 'bl.json');
    expect(read.ok ? '' : read.problem).toMatch(
      /^bl\.json:1:1: invalid baseline: it is 17 MB, past the limit of 16 MB/,
    );
  });
});
