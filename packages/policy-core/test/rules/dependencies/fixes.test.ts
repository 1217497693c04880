import { describe, expect, it } from 'vitest';
import type { Finding, TextEdit } from '../../../src/finding.js';
import { applyEditsDetailed, applyFixes } from '../../../src/fixes.js';
import { brief, check, fixtureFiles, ofRule } from './helpers.js';

/** What `check --fix` does: every finding with exactly one fix, applied per file. */
function applyCertain(files: Record<string, string>, findings: Finding[]): Record<string, string> {
  const byFile = new Map<string, TextEdit[]>();
  for (const f of findings) {
    if (f.fixes?.length !== 1) continue;
    for (const e of f.fixes[0]?.edits ?? []) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  }
  const out = { ...files };
  for (const [file, edits] of byFile) out[file] = applyFixes(out[file] ?? '', edits);
  return out;
}

describe('fixes', () => {
  for (const [fixture, rule] of [
    ['DEP001/trigger', 'DEP001'],
    ['DEP002/trigger', 'DEP002'],
    ['DEP003/trigger', 'DEP003'],
    ['DEP004/trigger', 'DEP004'],
    ['DEP005/trigger', 'DEP005'],
    ['DEP011/trigger', 'DEP011'],
  ] as const) {
    it(`${rule}: applying the certain fixes clears the rule`, () => {
      const files = fixtureFiles(fixture);
      const before = check(files).findings;
      expect(ofRule(before, rule).length).toBeGreaterThan(0);
      const after = check(applyCertain(files, before)).findings;
      // A URL requirement has no certain fix (DEP001 keeps it); everything else is gone.
      expect(brief(ofRule(after, rule))).toEqual(
        rule === 'DEP001' ? ['DEP001 backend/requirements.txt:5:0-44'] : [],
      );
    });
  }

  it('pins to the lock version in place, keeping extras, marker and comments', () => {
    const files = {
      ...fixtureFiles('DEP001/trigger'),
      'backend/requirements.txt': 'sqlalchemy[asyncio] ; python_version >= "3.8"  # the ORM\n',
    };
    const fixed = applyCertain(files, check(files).findings);
    expect(fixed['backend/requirements.txt']).toBe(
      'sqlalchemy[asyncio]==2.0.25 ; python_version >= "3.8"  # the ORM\n',
    );
  });

  it('adds a missing lock line in sorted position and keeps the rest byte for byte', () => {
    const files = fixtureFiles('DEP003/trigger');
    const fixed = applyCertain(files, check(files).findings);
    expect(fixed['backend/requirements.lock']).toBe('fastapi==0.110.0\nhttpx==0.26.0\nrequests==2.31.0\n');
  });

  it('removes an unrequired entry with its hashes and via block only', () => {
    const files = fixtureFiles('DEP005/trigger');
    const fixed = applyCertain(files, check(files).findings);
    expect(fixed['backend/requirements.lock']).toBe(
      'requests==2.31.0 \\\n    --hash=sha256:bbbb\n    # via -r requirements.txt\n',
    );
  });

  it('copies extras and markers onto hashed entries without touching the hashes', () => {
    const files = fixtureFiles('DEP011/trigger');
    const fixed = applyCertain(files, check(files).findings);
    expect(fixed['backend/requirements.lock']).toBe(
      'requests[socks]==2.31.0 \\\n    --hash=sha256:aaaa\nuvicorn==0.27.0 ; python_version >= "3.8" \\\n    --hash=sha256:bbbb\n',
    );
  });
});

describe('applyFixes', () => {
  const r = (l1: number, c1: number, l2: number, c2: number) => ({
    start: { line: l1, character: c1 },
    end: { line: l2, character: c2 },
  });

  it('applies non-overlapping edits in document order whatever order they come in', () => {
    const text = 'a==1\nb==2\nc==3\n';
    expect(
      applyFixes(text, [
        { range: r(2, 3, 2, 4), newText: '9' },
        { range: r(0, 3, 0, 4), newText: '7' },
      ]),
    ).toBe('a==7\nb==2\nc==9\n');
  });

  it('skips an edit overlapping an earlier one and counts it', () => {
    const res = applyEditsDetailed('abcdef', [
      { range: r(0, 1, 0, 4), newText: 'X' },
      { range: r(0, 2, 0, 5), newText: 'Y' },
    ]);
    expect(res).toEqual({ text: 'aXef', applied: 1, skipped: 1, skippedEdits: [1] });
  });

  it('applies two insertions at one point in the given order', () => {
    expect(
      applyFixes('ab', [
        { range: r(0, 1, 0, 1), newText: '1' },
        { range: r(0, 1, 0, 1), newText: '2' },
      ]),
    ).toBe('a12b');
  });
});
