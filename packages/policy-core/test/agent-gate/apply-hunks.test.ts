import { describe, expect, it } from 'vitest';
import { applyHunks } from '../../src/agent-gate/apply-hunks.js';
import type { PatchHunk } from '../../src/agent-gate/tool-call.js';

/**
 * Where Codex's apply_patch puts a hunk (openai/codex codex-rs/apply-patch/src/lib.rs
 * compute_replacements, seek_sequence.rs). Each expected text is what that code, transcribed
 * into a Rust program of its own, wrote for the same file and hunks.
 */
const hunk = (lines: string[], opts: { anchor?: string; endOfFile?: boolean } = {}): PatchHunk => ({
  ...opts,
  lines: lines.map((l) => ({
    kind: l[0] === '-' ? 'remove' : l[0] === '+' ? 'add' : 'context',
    text: l.slice(1),
  })),
});

describe('applyHunks', () => {
  it('looks for the lines after the @@ anchor line, not from the top', () => {
    const file = '/*\nSELECT 1;\n*/\nSELECT 1;\n';
    expect(applyHunks(file, [hunk(['-SELECT 1;', '+DROP TABLE users;'], { anchor: '*/' })])).toBe(
      '/*\nSELECT 1;\n*/\nDROP TABLE users;\n',
    );
    // Near miss: anchored before the first, the hunk lands in the comment.
    expect(applyHunks(file, [hunk(['-SELECT 1;', '+DROP TABLE users;'], { anchor: '/*' })])).toBe(
      '/*\nDROP TABLE users;\n*/\nSELECT 1;\n',
    );
    expect(applyHunks(file, [hunk(['-SELECT 1;', '+x'], { anchor: 'nowhere' })])).toBeUndefined();
  });

  it('takes an exact match anywhere before a match with trailing spaces ignored', () => {
    expect(applyHunks('/*\nSELECT 1; \n*/\nSELECT 1;\n', [hunk(['-SELECT 1;', '+DROP TABLE users;'])])).toBe(
      '/*\nSELECT 1; \n*/\nDROP TABLE users;\n',
    );
  });

  it('puts a hunk of added lines only at the end, before a last empty line', () => {
    expect(applyHunks('a\nb\nc\n', [hunk(['-a', '+A']), hunk(['+x'])])).toBe('A\nb\nc\nx\n');
    expect(applyHunks('a\nb\n\n', [hunk(['+x'])])).toBe('a\nb\nx\n');
  });

  it('matches with both ends trimmed, then with typographic dashes, quotes and spaces as ASCII', () => {
    expect(applyHunks('  SELECT 1;\n', [hunk(['-SELECT 1;', '+DROP TABLE users;'])])).toBe(
      'DROP TABLE users;\n',
    );
    expect(
      applyHunks('SELECT \u2018a\u2019 \u2014 1;\n', [hunk(["-SELECT 'a' - 1;", '+DROP TABLE users;'])]),
    ).toBe('DROP TABLE users;\n');
    // U+FEFF is not white space to Rust: no match, the text unknown.
    expect(applyHunks('\ufeffSELECT 1;\n', [hunk(['-SELECT 1;', '+x'])])).toBeUndefined();
  });

  it('*** End of File matches at the end only; a last empty old line is tried without it', () => {
    expect(applyHunks('x\ny\nx\n', [hunk(['-x', '+z'], { endOfFile: true })])).toBe('x\ny\nz\n');
    expect(applyHunks('a\nb', [hunk(['-b', '+c', ' '])])).toBe('a\nc\n');
    expect(applyHunks('f\ng\nf\ng\n', [hunk(['-f', '+F'], { anchor: 'g' }), hunk(['-g', '+G'])])).toBe(
      'f\ng\nF\nG\n',
    );
  });
});
