import { describe, expect, it } from 'vitest';
import { parseApplyPatch } from '../../src/agent-gate/apply-patch.js';
import { LIMITS } from '../../src/limits.js';

/**
 * Codex's apply_patch format, read as Codex's own parser reads it (openai/codex
 * codex-rs/apply-patch/src/parser.rs @0e0fb63d; the cases below mirror its tests). What matters
 * most: the gate sees exactly the files Codex writes, where a reader that trims, splits or
 * accepts differently would judge one file while Codex writes another.
 */
const patch = (...lines: string[]) => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');

describe('parseApplyPatch', () => {
  it('reads add, delete and update with a move and an anchored hunk (Codex test_parse_patch)', () => {
    expect(
      parseApplyPatch(
        patch(
          '*** Add File: path/add.py',
          '+abc',
          '+def',
          '*** Delete File: path/delete.py',
          '*** Update File: path/update.py',
          '*** Move to: path/update2.py',
          '@@ def f():',
          '-    pass',
          '+    return 123',
        ),
      ),
    ).toEqual([
      { op: 'add', path: 'path/add.py', content: 'abc\ndef\n' },
      { op: 'delete', path: 'path/delete.py' },
      {
        op: 'update',
        path: 'path/update.py',
        moveTo: 'path/update2.py',
        hunks: [
          {
            anchor: 'def f():',
            lines: [
              { kind: 'remove', text: '    pass' },
              { kind: 'add', text: '    return 123' },
            ],
          },
        ],
      },
    ]);
  });

  it('reads several hunks, context and empty lines as context, and *** End of File', () => {
    expect(
      parseApplyPatch(
        patch(
          '*** Update File: a.py',
          ' import os',
          '',
          '+import sys',
          '@@',
          '-x = 1',
          '+x = 2',
          '*** End of File',
        ),
      ),
    ).toEqual([
      {
        op: 'update',
        path: 'a.py',
        hunks: [
          {
            lines: [
              { kind: 'context', text: 'import os' },
              { kind: 'context', text: '' },
              { kind: 'add', text: 'import sys' },
            ],
          },
          {
            lines: [
              { kind: 'remove', text: 'x = 1' },
              { kind: 'add', text: 'x = 2' },
            ],
            endOfFile: true,
          },
        ],
      },
    ]);
  });

  it('an update followed by an add is two files; an empty patch is none', () => {
    expect(
      parseApplyPatch(patch('*** Update File: file.py', '@@', '+line', '*** Add File: other.py', '+content')),
    ).toEqual([
      { op: 'update', path: 'file.py', hunks: [{ lines: [{ kind: 'add', text: 'line' }] }] },
      { op: 'add', path: 'other.py', content: 'content\n' },
    ]);
    expect(parseApplyPatch(patch())).toEqual([]);
  });

  it('reads a patch wrapped in a heredoc, with CRLF line ends and padded markers, as Codex does', () => {
    const wrapped = `<<'EOF'\n${patch('*** Add File: a.txt', '+hi')}\nEOF\n`;
    expect(parseApplyPatch(wrapped)).toEqual([{ op: 'add', path: 'a.txt', content: 'hi\n' }]);
    expect(parseApplyPatch('*** Begin Patch \r\n *** Add File: a.txt \r\n+hi\r\n *** End Patch\r\n')).toEqual(
      [{ op: 'add', path: 'a.txt', content: 'hi\n' }],
    );
  });

  it('a header path ending in U+0085 names the file without it, as Rust trims it (near miss: é stays)', () => {
    expect(parseApplyPatch(patch('*** Add File: slipway.yaml\u0085', '+x'))).toEqual([
      { op: 'add', path: 'slipway.yaml', content: 'x\n' },
    ]);
    expect(parseApplyPatch(patch('*** Delete File: db/versions/0001\u00a0'))).toEqual([
      { op: 'delete', path: 'db/versions/0001' },
    ]);
    expect(parseApplyPatch(patch('*** Delete File: café.py'))).toEqual([{ op: 'delete', path: 'café.py' }]);
    // U+FEFF is not whitespace to Rust: Codex rejects this patch, and so does the gate.
    expect(parseApplyPatch(`\ufeff${patch('*** Delete File: a')}`)).toBe(
      "the first line of the patch must be '*** Begin Patch'",
    );
  });

  it('reads long runs of white space inside lines in one pass (a trim by regular expression took minutes)', () => {
    // `[ws]+$` tried every start in a run of spaces: a patch with 150,000 of them before an `x`
    // held the hook a minute, past the agent's hook timeout, which lets the call run.
    const run = ' '.repeat(400_000);
    const text = patch('*** Add File: db/003_drop.sql', '+DROP TABLE users;', `+--${run}x`);
    expect(parseApplyPatch(`${run}${text}${run}`)).toEqual([
      { op: 'add', path: 'db/003_drop.sql', content: `DROP TABLE users;\n--${run}x\n` },
    ]);
    expect(parseApplyPatch(patch(`*** Delete File: a${run}b`))).toEqual([{ op: 'delete', path: `a${run}b` }]);
  });

  it.each([
    ['bad', "the first line of the patch must be '*** Begin Patch'"],
    ['*** Begin Patch\nbad', "the last line of the patch must be '*** End Patch'"],
    ['*** Begin Patch', "the last line of the patch must be '*** End Patch'"],
    [patch('*** Update File: test.py'), "line 2: the update of 'test.py' has no hunks"],
    [patch('*** Add File: a', 'oops'), "line 3: 'oops' is not a valid file header"],
    [patch('*** Update File: a', '@@ one', '@@ two', '-x'), "line 2: unexpected line in a hunk: '@@ two'"],
    [patch('*** Update File: a', '@@', '-x', 'junk'), "line 2: a hunk must start with '@@', not 'junk'"],
    [patch('*** Update File: a', '@@', '*** End of File'), 'line 2: a hunk has no lines'],
    [patch('*** Update File: a', 'junk'), "line 2: unexpected line in a hunk: 'junk'"],
    [patch('*** Add File:'), "line 2: '*** Add File:' is not a valid file header"],
    [patch('*** Update File: a', '*** Move to: ', '@@', '-x'), "line 2: the move of 'a' names no path"],
  ])('refuses %j', (text, why) => {
    const read = parseApplyPatch(text);
    expect(typeof read).toBe('string');
    expect(read as string).toMatch(new RegExp(`^${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('quotes a bad line short and printable, however long or hostile it is', () => {
    const read = parseApplyPatch(patch(`*** Frobnicate \u001b[2J${'x'.repeat(100_000)}`));
    expect(read).toMatch(/^line 2: '\*\*\* Frobnicate \\x1B\[2Jx+…' is not a valid file header/);
    expect((read as string).length).toBeLessThan(300);
  });

  it('refuses a patch past the size or file limits unread (near miss: at the file limit it is read)', () => {
    const huge = patch('*** Add File: a', `+${'x'.repeat(LIMITS.agentGate.textChars)}`);
    expect(parseApplyPatch(huge)).toMatch(/^the patch has \d+ characters, past the limit of 33554432/);
    const deletes = (n: number) => patch(...Array.from({ length: n }, (_, i) => `*** Delete File: f${i}`));
    expect(parseApplyPatch(deletes(LIMITS.agentGate.patchFiles + 1))).toBe(
      'the patch changes more than 10000 files',
    );
    expect(parseApplyPatch(deletes(LIMITS.agentGate.patchFiles))).toHaveLength(LIMITS.agentGate.patchFiles);
  });
});
