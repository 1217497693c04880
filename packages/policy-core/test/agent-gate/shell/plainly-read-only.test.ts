import { describe, expect, it } from 'vitest';
import { plainlyReadOnly, shellEffects } from '../../../src/agent-gate/shell/index.js';

// The hook's shortcut past the bash parser: only commands read-only on their face, and every one
// it lets through is one the parser also finds nothing to judge in.
const READ_ONLY = [
  'git status',
  'git log --oneline -5 | head -3',
  'ls -la src && cat README.md',
  "grep -rn 'TODO' src | wc -l",
  'git diff --stat; git show HEAD',
  'pwd',
];
const TO_THE_PARSER = [
  ['rm x', 'a writer'],
  ['cat a > b', 'a redirection'],
  ['ls; rm -rf .', 'a writer after a read'],
  ["'rm' x", 'a quoted command word'],
  ['git push origin main', 'a git subcommand that writes'],
  ['git log --output=x', "git's output option"],
  ['git -C sub status', 'git with an option before the subcommand'],
  ['echo $HOME', 'an expansion'],
  ['cat `which x`', 'a command substitution'],
  ['ls &', 'a background job'],
  ['sed -n 1p f', 'sed (its w command writes)'],
  ['sort -o out in', 'sort (its -o writes)'],
  ['find . -delete', 'find'],
  ['ls *.sql', 'a glob'],
  ['cat "unterminated', 'an unbalanced quote'],
  ['| ls', 'an operator first'],
  ['ls |', 'an operator last'],
  ['git', 'git alone'],
  ['echo a\nrm b', 'a newline'],
] as const;

describe('plainlyReadOnly', () => {
  it.each(READ_ONLY)('lets %s through without the parser, and the parser agrees', async (command) => {
    expect(plainlyReadOnly(command)).toBe(true);
    // shellEffects skips the parser for these; a trailing `:` (no-op) sends each to it to compare.
    const seen = await shellEffects(`${command} ; : \${X-}`);
    expect({ writes: seen.writes, unknown: seen.unknown, pushes: seen.pushes }).toEqual({
      writes: [],
      unknown: [],
      pushes: [],
    });
  });

  it.each(TO_THE_PARSER)('sends %s to the parser (%s)', (command) => {
    expect(plainlyReadOnly(command)).toBe(false);
  });
});
