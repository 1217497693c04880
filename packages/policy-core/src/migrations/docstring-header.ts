import type { LineIndex } from '../text-position.js';
import type { Located } from './located.js';
import type { DecodedString } from './python-string.js';

/** The header Alembic writes into a migration's docstring. */
export interface DocstringHeader {
  revisionId?: Located<string>;
  /** `Revises: a, b` (empty for a root, which Alembic writes as `Revises:`). */
  revises?: Located<string[]>;
}

/**
 * Reads `Revision ID:` and `Revises:` lines from the module docstring. This is text inside a
 * string value, not Python structure, so reading it line by line is what Alembic's template
 * writes and what a person reads.
 */
export function readDocstringHeader(doc: DecodedString, lines: LineIndex): DocstringHeader {
  const header: DocstringHeader = {};
  let lineStart = 0;
  const text = doc.value;
  // The header sits at the top; a long docstring below it is not scanned.
  for (let n = 0; lineStart <= text.length && n < 40 && !(header.revisionId && header.revises); n++) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    const colon = line.indexOf(':');
    if (colon > 0) {
      const key = line.slice(0, colon).trim().toLowerCase();
      if (key === 'revision id' || key === 'revises') {
        const raw = line.slice(colon + 1);
        const lead = raw.length - raw.trimStart().length;
        const from = lineStart + colon + 1 + lead;
        const to = lineStart + line.trimEnd().length;
        const range = lines.range(doc.offsetAt(from), doc.offsetAt(Math.max(from, to)));
        const value = raw.trim();
        if (key === 'revision id') header.revisionId = { value, range };
        else
          header.revises = {
            value: value
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '' && s.toLowerCase() !== 'none'),
            range,
          };
      }
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return header;
}
