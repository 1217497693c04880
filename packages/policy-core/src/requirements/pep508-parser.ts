import { type MarkerList, normalizeExtraValues } from './marker.js';
import { parseMarker } from './marker-parser.js';
import { Cursor, Pep508Error } from './pep508-cursor.js';
import { matchIdentifier, matchLocalTrail, skipWs } from './pep508-scan.js';

export { Pep508Error };
import { matchSpecifier } from './specifier-token.js';

/**
 * A PEP 508 dependency specifier parsed the way packaging 26's `Requirement` parses it: same
 * grammar, same token rules, same accepted set. Offsets are into the source string.
 */
export interface Specifier {
  op: string;
  version: string;
  start: number;
  /** Where the version text starts (after the operator and any spaces). */
  versionStart: number;
  end: number;
}

export interface Pep508Requirement {
  name: string;
  nameEnd: number;
  extras: string[];
  /** Offsets of `[...]`, or -1 when there are no brackets. */
  extrasStart: number;
  extrasEnd: number;
  specifiers: Specifier[];
  /** Span of the specifier text (parentheses included); empty span right after the name/extras when none. */
  specStart: number;
  specEnd: number;
  url?: string;
  marker?: MarkerList;
  /** Span of the marker expression after `;` (-1 when none) and of the `;` itself. */
  markerStart: number;
  markerEnd: number;
  semicolon: number;
  /** End of the meaningful text (trailing whitespace excluded). */
  end: number;
}

/** Where a requirement's name ends and its extras, specifiers and marker stand (-1: absent). */
export type PartSpans = Pick<
  Pep508Requirement,
  'nameEnd' | 'extrasStart' | 'extrasEnd' | 'specStart' | 'specEnd' | 'markerStart' | 'markerEnd'
>;

/** The part spans of a parse, for an entry that keeps them. */
export function partSpans(p: PartSpans): PartSpans {
  return {
    nameEnd: p.nameEnd,
    extrasStart: p.extrasStart,
    extrasEnd: p.extrasEnd,
    specStart: p.specStart,
    specEnd: p.specEnd,
    markerStart: p.markerStart,
    markerEnd: p.markerEnd,
  };
}

const LPAREN = 40;
const RPAREN = 41;
const LBRACKET = 91;
const RBRACKET = 93;
const SEMI = 59;
const COMMA = 44;
const AT = 64;

export function parsePep508(source: string): Pep508Requirement | Pep508Error {
  try {
    return parse(new Cursor(source));
  } catch (e) {
    if (e instanceof Pep508Error) return e;
    // Thousands of nested parentheses exhaust the stack; say so instead of crashing.
    if (e instanceof RangeError)
      return new Pep508Error('marker parentheses nest too deeply', 0, source.length);
    throw e;
  }
}

function parse(t: Cursor): Pep508Requirement {
  const s = t.s;
  t.ws();
  const nameStart = t.pos;
  const nameEnd = matchIdentifier(s, t.pos);
  if (nameEnd < 0) t.fail('Expected package name at the start of dependency specifier');
  t.pos = nameEnd;
  t.ws();
  const req: Pep508Requirement = {
    name: s.slice(nameStart, nameEnd),
    nameEnd,
    extras: [],
    extrasStart: -1,
    extrasEnd: -1,
    specifiers: [],
    specStart: -1,
    specEnd: -1,
    markerStart: -1,
    markerEnd: -1,
    semicolon: -1,
    end: 0,
  };
  if (t.peek(LBRACKET)) parseExtras(t, req);
  t.ws();
  if (t.peek(AT)) parseUrlDetails(t, req);
  else parseSpecDetails(t, req);
  if (!t.atEnd) t.fail('Expected end of dependency specifier');
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  req.end = end;
  return req;
}

function parseExtras(t: Cursor, req: Pep508Requirement): void {
  const open = t.pos;
  req.extrasStart = open;
  t.pos++;
  t.ws();
  let e = matchIdentifier(t.s, t.pos);
  if (e >= 0) {
    req.extras.push(t.s.slice(t.pos, e));
    t.pos = e;
    for (;;) {
      t.ws();
      if (matchIdentifier(t.s, t.pos) >= 0) t.fail('Expected comma between extra names');
      if (!t.peek(COMMA)) break;
      t.pos++;
      t.ws();
      e = matchIdentifier(t.s, t.pos);
      if (e < 0) t.fail('Expected extra name after comma');
      req.extras.push(t.s.slice(t.pos, e));
      t.pos = e;
    }
  }
  t.ws();
  if (!t.peek(RBRACKET)) t.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', open);
  t.pos++;
  req.extrasEnd = t.pos;
}

