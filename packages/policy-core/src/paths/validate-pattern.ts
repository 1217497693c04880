import { parseClass } from './glob-class.js';
import { parsePattern } from './parse-pattern.js';

/**
 * Problems a person should fix in a path pattern, in plain words (the policy layer reports
 * them as POL001). undefined when the pattern is fine. Each of these either matches nothing
 * in git or almost certainly does not mean what its author meant.
 */
export function validatePattern(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'the pattern is empty; write a path such as `backend/app/core/`';
  if (pattern.startsWith('#'))
    return 'a pattern starting with `#` is a comment in gitignore syntax and matches nothing; write `\\#` for a literal `#`';
  const parsed = parsePattern(pattern);
  if (parsed.negated && parsed.glob === '' && !parsed.dirOnly)
    return '`!` alone re-includes nothing; write the path to re-include after it, e.g. `!docs/public/`';
  if (parsed.glob === '') return 'the pattern names no path; write a path such as `backend/app/core/`';
  if (/(?:^|[^\\])\\$/.test(parsed.glob.replace(/\\\\/g, '')))
    return 'the pattern ends with a lone `\\`, which escapes nothing; remove it';
  if (/\*\*\*/.test(pattern))
    return '`***` is not a glob; use `**` for any number of directories or `*` within one name';
  if (/\\[A-Za-z0-9_]/.test(pattern))
    return '`\\` escapes the next character in a pattern; separate directories with `/`, not `\\`';
  if (/[^/]\/\/|^\/\/./.test(pattern))
    return 'the pattern has an empty directory name (`//`); use a single `/`';
  if (/(?:^|\/)\.\.?(?:\/|$)/.test(parsed.glob))
    return '`.` and `..` are not resolved in patterns; write the path from the repository root';
  if (/\{[^}]*,[^}]*\}/.test(pattern))
    return 'braces are literal in gitignore patterns; write one pattern per alternative';
  return classProblem(parsed.glob);
}

function classProblem(glob: string): string | undefined {
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const cls = parseClass(glob, i);
      if (cls === undefined)
        return '`[` opens a character class that never closes; write `\\[` for a literal `[`';
      const unknown = /\[:([a-z]*):\]/.exec(glob.slice(i, cls.end));
      if (unknown && !KNOWN_POSIX.has(unknown[1] as string))
        return `\`[:${unknown[1]}:]\` is not a character class; use one of ${[...KNOWN_POSIX].join(', ')}`;
      i = cls.end - 1;
    }
  }
  return undefined;
}

const KNOWN_POSIX = new Set([
  'alnum',
  'alpha',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'xdigit',
]);
