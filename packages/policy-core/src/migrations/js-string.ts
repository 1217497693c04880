import { LIMITS } from '../limits.js';
import type { SyntaxNode } from '@lezer/common';

/** A string known before the migration runs, and where each of its characters is written. */
export interface JsStaticString {
  value: string;
  /** Source offset of value character i (i may equal value.length). */
  offsetAt: (i: number) => number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '\0',
};

/**
 * The text between a literal's quotes with JavaScript's escapes decoded, each character's source
 * offset kept (SQL findings point into the literal). Undefined for an escape it does not decode.
 */
function decode(src: string, from: number, to: number): { chars: string[]; offsets: number[] } | undefined {
  const chars: string[] = [];
  const offsets: number[] = [];
  for (let i = from; i < to; i++) {
    const c = src[i] as string;
    if (c !== '\\') {
      chars.push(c);
      offsets.push(i);
      continue;
    }
    const n = src[i + 1];
    if (n === undefined) return undefined;
    if (n === '\n') {
      i++;
      continue;
    }
    if (n === 'u' || n === 'x') {
      const m =
        n === 'x'
          ? /^[0-9a-fA-F]{2}/.exec(src.slice(i + 2, i + 4))
          : /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/.exec(src.slice(i + 2, i + 10));
      if (!m) return undefined;
      chars.push(String.fromCodePoint(Number.parseInt(m[0].replace(/[{}]/g, ''), 16)));
      offsets.push(i);
      i += 1 + m[0].length;
      continue;
    }
    chars.push(SIMPLE_ESCAPES[n] ?? n);
    offsets.push(i);
    i++;
  }
  return { chars, offsets };
}

function fromParts(chars: string[], offsets: number[], end: number): JsStaticString {
  return { value: chars.join(''), offsetAt: (i) => offsets[i] ?? end };
}

/** Pieces one after another: the text joined, each character's offset its piece's. */
function joined(pieces: readonly JsStaticString[]): JsStaticString {
  if (pieces.length === 1) return pieces[0] as JsStaticString;
  const starts: number[] = [];
  let value = '';
  for (const p of pieces) {
    starts.push(value.length);
    value += p.value;
  }
  return {
    value,
    offsetAt: (i) => {
      let k = starts.length - 1;
      while (k > 0 && (starts[k] as number) > i) k--;
      return (pieces[k] as JsStaticString).offsetAt(i - (starts[k] as number));
    },
  };
}

/**
 * The constants a static string may use, by the name the code reads: a `const NAME = '...'` of
 * this file (its value node), or a value known from elsewhere (`Status.ACTIVE` from an enum the
 * file imports or declares: js-imported-strings.ts), each of whose characters is placed at the use.
 */
export type JsConsts = ReadonlyMap<string, SyntaxNode | string>;

/** A value known from elsewhere, every character placed at the name that reads it. */
function placedAt(value: string, use: SyntaxNode): JsStaticString {
  return { value, offsetAt: () => use.from };
}

/**
 * A string literal, a template literal (its `${NAME}` and `${Enum.MEMBER}` substitutions
 * constants), or a `+` concatenation of those (in parentheses too); `consts` resolves them (see
 * JsConsts). Anything else (another substitution, a variable, a call) is undefined: not known
 * before the migration runs.
 */
export function jsStaticString(
  node: SyntaxNode | null | undefined,
  src: string,
  consts?: JsConsts,
  depth = 0,
): JsStaticString | undefined {
  if (!node || depth > 50) return undefined;
  switch (node.name) {
    case 'String': {
      const d = decode(src, node.from + 1, node.to - 1);
      return d && fromParts(d.chars, d.offsets, node.to - 1);
    }
    case 'TemplateString': {
      // Its text, with each `${NAME}` a string constant binds (the module's, or the function's
      // above the use): what JavaScript builds when it runs. Any other substitution is unknown,
      // and so is every one in a tagged template: the tag decides what a value becomes (Kysely's
      // sql`...${x}` sends it as a bind parameter, not as text).
      if (node.parent?.name === 'TaggedTemplateExpression' && node.getChild('Interpolation'))
        return undefined;
      const pieces: JsStaticString[] = [];
      let at = node.from + 1;
      let built = 0;
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.name !== 'Interpolation') continue;
        const before = decode(src, at, c.from);
        const inner = c.firstChild?.nextSibling;
        const value =
          (inner?.name === 'VariableName' || inner?.name === 'MemberExpression') &&
          inner.nextSibling?.name === 'InterpolationEnd'
            ? jsStaticString(inner, src, consts, depth + 1)
            : undefined;
        if (!before || !value) return undefined;
        pieces.push(fromParts(before.chars, before.offsets, c.from), value);
        at = c.to;
        // A constant repeated past what a migration file may hold is not read (an amplifier).
        built += before.chars.length + value.value.length;
        if (built > LIMITS.jsMigration.chars) return undefined;
      }
      const rest = decode(src, at, node.to - 1);
      return rest && joined([...pieces, fromParts(rest.chars, rest.offsets, node.to - 1)]);
    }
    case 'ParenthesizedExpression':
      return jsStaticString(node.firstChild?.nextSibling, src, consts, depth + 1);
    case 'MemberExpression': {
      // `Enum.MEMBER` as written (no spaces, no computed key), when its value is known.
      const value = consts?.get(src.slice(node.from, node.to));
      return typeof value === 'string' ? placedAt(value, node) : undefined;
    }
    case 'VariableName': {
      const bound = consts?.get(src.slice(node.from, node.to));
      if (typeof bound === 'string') return placedAt(bound, node);
      return bound ? jsStaticString(bound, src, undefined, depth + 1) : undefined;
    }
    case 'BinaryExpression': {
      const op = node.getChild('ArithOp');
      if (!op || src.slice(op.from, op.to) !== '+') return undefined;
      const left = jsStaticString(node.firstChild, src, consts, depth + 1);
      const right = left && jsStaticString(node.lastChild, src, consts, depth + 1);
      if (!left || !right || left.value.length + right.value.length > LIMITS.jsMigration.chars)
        return undefined;
      return joined([left, right]);
    }
    default:
      return undefined;
  }
}
