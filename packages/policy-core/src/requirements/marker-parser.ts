import type { MarkerAtom, MarkerItem, MarkerList, MarkerOperand } from './marker.js';
import type { Cursor } from './pep508-cursor.js';
import { matchOp, matchQuoted, matchVariable, matchWord, pythonStringValue, skipWs } from './pep508-scan.js';

const LPAREN = 40;
const RPAREN = 41;

/** Environment markers after `;`, with packaging 26's grammar and error messages. */
export function parseMarker(t: Cursor): MarkerList {
  const list: MarkerList = [parseMarkerAtom(t)];
  for (;;) {
    const e =
      matchWord(t.s, t.pos, 'or') >= 0 ? t.pos + 2 : matchWord(t.s, t.pos, 'and') >= 0 ? t.pos + 3 : -1;
    if (e < 0) return list;
    const op = t.s.slice(t.pos, e) as 'and' | 'or';
    t.pos = e;
    list.push(op, parseMarkerAtom(t));
  }
}

function parseMarkerAtom(t: Cursor): MarkerAtom {
  t.ws();
  let atom: MarkerAtom;
  if (t.peek(LPAREN)) {
    const open = t.pos;
    t.pos++;
    t.ws();
    atom = parseMarker(t);
    t.ws();
    if (!t.peek(RPAREN))
      t.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', open);
    t.pos++;
  } else atom = parseMarkerItem(t);
  t.ws();
  return atom;
}

function parseMarkerItem(t: Cursor): MarkerItem {
  t.ws();
  const left = parseMarkerVar(t);
  t.ws();
  let op: string;
  if (matchWord(t.s, t.pos, 'in') >= 0) {
    t.pos += 2;
    op = 'in';
  } else if (matchWord(t.s, t.pos, 'not') >= 0) {
    t.pos += 3;
    const ws = skipWs(t.s, t.pos);
    if (ws === t.pos) t.fail("Expected whitespace after 'not'");
    t.pos = ws;
    if (matchWord(t.s, t.pos, 'in') < 0) t.fail("Expected 'in' after 'not'");
    t.pos += 2;
    op = 'not in';
  } else {
    const e = matchOp(t.s, t.pos);
    if (e < 0) t.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
    op = t.s.slice(t.pos, e);
    t.pos = e;
  }
  t.ws();
  const right = parseMarkerVar(t);
  t.ws();
  return { kind: 'item', left, op, right };
}

function parseMarkerVar(t: Cursor): MarkerOperand {
  let e = matchVariable(t.s, t.pos);
  if (e >= 0) {
    let name = t.s.slice(t.pos, e).replace('.', '_');
    if (name === 'python_implementation') name = 'platform_python_implementation';
    t.pos = e;
    return { kind: 'variable', value: name };
  }
  e = matchQuoted(t.s, t.pos);
  if (e >= 0) {
    const value = pythonStringValue(t.s.slice(t.pos, e));
    if (value === undefined) t.fail('Invalid escape sequence in a quoted marker string', t.pos, e);
    t.pos = e;
    return { kind: 'value', value };
  }
  return t.fail('Expected a marker variable or quoted string');
}

/** True for text with no characters outside Python's `\s` (used for blank requirement text). */
