import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, Fix } from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCertainFixes } from '../src/apply-fixes.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-fixes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (line: number, from: number, to = from) => ({
  start: { line, character: from },
  end: { line, character: to },
});
const finding = (rule: string, ...fixes: Fix[]): Finding => ({
  rule,
  severity: 'warning',
  message: rule,
  file: 'm.sql',
  range: at(1, 0),
  fixes,
});
const fix = (title: string, edits: [number, number, number, string][], choice = false): Fix => ({
  title,
  edits: edits.map(([line, from, to, newText]) => ({ file: 'm.sql', range: at(line, from, to), newText })),
  ...(choice ? { choice: true as const } : {}),
});

describe('check --fix applies certain fixes whole', () => {
  it('applies the one fix that is not a choice, counting findings, not edits', async () => {
    writeFileSync(join(dir, 'm.sql'), '-- up\nCREATE INDEX i ON t (a);\n');
    const report = await applyCertainFixes(dir, [
      finding(
        'A',
        fix('two edits', [
          [0, 0, 0, '-- top\n'],
          [1, 12, 12, ' CONCURRENTLY'],
        ]),
        fix('a choice', [[0, 0, 5, '-- other']], true),
      ),
      // Two fixes that are not choices: not certain, left alone.
      finding('B', fix('one', [[1, 0, 0, 'X']]), fix('another', [[1, 0, 0, 'Y']])),
    ]);
    expect(report).toEqual({ files: ['m.sql'], applied: 1, skipped: 0, created: [] });
    expect(readFileSync(join(dir, 'm.sql'), 'utf8')).toBe(
      '-- top\n-- up\nCREATE INDEX CONCURRENTLY i ON t (a);\n',
    );
  });

  it('leaves out the whole of a fix one of whose edits overlaps another fix', async () => {
    writeFileSync(join(dir, 'm.sql'), '-- up\nCREATE INDEX i ON t (a);\n');
    const report = await applyCertainFixes(dir, [
      finding('A', fix('replace the marker', [[0, 0, 5, '-- up transaction:false']])),
      // Its second edit overlaps A's: its first must not land alone.
      finding(
        'B',
        fix('two edits', [
          [1, 12, 12, ' CONCURRENTLY'],
          [0, 3, 5, 'down'],
        ]),
      ),
    ]);
    expect(report).toEqual({ files: ['m.sql'], applied: 1, skipped: 1, created: [] });
    expect(readFileSync(join(dir, 'm.sql'), 'utf8')).toBe(
      '-- up transaction:false\nCREATE INDEX i ON t (a);\n',
    );
  });

  // The validate-later fix: NOT VALID in m.sql, a new file with the VALIDATE, shared by findings.
  const validateLater = (newFile: string): Fix => ({
    title: 'NOT VALID, VALIDATE later',
    edits: [
      { file: 'm.sql', range: at(1, 23), newText: ' NOT VALID' },
      { file: newFile, range: at(0, 0), newText: 'VALIDATE;\n', create: true },
    ],
  });

  it('applies a fix several findings share once, creating its new file, and counts them all', async () => {
    writeFileSync(join(dir, 'm.sql'), '-- up\nALTER TABLE t ADD CHECK;\n');
    const shared = validateLater('n/003.sql');
    const report = await applyCertainFixes(dir, [finding('A', shared), finding('B', shared)]);
    expect(report).toEqual({ files: ['m.sql', 'n/003.sql'], applied: 2, skipped: 0, created: ['n/003.sql'] });
    expect(readFileSync(join(dir, 'm.sql'), 'utf8')).toBe('-- up\nALTER TABLE t ADD CHECK NOT VALID;\n');
    expect(readFileSync(join(dir, 'n/003.sql'), 'utf8')).toBe('VALIDATE;\n');
  });

  it('never writes over a file a fix would create, nor half of that fix in the other file', async () => {
    writeFileSync(join(dir, 'm.sql'), '-- up\nALTER TABLE t ADD CHECK;\n');
    writeFileSync(join(dir, 'taken.sql'), 'mine\n');
    const report = await applyCertainFixes(dir, [finding('A', validateLater('taken.sql'))]);
    expect(report).toEqual({ files: [], applied: 0, skipped: 0, created: [] });
    expect(readFileSync(join(dir, 'taken.sql'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(dir, 'm.sql'), 'utf8')).toBe('-- up\nALTER TABLE t ADD CHECK;\n');
  });

  it('leaves the whole fix out where a link to nothing stands at the new file, writing nothing', async () => {
    writeFileSync(join(dir, 'm.sql'), '-- up\nALTER TABLE t ADD CHECK;\n');
    symlinkSync('/nonexistent/elsewhere.sql', join(dir, 'dangling.sql'));
    const report = await applyCertainFixes(dir, [finding('A', validateLater('dangling.sql'))]);
    expect(report).toEqual({ files: [], applied: 0, skipped: 0, created: [] });
    expect(readFileSync(join(dir, 'm.sql'), 'utf8')).toBe('-- up\nALTER TABLE t ADD CHECK;\n');
  });

  it('leaves out the new file too when the in-place edit overlaps another fix', async () => {
    writeFileSync(join(dir, 'm.sql'), '-- up\nALTER TABLE t ADD CHECK;\n');
    const report = await applyCertainFixes(dir, [
      finding('A', fix('the check replaced', [[1, 18, 24, 'X;']])),
      finding('B', validateLater('n/004.sql')),
    ]);
    expect(report).toEqual({ files: ['m.sql'], applied: 1, skipped: 1, created: [] });
    expect(readFileSync(join(dir, 'm.sql'), 'utf8')).toBe('-- up\nALTER TABLE t ADD X;\n');
    expect(() => readFileSync(join(dir, 'n/004.sql'), 'utf8')).toThrow(/ENOENT/);
  });
});
