import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSlipwayEventTrailer, trailerLines } from '../../src/deploy/commit-trailers.js';
import { cleanup, git, tempDir } from '../node/git-fixture.js';

afterAll(cleanup);

const PICKED = '(cherry picked from commit 2fd5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)';

/** Message bodies (after the subject) and whether they carry a Slipway-Event trailer. */
const CASES: [string, boolean][] = [
  // cherry-pick -x appends its line to the trailer block; git counts it as a trailer.
  [`Slipway-Event: PROMOTE production x\n${PICKED}`, true],
  [`why\n\nSlipway-Event: PROMOTE production x\n${PICKED}\n`, true],
  // A git-generated trailer lowers the bar to 25% trailers: 2 of 5 lines here…
  ['some prose\nmore prose\nand more\nSigned-off-by: A <a@x>\nSlipway-Event: ROLLBACK production', true],
  // …but 2 of 9 is below it.
  ['p1\np2\np3\np4\np5\np6\np7\nSigned-off-by: A <a@x>\nSlipway-Event: ROLLBACK production', false],
  // Without a git-generated trailer every line must be one.
  ['why\nSlipway-Event: PROMOTE production', false],
  ['Slipway-Event: none, edited by hand\n\nmore text here', false],
  ['Slipway-Event: PROMOTE production\nthen prose', false],
  // Continuation lines belong to the trailer above them; after prose they are prose.
  ['Signed-off-by: A <a@x>\nSlipway-Event: ROLLBACK production\n  continued', true],
  ['  indented first\nSlipway-Event: x', false],
  // A comment between a trailer and indented lines: git counts those lines as prose, not its value.
  ['Slipway-Event: x\n# note\n  continued', false],
  // An old Conflicts: block ends where a line that is neither a path nor a comment follows it.
  ['Conflicts:\n\tpath\nSlipway-Event: x\n\n\tmore', false],
  // Spaces before the colon, other trailers, trailing blank lines, CRLF, comment lines.
  ['Slipway-Event : PROMOTE production', true],
  ['Reviewed-by: B\nSlipway-Event: x\n\n\n', true],
  ['why\r\n\r\nSlipway-Event: UNPIN production\r\n', true],
  ['Slipway-Event: x\n# a comment line', true],
  // Only the last paragraph is the block.
  ['Slipway-Event: x\n\nSigned-off-by: A <a@x>', false],
  // An empty value is a trailer line to git, but not a Slipway event.
  ['Slipway-Event:\nOther: y', false],
  // git ignores the patch divider when reading a commit's trailers.
  ['Slipway-Event: x\n---\nmore', false],
  ['', false],
  // No space after the colon is a trailer with its value; spaces alone are no value.
  ['Slipway-Event:PROMOTE production', true],
  ['Slipway-Event: \nOther: y', false],
  // A comment above a line of spaces at the end: both ignored, the block is above them.
  ['Slipway-Event: x\n\n# c\n  ', true],
];

/** Bodies whose block git reads as exactly these lines (an old Conflicts: block then a comment). */
const LINES: [string, string[]][] = [
  ['Slipway-Event: x\nConflicts:\n\tf\n# c', ['Slipway-Event: x']],
  ['T: a\nConflicts:\n\tf\n\tg\n# c\n', ['T: a']],
  ['T: a\n\n# c\n  ', ['T: a']],
];

describe('trailerLines: the trailer block as git finds it', () => {
  it.each(CASES)('%j → %s', (body, expected) => {
    expect(hasSlipwayEventTrailer(body)).toBe(expected);
  });

  it('agrees with `git interpret-trailers --parse --no-divider` on every case', () => {
    const dir = tempDir();
    for (const [i, [body]] of CASES.entries()) {
      const file = join(dir, `msg-${i}`);
      writeFileSync(file, `subject\n\n${body}`);
      const parsed = git(dir, ['interpret-trailers', '--parse', '--no-divider', file]);
      const byGit = parsed.split('\n').some((l) => /^Slipway-Event: \S/.test(l));
      expect([body, hasSlipwayEventTrailer(body)]).toEqual([body, byGit]);
    }
  });

  it('returns the lines git parses, where an old Conflicts: block and comments end the message', () => {
    const dir = tempDir();
    for (const [i, [body, lines]] of LINES.entries()) {
      expect([body, trailerLines(body)]).toEqual([body, lines]);
      const file = join(dir, `lines-${i}`);
      writeFileSync(file, `subject\n\n${body}`);
      expect(git(dir, ['interpret-trailers', '--parse', '--no-divider', file]).trim().split('\n')).toEqual(
        lines,
      );
    }
  });

  it('agrees with git on 250 generated messages: the same trailer tokens, in order', () => {
    // A seeded generator over the lines that move git's decision: git-generated trailers, other
    // trailers (spaces or a tab before the colon, digits, an empty value), continuations, prose,
    // comments, blank and whitespace-only lines, lines that only look like trailers, an old
    // `Conflicts:` block and the scissors line of `git commit -v`.
    const VOCABULARY = [
      'Signed-off-by: A <a@x>',
      PICKED,
      'Slipway-Event: PROMOTE production x',
      'Slipway-Event : ROLLBACK production',
      'Reviewed-by: B',
      'X-2\t: tabbed',
      'Acked-by:',
      '  continued',
      '\tcontinued',
      'prose line',
      'Bad Key: not a trailer',
      ': no token',
      '# comment',
      '',
      '',
      '  ',
      'Conflicts:',
      '\tpath/in/conflict.py',
      '# ------------------------ >8 ------------------------',
    ];
    let seed = 0x5eed;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const dir = tempDir();
    let blocks = 0;
    for (let i = 0; i < 250; i++) {
      const lines = Array.from({ length: 1 + next(8) }, () => VOCABULARY[next(VOCABULARY.length)]!);
      const body = lines.join('\n');
      const file = join(dir, `gen-${i}`);
      writeFileSync(file, `subject\n\n${body}\n`);
      const parsed = git(dir, ['interpret-trailers', '--parse', '--no-divider', file]);
      const byGit = parsed
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(0, l.indexOf(':')).trim());
      const ours = trailerLines(body)
        .filter((l) => /^[A-Za-z0-9-]+[ \t]*:/.test(l))
        .map((l) => l.slice(0, l.indexOf(':')).trim());
      expect([body, ours]).toEqual([body, byGit]);
      if (byGit.length > 0) blocks++;
    }
    // The generator must reach both answers often enough for the comparison to mean something.
    expect(blocks).toBeGreaterThan(40);
    expect(blocks).toBeLessThan(210);
  });

  it('returns the whole block, non-trailer lines included when a git-generated trailer carries it', () => {
    expect(trailerLines('prose\nSigned-off-by: A <a@x>\nSlipway-Event: x')).toEqual([
      'prose',
      'Signed-off-by: A <a@x>',
      'Slipway-Event: x',
    ]);
    expect(trailerLines('no trailers here')).toEqual([]);
    // Comment lines are not the block's lines; a value that ends in # is.
    expect(trailerLines('Ref: issue #\n# a note\nSlipway-Event: x')).toEqual([
      'Ref: issue #',
      'Slipway-Event: x',
    ]);
  });
});
