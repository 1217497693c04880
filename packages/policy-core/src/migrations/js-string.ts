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

/**
 * A string literal, a template literal without `${}` substitutions, or a `+` concatenation of
 * those (in parentheses too); `consts` resolves a module-level `const NAME = '...'`. Anything
 * else (a substitution, a variable, a call) is undefined: not known before the migration runs.
 */
export function jsStaticString(
  node: SyntaxNode | null | undefined,
  src: string,
  consts?: ReadonlyMap<string, SyntaxNode>,
  depth = 0,
): JsStaticString | undefined {
  if (!node || depth > 50) return undefined;
  switch (node.name) {
    case 'String': {
      const d = decode(src, node.from + 1, node.to - 1);
      return d && fromParts(d.chars, d.offsets, node.to - 1);
    }
    case 'TemplateString': {
      if (node.getChild('Interpolation')) return undefined;
      const d = decode(src, node.from + 1, node.to - 1);
      return d && fromParts(d.chars, d.offsets, node.to - 1);
    }
    case 'ParenthesizedExpression':
      return jsStaticString(node.firstChild?.nextSibling, src, consts, depth + 1);
    case 'VariableName': {
      const bound = consts?.get(src.slice(node.from, node.to));
      return bound ? jsStaticString(bound, src, undefined, depth + 1) : undefined;
    }
    case 'BinaryExpression': {
      const op = node.getChild('ArithOp');
      if (!op || src.slice(op.from, op.to) !== '+') return undefined;
      const left = jsStaticString(node.firstChild, src, consts, depth + 1);
      const right = left && jsStaticString(node.lastChild, src, consts, depth + 1);
      if (!left || !right) return undefined;
      const n = left.value.length;
      return {
        value: left.value + right.value,
        offsetAt: (i) => (i < n ? left.offsetAt(i) : right.offsetAt(i - n)),
      };
    }
    default:
      return undefined;
  }
}