function parseUrlDetails(t: Cursor, req: Pep508Requirement): void {
  t.pos++;
  t.ws();
  const urlStart = t.pos;
  let e = t.pos;
  while (e < t.s.length && t.s.charCodeAt(e) !== 32 && t.s.charCodeAt(e) !== 9) e++;
  if (e === urlStart) t.fail('Expected URL after @');
  req.url = t.s.slice(urlStart, e);
  req.specStart = req.specEnd = urlStart;
  t.pos = e;
  if (t.atEnd) return;
  t.ws();
  if (t.atEnd) return;
  parseRequirementMarker(t, req, urlStart, 'semicolon (after URL and whitespace)');
}

function parseSpecDetails(t: Cursor, req: Pep508Requirement): void {
  const specStart = t.pos;
  const paren = t.peek(LPAREN);
  if (paren) {
    t.pos++;
    t.ws();
  }
  parseVersionMany(t, req);
  if (paren) {
    t.ws();
    if (!t.peek(RPAREN))
      t.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', specStart);
    t.pos++;
  }
  req.specStart = specStart;
  let specEnd = t.pos;
  while (specEnd > specStart && (t.s.charCodeAt(specEnd - 1) === 32 || t.s.charCodeAt(specEnd - 1) === 9))
    specEnd--;
  req.specEnd = specEnd;
  t.ws();
  if (t.atEnd) return;
  parseRequirementMarker(
    t,
    req,
    specStart,
    req.specifiers.length > 0 || specEnd > specStart
      ? 'comma (within version specifier), semicolon (after version specifier)'
      : 'semicolon (after name with no version specifier)',
  );
}

function parseVersionMany(t: Cursor, req: Pep508Requirement): void {
  const s = t.s;
  let text = '';
  let arbitrary = false;
  const found: Specifier[] = [];
  for (;;) {
    const start = t.pos;
    const m = matchSpecifier(s, start);
    if (!m) break;
    text += s.slice(start, m.end);
    if (m.op === '===') arbitrary = true;
    else
      found.push({
        op: m.op,
        version: s.slice(start + m.op.length, m.end).trim(),
        start,
        versionStart: start,
        end: m.end,
      });
    t.pos = m.end;
    if (s.charCodeAt(t.pos) === 46 && s.charCodeAt(t.pos + 1) === 42)
      t.fail('.* suffix can only be used with `==` or `!=` operators', start, t.pos + 1);
    if (matchLocalTrail(s, t.pos))
      t.fail('Local version label can only be used with `==` or `!=` operators', start);
    t.ws();
    if (!t.peek(COMMA)) break;
    text += ',';
    t.pos++;
    t.ws();
  }
  if (!arbitrary) {
    // The common case: the tokens are the specifiers (duplicates collapse, as in a set).
    for (const f of found)
      if (!req.specifiers.some((x) => x.op === f.op && x.version === f.version)) req.specifiers.push(f);
    locateSpecifiers(s, req);
    return;
  }
  // `SpecifierSet(text)`: split on commas and re-validate each part (an `===` version may
  // have swallowed a comma, leaving a part that is no specifier at all).
  let offset = 0;
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (trimmed) {
      const m = matchSpecifier(trimmed, 0);
      if (!m || m.end !== trimmed.length) t.fail(`Invalid specifier: '${trimmed}'`, req.nameEnd, t.pos);
      const version = trimmed.slice(m.op.length).trim();
      if (!req.specifiers.some((x) => x.op === m.op && x.version === version))
        req.specifiers.push({
          op: m.op,
          version,
          start: offset,
          versionStart: offset,
          end: offset + part.length,
        });
    }
    offset += part.length + 1;
  }
  locateSpecifiers(s, req);
}

/** Turns the specifiers' offsets (into the joined text) into offsets into the source. */
function locateSpecifiers(s: string, req: Pep508Requirement): void {
  let from = req.nameEnd;
  for (const spec of req.specifiers) {
    const at = s.indexOf(spec.op, from);
    const vAt = s.indexOf(spec.version, at + spec.op.length);
    spec.start = at;
    spec.versionStart = vAt;
    spec.end = vAt + spec.version.length;
    from = spec.end;
  }
}

function parseRequirementMarker(
  t: Cursor,
  req: Pep508Requirement,
  spanStart: number,
  expected: string,
): void {
  if (!t.peek(SEMI)) t.fail(`Expected ${expected} or end`, spanStart);
  req.semicolon = t.pos;
  t.pos++;
  req.markerStart = skipWs(t.s, t.pos);
  req.marker = normalizeExtraValues(parseMarker(t));
  let end = t.pos;
  while (end > req.markerStart && (t.s.charCodeAt(end - 1) === 32 || t.s.charCodeAt(end - 1) === 9)) end--;
  req.markerEnd = end;
  t.ws();
}
