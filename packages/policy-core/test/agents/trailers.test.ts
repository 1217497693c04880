import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commitTrailers, creditTrailers, trailerPerson } from '../../src/agents/trailers.js';

const keys = (body: string) => commitTrailers(body).map((t) => t.line);

describe('commitTrailers (git interpret-trailers --parse)', () => {
  it('reads the last paragraph when every line is a trailer, continuation lines joined', () => {
    expect(
      keys('Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\nGenerated-by: a tool\n  version 2\n'),
    ).toEqual(['Co-authored-by: Claude <noreply@anthropic.com>', 'Generated-by: a tool version 2']);
  });

  it('takes a body that is only trailers, CRLF line ends, and spaces around the colon', () => {
    expect(keys('Assisted-by : Cursor Agent <cursoragent@cursor.com>\r\n')).toEqual([
      'Assisted-by: Cursor Agent <cursoragent@cursor.com>',
    ]);
  });

  it('a paragraph that mixes text and trailers is no trailer block, unless a quarter are trailers with a Signed-off-by', () => {
    expect(keys('We dropped\nCo-authored-by: X <x@y>\nbecause it misled.')).toEqual([]);
    expect(keys('note\nSigned-off-by: A <a@b>\nCo-authored-by: X <x@y>')).toEqual([
      'Signed-off-by: A <a@b>',
      'Co-authored-by: X <x@y>',
    ]);
  });

  it('only the last paragraph counts; a quoted trailer or one followed by text is not a trailer', () => {
    expect(keys('Co-authored-by: X <x@y>\n\nThe end.')).toEqual([]);
    expect(keys('> Co-authored-by: X <x@y>')).toEqual([]);
    expect(keys('Co-authored-by: X <x@y>\n\n   \n\t\n')).toEqual(['Co-authored-by: X <x@y>']);
  });

  it('skips comment lines as git does, and ignores an empty body', () => {
    expect(keys('# Please enter the commit message\nCo-authored-by: X <x@y>')).toEqual([
      'Co-authored-by: X <x@y>',
    ]);
    expect(keys('')).toEqual([]);
    expect(keys('\n\n')).toEqual([]);
  });

  it('stays linear on a 10 MB message of blank runs, spaces and trailer-like lines', () => {
    const huge = `${' '.repeat(4_000_000)}x\n${'\n \n'.repeat(1_000_000)}${'Co-authored-by: a <b>\n'.repeat(100_000)}`;
    // A quadratic reading (a `/\s+$/` trim, a rescan per blank line) would not finish here.
    expect(commitTrailers(huge)).toHaveLength(100_000);
  });
});

describe('commitTrailers where it differs from git on purpose', () => {
  it('a lone CR ends a line (git reads the message as one line): a credit is not hidden by old line ends', () => {
    expect(keys('Why.\r\rCo-authored-by: X <x@y>\r')).toEqual(['Co-authored-by: X <x@y>']);
    expect(creditTrailers('Why.\r\rCo-authored-by: X <x@y>\r').map((t) => t.line)).toEqual([
      'Co-authored-by: X <x@y>',
    ]);
  });
});

describe('creditTrailers (every trailer that may credit a commit)', () => {
  const credits = (body: string) => creditTrailers(body).map((t) => t.line);

  it('a `---` line ending in a vertical tab or form feed (no divider to git) is one here: the credit above it is read', () => {
    for (const space of ['\v', '\f'])
      expect(credits(`Why.\n\nCo-authored-by: C <c@a>\n---${space}notes\n`)).toEqual([
        'Co-authored-by: C <c@a>',
      ]);
  });

  it('a divider on the last line, with no line end: nothing below it is read', () => {
    expect(credits('Why.\n\nSigned-off-by: A <a@b>\n--- ')).toEqual([
      'Signed-off-by: A <a@b>',
      'Signed-off-by: A <a@b>',
    ]);
  });

  it('a `---` inside a line is no divider here either', () => {
    expect(credits('Why---\n\nCo-authored-by: C <c@a>\n')).toEqual(['Co-authored-by: C <c@a>']);
    // Read as a divider, it would make the next line a message of its own, and a trailer block.
    expect(credits('Fix --- x\nCo-authored-by: C <c@a>\n')).toEqual([]);
  });

  it('without a divider, the trailer block once', () => {
    expect(credits('Why.\n\nCo-authored-by: X <x@y>\nGenerated-by: tool\n')).toEqual([
      'Co-authored-by: X <x@y>',
      'Generated-by: tool',
    ]);
  });

  it("with a divider, the block above it, the whole message's last paragraph, and what follows the divider line", () => {
    // Above: the Signed-off-by; the whole message's last paragraph (a mixed block with a
    // Signed-off-by, so a block): both; below the divider line: the Co-authored-by.
    expect(credits('Why.\n\nSigned-off-by: A <a@b>\n---\nCo-authored-by: Claude <c@a>\n')).toEqual([
      'Signed-off-by: A <a@b>',
      'Signed-off-by: A <a@b>',
      'Co-authored-by: Claude <c@a>',
      'Co-authored-by: Claude <c@a>',
    ]);
    expect(credits('Why.\n---\nnotes\n\nCo-authored-by: Claude <c@a>\n')).toEqual([
      'Co-authored-by: Claude <c@a>',
      'Co-authored-by: Claude <c@a>',
    ]);
  });
});

