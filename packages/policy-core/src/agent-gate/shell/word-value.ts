import { nodeType } from './parse-shell.js';
import type { ShNode, ShWord } from './sh-ast.js';

/**
 * A shell word as the shell would pass it, when the text alone says: quotes and escapes removed.
 * `pattern` when unquoted glob or brace characters make it a pattern the shell expands against the
 * disk (`glob` is then the word in minimatch syntax, quoted characters escaped); `notLiteral`
 * when it starts with `~` or `$HOME`, which the shell replaces with the home directory.
 */
export type WordValue =
  | { static: true; text: string; pattern: boolean; glob: string; notLiteral?: string }
  | { static: false; why: string };

const GLOB_CHARS = /[*?[\]{}()!+@|\\]/g;
const escapeGlob = (text: string): string => text.replace(GLOB_CHARS, '\\$&');

/** The word's value, or why the text does not give it (an expansion, a command substitution). */
export function wordValue(word: ShWord): WordValue {
  let text = '';
  let glob = '';
  let pattern = false;
  let notLiteral: string | undefined;
  const parts = word.Parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const type = nodeType(part);
    if (type === 'Lit') {
      const raw = part.Value ?? '';
      if (i === 0 && raw.startsWith('~')) notLiteral = '~';
      const lit = unquotedLit(raw);
      text += lit.text;
      glob += lit.glob;
      pattern ||= lit.pattern;
    } else if (type === 'SglQuoted') {
      const value = part.Dollar ? ansiC(part.Value ?? '') : (part.Value ?? '');
      text += value;
      glob += escapeGlob(value);
    } else if (type === 'DblQuoted') {
      for (const inner of part.Parts ?? []) {
        const innerType = nodeType(inner);
        if (innerType === 'Lit') {
          const value = (inner.Value ?? '').replace(
            /\\([$`"\\])|\\\n/g,
            (_, c: string | undefined) => c ?? '',
          );
          text += value;
          glob += escapeGlob(value);
        } else if (innerType === 'ParamExp' && i === 0 && text === '' && isHome(inner)) {
          notLiteral = '$HOME';
          text += '$HOME';
          glob += '$HOME';
        } else return { static: false, why: expansionWhy(innerType) };
      }
    } else if (type === 'ParamExp' && i === 0 && isHome(part)) {
      notLiteral = '$HOME';
      text += '$HOME';
      glob += '$HOME';
    } else if (type === 'ExtGlob') {
      pattern = true;
      const ext = part as ShNode & { Pattern?: { Value?: string } };
      const op = ['?(', '*(', '+(', '@(', '!('][(part.Op ?? 0) - 122] ?? '@(';
      glob += `${op}${ext.Pattern?.Value ?? ''})`;
      text += glob;
    } else return { static: false, why: expansionWhy(type) };
  }
  return { static: true, text, glob, pattern, ...(notLiteral ? { notLiteral } : {}) };
}

/** The word's text when static and no pattern (what a command name or an option must be), else undefined. */
export function literalText(word: ShWord): string | undefined {
  const value = wordValue(word);
  return value.static && !value.pattern && !value.notLiteral ? value.text : undefined;
}

function isHome(part: ShNode): boolean {
  return (
    part.Param?.Value === 'HOME' &&
    !part.Exp &&
    !part.Index &&
    !part.Slice &&
    !part.Repl &&
    !part.Length &&
    !part.Excl
  );
}

function expansionWhy(type: string): string {
  if (type === 'CmdSubst') return 'a command substitution decides it';
  if (type === 'ParamExp') return 'a variable decides it';
  if (type === 'ArithmExp') return 'an arithmetic expansion decides it';
  if (type === 'ProcSubst') return 'a process substitution decides it';
  return `${type} decides it`;
}

/** An unquoted literal: `\x` is `x` (a backslash-newline joins lines), `*?[` and brace lists make a pattern. */
function unquotedLit(raw: string): { text: string; glob: string; pattern: boolean } {
  let text = '';
  let glob = '';
  let pattern = false;
  let braces = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      const next = raw[++i];
      if (next === undefined || next === '\n') continue;
      text += next;
      glob += escapeGlob(next);
    } else {
      if (c === '*' || c === '?' || c === '[') pattern = true;
      if (c === '{') braces++;
      if (braces > 0 && (c === ',' || (c === '.' && raw[i + 1] === '.'))) pattern = true;
      if (c === '}' && braces > 0) braces--;
      text += c;
      glob += c === '(' || c === ')' || c === '!' || c === '+' || c === '@' || c === '|' ? `\\${c}` : c;
    }
  }
  return { text, glob, pattern };
}

const ANSI: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** `$'…'`: bash's ANSI-C escapes (the common ones; `\x`, octal), others kept as written. */
function ansiC(raw: string): string {
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/gs, (whole, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(Number.parseInt(esc, 8));
    return ANSI[esc] ?? whole;
  });
}
