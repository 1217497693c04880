import type { ShWord } from './sh-ast.js';

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

/**
 * A part of a word as GopherJS keeps it (`__internal_object__` of the wrapper the package hands
 * out): plain fields, where each field read through the wrapper converts a Go value to a new
 * JavaScript one (~100 µs). Words are most of a long command, so they are read this way.
 */
interface RawPos {
  offs?: number;
}
interface RawPart {
  constructor: { string: string; nil?: unknown };
  ValuePos?: RawPos;
  ValueEnd?: RawPos;
  Left?: RawPos;
  Right?: RawPos;
  Rbrace?: RawPos;
  OpPos?: RawPos;
  Rparen?: RawPos;
  Value?: string;
  Dollar?: unknown;
  Parts?: GoSlice;
  Param?: RawPart & { ValueEnd?: RawPos };
  Op?: number;
  Pattern?: RawPart;
  Exp?: unknown;
  Repl?: unknown;
  Slice?: unknown;
  Index?: unknown;
  Length?: boolean;
  Excl?: boolean;
  Width?: boolean;
}
interface GoSlice {
  $array: RawPart[];
  $offset: number;
  $length: number;
}

function items(slice: GoSlice | undefined): RawPart[] {
  return slice ? slice.$array.slice(slice.$offset, slice.$offset + slice.$length) : [];
}

/**
 * A command's words as GopherJS keeps them, each behind an object that reads like the package's
 * wrapper for what this reader needs (`__internal_object__`): reading `Args` through the wrapper
 * makes a new object of every word each time.
 */
export function rawWords(call: unknown): ShWord[] {
  const raw = (call as { __internal_object__?: { Args?: GoSlice } }).__internal_object__;
  return items(raw?.Args).map((word) => ({ __internal_object__: word }) as unknown as ShWord);
}

/** Where a word starts and ends in the command's bytes, from its parts' positions; undefined if unsure. */
export function wordSpan(word: ShWord): [number, number] | undefined {
  const parts = rawParts(word);
  const first = parts?.[0];
  const last = parts?.[parts.length - 1];
  if (!first || !last) return undefined;
  const start = (first.ValuePos ?? first.Left ?? (first.Dollar as RawPos | undefined) ?? first.OpPos)?.offs;
  const type = rawType(last);
  const end =
    type === 'Lit'
      ? last.ValueEnd?.offs
      : type === 'SglQuoted' || type === 'DblQuoted' || type === 'CmdSubst'
        ? (last.Right?.offs ?? -2) + 1
        : type === 'ArithmExp'
          ? (last.Right?.offs ?? -3) + 2
          : type === 'ProcSubst'
            ? (last.Rparen?.offs ?? -2) + 1
            : type === 'ParamExp'
              ? last.Rbrace?.offs
                ? last.Rbrace.offs + 1
                : last.Param?.ValueEnd?.offs
              : undefined;
  return typeof start === 'number' && typeof end === 'number' && end > start ? [start, end] : undefined;
}

/** The parts of a word, raw; undefined when the wrapper has no Go value behind it. */
export function rawParts(word: ShWord): RawPart[] | undefined {
  const raw = (word as { __internal_object__?: { Parts?: GoSlice } }).__internal_object__;
  return raw?.Parts ? items(raw.Parts) : undefined;
}

export function rawType(part: RawPart): string {
  return part.constructor.string.replace(/^\*syntax\./, '');
}

const decoder = new TextDecoder();
/** Go strings are kept as bytes, one character each: UTF-8 decoded when any is past ASCII. */
function goString(value: string | undefined): string {
  if (!value) return '';
  return /[\u0080-\u00ff]/.test(value)
    ? decoder.decode(Uint8Array.from(value, (c) => c.charCodeAt(0)))
    : value;
}

/** The word's value, or why the text does not give it (an expansion, a command substitution). */
export function wordValue(word: ShWord): WordValue {
  let text = '';
  let glob = '';
  let pattern = false;
  let notLiteral: string | undefined;
  const parts = rawParts(word);
  if (!parts) return { static: false, why: 'the parser gave no word' };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const type = rawType(part);
    if (type === 'Lit') {
      const raw = goString(part.Value);
      if (i === 0 && raw.startsWith('~')) notLiteral = '~';
      // zsh (EQUALS, on by default) expands an unquoted `=cat` to the program's path.
      if (i === 0 && raw.length > 1 && raw.startsWith('=')) notLiteral = '=';
      const lit = unquotedLit(raw);
      text += lit.text;
      glob += lit.glob;
      pattern ||= lit.pattern;
    } else if (type === 'SglQuoted') {
      const value = part.Dollar === true ? ansiC(goString(part.Value)) : goString(part.Value);
      text += value;
      glob += escapeGlob(value);
    } else if (type === 'DblQuoted') {
      for (const inner of items(part.Parts)) {
        const innerType = rawType(inner);
        if (innerType === 'Lit') {
          const value = goString(inner.Value).replace(
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
      const op = ['?(', '*(', '+(', '@(', '!('][(part.Op ?? 0) - 122] ?? '@(';
      const group = `${op}${goString(part.Pattern?.Value)})`;
      // A group with no `|` is zsh's qualifiers to the glob before it (`core/*(.)`: every plain
      // file in core/), bash's extglob: `*` matches all that either matches.
      glob += group.includes('|') ? group : '*';
      text += group;
    } else return { static: false, why: expansionWhy(type) };
  }
  return { static: true, text, glob, pattern, ...(notLiteral ? { notLiteral } : {}) };
}

/** True when every part of the word is a literal (no expansion, so no command can run in it). */
export function plainWord(word: ShWord): boolean {
  const parts = rawParts(word) ?? [{ constructor: { string: 'unknown' } }];
  return parts.every((p) => {
    const type = rawType(p);
    return type === 'Lit' || type === 'SglQuoted';
  });
}

/** The word's text when static and no pattern (what a command name or an option must be), else undefined. */
export function literalText(word: ShWord): string | undefined {
  const value = wordValue(word);
  return value.static && !value.pattern && !value.notLiteral ? value.text : undefined;
}

/** Nil in GopherJS: a nil pointer is its type's `nil` object, a nil interface an empty object. */
function isNil(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return true;
  const v = value as { constructor?: { nil?: unknown } };
  // The nil interface is one shared plain object (its methods throw); a value has `$val`.
  return v === v.constructor?.nil || (v.constructor === Object && !('$val' in v));
}

/** `$HOME` or `${HOME}`, with no operator. */
function isHome(part: RawPart): boolean {
  return (
    goString(part.Param?.Value) === 'HOME' &&
    [part.Exp, part.Repl, part.Slice, part.Index, part.Length, part.Excl, part.Width].every(isNil)
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
      // `[` opens a bracket expression only with a `]` after it (`[ -f x ]`'s `[` is a command).
      if (c === '*' || c === '?' || (c === '[' && raw.indexOf(']', i + 1) !== -1)) pattern = true;
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