describe('trailerPerson', () => {
  it('reads `Name <email>` and refuses what is not one', () => {
    expect(trailerPerson('Claude<noreply@anthropic.com>')).toEqual({
      name: 'Claude',
      email: 'noreply@anthropic.com',
    });
    expect(trailerPerson('  Claude  <noreply@anthropic.com> ')).toEqual({
      name: 'Claude',
      email: 'noreply@anthropic.com',
    });
    expect(trailerPerson('Claude <noreply@anthropic.com> and friends')).toBeUndefined();
    expect(trailerPerson('Claude\u2028x <c@a>')).toEqual({ name: 'Claude\u2028x', email: 'c@a' });
    // 512 characters is still a person's line; 513 is not.
    const at = (n: number) => `${'x'.repeat(n - ' <a@b>'.length)} <a@b>`;
    expect(trailerPerson(at(512))?.email).toBe('a@b');
    expect(trailerPerson(at(513))).toBeUndefined();
    expect(trailerPerson('Claude <noreply@anthropic.com>')).toEqual({
      name: 'Claude',
      email: 'noreply@anthropic.com',
    });
    expect(trailerPerson('<a@b>')).toEqual({ name: '', email: 'a@b' });
    expect(trailerPerson('Claude Code')).toBeUndefined();
    expect(trailerPerson(`${'x '.repeat(1000)}<a@b>`)).toBeUndefined();
  });
});

// git itself is the oracle: each body, under a subject line, through `git interpret-trailers
// --parse` must give the trailers commitTrailers gives.
describe('commitTrailers against git interpret-trailers', () => {
  const BODIES = [
    'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\nnotes below the divider\n',
    'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n--- \nnotes\n\nReviewed-by: A <a@b>\n',
    'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\t\nnotes\n',
    // No space after the colon, an empty value continued, trailing blanks on a value.
    'Why.\n\nCo-authored-by:X <x@y>\n',
    'Why.\n\nGenerated-by:\n  tool v2\n',
    'Why.\n\nCo-authored-by: X <x@y>   \n',
    'Why.\n\nCo-authored-by: X <x@y>   \nGenerated-by: tool\n',
    // git's mixed-block rule (trailer.c: trailer lines * 3 >= other lines, with a Signed-off-by):
    // one trailer in four lines is a block, one in five is not.
    'a\nb\nc\nSigned-off-by: A <a@b>\n',
    'a\nb\nc\nd\nSigned-off-by: A <a@b>\n',
    // A `---` inside a line is no divider; after `---`, a vertical tab or form feed is not white
    // space to git (ctype.c), so neither is a divider line.
    'Why---\n\nCo-authored-by: C <c@a>\n',
    'Why.\n\nCo-authored-by: C <c@a>\n---\vnotes\n',
    'Why.\n\nCo-authored-by: C <c@a>\n---\fnotes\n',
    // U+2028 in a value: a line end to JavaScript's `.`, an ordinary character to git.
    'Why.\n\nCo-authored-by: Claude\u2028x <c@a>\n',
    // Near misses: no divider, so the last paragraph is read as usual.
    'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---',
    'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n----\nmore\n',
    'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---x\n',
    'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
    '---\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
    'Why.\n---\nGenerated-by: tool\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
  ];
  it.each(BODIES.map((b) => [JSON.stringify(b), b]))('%s', (_name, body) => {
    const git = execFileSync('git', ['interpret-trailers', '--parse'], { input: `Subject\n\n${body}` })
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '');
    expect(keys(body)).toEqual(git);
  });

  it('the divider cases above are not all empty to git (the oracle sees trailers where they are)', () => {
    const found = BODIES.slice(0, 3).map(
      (b) => execFileSync('git', ['interpret-trailers', '--parse'], { input: `Subject\n\n${b}` }).length,
    );
    expect(found.every((n) => n > 0)).toBe(true);
  });
});
