import { describe, expect, it } from 'vitest';
import { reparseRequirementsFile } from '../../../src/requirements/incremental-parse.js';
import { parseRequirementsFile } from '../../../src/requirements/requirements-file.js';
import { DepFile } from '../../../src/requirements/dep-file.js';
import { LineIndex } from '../../../src/text-position.js';
import { Gen, mulberry32 } from '../../requirements/helpers/generate-lines.js';

// DepFile counts positions from the nearest parsed line instead of indexing the whole text;
// every offset must land where a full line index puts it, also after incremental re-parses.
const PIECES = [
  'requests==2.31.0\n',
  'fastapi==0.110.0 \\\n    --hash=sha256:aaaa \\\n    --hash=sha256:bbbb\n    # via -r requirements.in\n',
  '# a comment \\\n',
  'flask[async] == 3.0.0 ; python_version >= "3.8"  # why\n',
  '\n',
  '  \t\n',
  'idna==3.6\r\n',
  'x'.repeat(5000),
  '\n\n\n',
];

describe('DepFile positions', () => {
  it('equal a full line index for every offset, after edits too', () => {
    const g = new Gen(mulberry32(3));
    for (let round = 0; round < 60; round++) {
      let text =
        (g.chance(0.2) ? '\ufeff' : '') +
        Array.from({ length: 2 + g.int(10) }, () => g.pick(PIECES)).join('');
      let parsed = parseRequirementsFile('r.txt', text);
      for (let step = 0; step < 3; step++) {
        const index = new LineIndex(text);
        const wrong: string[] = [];
        for (let offset = -1; offset <= text.length + 1; offset++) {
          // A fresh DepFile each time: a lookup far from any parsed line builds the full index,
          // which every later lookup on the same DepFile would use.
          const a = new DepFile('r.txt', text, parsed).position(offset);
          const b = index.position(offset);
          if (a.line !== b.line || a.character !== b.character)
            wrong.push(`${offset}: ${a.line}:${a.character} instead of ${b.line}:${b.character}`);
        }
        expect(wrong, JSON.stringify(text.slice(0, 200))).toEqual([]);
        const at = g.int(text.length + 1);
        text = `${text.slice(0, at)}${g.pick(['\n', 'a==1\n', '\\\n', ''])}${text.slice(at + g.int(3))}`;
        parsed = reparseRequirementsFile(parsed, text, { consumePrevious: true });
      }
    }
  });
});
