import { describe, expect, it } from 'vitest';
import { reparseRequirementsFile } from '../../src/requirements/incremental-parse.js';
import { pinOf } from '../../src/requirements/pin.js';
import { parseRequirementsFile, type RequirementsFile } from '../../src/requirements/requirements-file.js';
import { Gen, mulberry32 } from './helpers/generate-lines.js';

const PIECES = [
  'requests==2.31.0\n',
  'fastapi==0.110.0 \\\n    --hash=sha256:aaaa \\\n    --hash=sha256:bbbb\n    # via -r requirements.in\n',
  '# a comment \\\n',
  'flask[async] == 3.0.0 ; python_version >= "3.8"  # why\n',
  '-r base.txt\n',
  '--index-url https://pypi.org/simple\n',
  'broken==2.0.x\n',
  'idna==3.6 \\\n',
  '\n',
  '  \t\n',
  'name @ https://example.com/x.whl#egg=name\r\n',
];
/**
 * A requirement's offsets, specifiers and pin are computed from its line when asked (they are
 * not fields, so toEqual does not see them): compared here explicitly.
 */
function offsets(f: RequirementsFile) {
  return f.requirements.map((r) => {
    const pin = pinOf(r);
    return [
      [r.start, r.end, r.nameStart, r.nameEnd, r.extrasStart, r.extrasEnd],
      [r.specStart, r.specEnd, r.markerStart, r.markerEnd],
      r.specifiers,
      pin && [pin.op, pin.version, pin.start, pin.end],
    ];
  });
}

const EDITS = ['', '\n', '\\', '\\\n', '#', ' ', '1', '==', '\n# c\n', 'x', '\r\n', 'pkg==1.0\n'];

describe('incremental re-parse', () => {
  for (const consumePrevious of [false, true])
    it(`equals a full parse after random edits of random files (consumePrevious: ${consumePrevious})`, () => {
      const g = new Gen(mulberry32(7));
      for (let round = 0; round < 400; round++) {
        let text = Array.from({ length: 3 + g.int(12) }, () => g.pick(PIECES)).join('');
        let prev = parseRequirementsFile('r.txt', text);
        for (let step = 0; step < 5; step++) {
          const at = g.int(text.length + 1);
          const del = g.chance(0.5) ? g.int(Math.min(6, text.length - at) + 1) : 0;
          text = text.slice(0, at) + g.pick(EDITS) + text.slice(at + del);
          const inc = reparseRequirementsFile(prev, text, { consumePrevious });
          const full = parseRequirementsFile('r.txt', text);
          expect(inc, JSON.stringify(text)).toEqual(full);
          expect(offsets(inc), JSON.stringify(text)).toEqual(offsets(full));
          prev = inc;
        }
      }
    });

  // Long files: the unchanged prefix and suffix are found a kilobyte at a time, then by character.
  it('equals a full parse after random edits of files of several kilobytes', () => {
    const g = new Gen(mulberry32(11));
    for (let round = 0; round < 40; round++) {
      let text = Array.from({ length: 60 + g.int(200) }, () => g.pick(PIECES)).join('');
      let prev = parseRequirementsFile('r.txt', text);
      for (let step = 0; step < 8; step++) {
        const at = g.int(text.length + 1);
        const del = g.chance(0.5) ? g.int(Math.min(6, text.length - at) + 1) : 0;
        text = text.slice(0, at) + g.pick(EDITS) + text.slice(at + del);
        const consumePrevious = g.chance(0.5);
        const inc = reparseRequirementsFile(prev, text, { consumePrevious });
        const full = parseRequirementsFile('r.txt', text);
        expect(inc, `round ${round} step ${step}`).toEqual(full);
        expect(offsets(inc), `round ${round} step ${step}`).toEqual(offsets(full));
        prev = inc;
      }
    }
  });
});
