import type { LogicalLine } from './line-reader.js';
import type { ParsedRequirement } from './parsed-requirement.js';
import {
  type IncludeEntry,
  type LineProblem,
  type OptionEntry,
  type ParseOptions,
  parseRequirementsFile,
  type RequirementEntry,
  type RequirementsFile,
} from './requirements-file.js';
import { firstIndex } from '../first-index.js';

/**
 * Re-parses a requirements file after an edit, reading again only the logical lines the edit
 * touched: the editor re-checks on every keystroke, and a 5,000-line file should cost what its
 * changed line costs. The result equals `parseRequirementsFile(path, text)` (a test compares
 * them on random edits); lines after the edit are reused with their offsets shifted.
 */
export function reparseRequirementsFile(
  prev: RequirementsFile,
  text: string,
  opts: ParseOptions & {
    /** The caller owns `prev` and drops it: shift the reused lines in place instead of copying them. */
    consumePrevious?: boolean;
  } = {},
): RequirementsFile {
  const old = prev.text;
  // `${VAR}` expansion and a BOM change make whole-file effects; parse from scratch.
  if (
    text.includes('${') ||
    old.includes('${') ||
    text.charCodeAt(0) === 0xfeff ||
    old.charCodeAt(0) === 0xfeff
  )
    return parseRequirementsFile(prev.path, text, opts);
  const min = Math.min(old.length, text.length);
  const p = commonPrefix(old, text, min);
  if (p === old.length && p === text.length) return { ...prev, text };
  const s = commonSuffix(old, text, min - p);
  const delta = text.length - old.length;

  // Window start: the start of the physical line holding p, moved back over continued lines.
  let from = text.lastIndexOf('\n', p - 1) + 1;
  while (from > 0 && continues(text, text.lastIndexOf('\n', from - 2) + 1, from - 1))
    from = text.lastIndexOf('\n', from - 2) + 1;
  // Window end: past the line holding the last changed character, extended over continuations.
  let toOld = lineEndAfter(old, Math.max(p, old.length - s - 1));
  let toNew = lineEndAfter(text, Math.max(p, text.length - s - 1));
  // Past the edit both texts are the same shifted by delta: walk line ends until they align.
  while (toNew - delta !== toOld) {
    if (toNew - delta < toOld) toNew = lineEndAfter(text, toNew);
    else toOld = lineEndAfter(old, toOld);
  }
  while (toNew < text.length && (endsContinued(text, toNew) || endsContinued(old, toOld))) {
    toNew = lineEndAfter(text, toNew);
    toOld = toNew - delta;
  }
  if (from > p || toOld > old.length || toNew > text.length || toOld < from)
    return parseRequirementsFile(prev.path, text, opts);

  const startLine = firstLineOf(prev, from, old);
  const mid = parseRequirementsFile(prev.path, text, opts, { from, to: toNew, line: startLine });
  const lineDelta = count(text, from, toNew) - count(old, from, toOld);

  // Lines and everything read from them are in file order: the ones before the window are a
  // prefix of each list and the ones after it a suffix, found by binary search.
  const cut = <T>(xs: T[], lineOf: (x: T) => LogicalLine) => ({
    head: firstIndex(xs, (x) => lineOf(x).end >= from),
    tail: firstIndex(xs, (x) => lineOf(x).start >= toOld),
  });
  const ofLine = (l: LogicalLine) => l;
  const ofItem = (x: { line: LogicalLine }) => x.line;
  const cl = cut(prev.lines, ofLine);
  const cr = cut(prev.requirements, ofItem);
  const ci = cut(prev.includes, ofItem);
  const co = cut(prev.options, ofItem);
  const cp = cut(prev.problems, ofItem);
  const splice = <T>(xs: T[], c: { head: number; tail: number }, midXs: T[], shift?: (x: T) => T): T[] => {
    if (!shift) return xs.slice(0, c.head).concat(midXs, xs.slice(c.tail));
    const out = xs.slice(0, c.head);
    for (const x of midXs) out.push(x);
    for (let i = c.tail; i < xs.length; i++) out.push(shift(xs[i] as T));
    return out;
  };
  if (opts.consumePrevious && (delta !== 0 || lineDelta !== 0)) {
    // New arrays, old objects: the tail is shifted in place, the previous lists stay as they were
    // (the DEP family's match state compares the new lists with them, see match-state.ts).
    const result: RequirementsFile = {
      path: prev.path,
      text,
      lines: splice(prev.lines, cl, mid.lines),
      requirements: splice(prev.requirements, cr, mid.requirements),
      includes: splice(prev.includes, ci, mid.includes),
      options: splice(prev.options, co, mid.options),
      problems: splice(prev.problems, cp, mid.problems),
    };
    for (let i = cl.tail; i < prev.lines.length; i++) {
      const l = prev.lines[i] as LogicalLine;
      l.firstLine += lineDelta;
      l.lastLine += lineDelta;
      l.start += delta;
      l.end += delta;
      if (typeof l.map === 'number') l.map += delta;
      else for (let j = 1; j < l.map.length; j += 2) l.map[j] = (l.map[j] as number) + delta;
    }
    // A requirement's offsets follow its line; only its hashes carry offsets of their own.
    for (let i = cr.tail; i < prev.requirements.length; i++) {
      for (const h of (prev.requirements[i] as RequirementEntry).hashes) {
        h.start += delta;
        h.end += delta;
      }
    }
    const spans: [{ start: number; end: number }[], number][] = [
      [prev.includes, ci.tail],
      [prev.options, co.tail],
      [prev.problems, cp.tail],
    ];
    for (const [xs, tail] of spans)
      for (let i = tail; i < xs.length; i++) {
        const x = xs[i] as { start: number; end: number };
        x.start += delta;
        x.end += delta;
      }
    return result;
  }
  const moved = new Map<LogicalLine, LogicalLine>();
  const shiftLine = (l: LogicalLine): LogicalLine => {
    if (delta === 0 && lineDelta === 0) return l;
    let m = moved.get(l);
    if (!m) {
      let map: number | number[];
      if (typeof l.map === 'number') map = l.map + delta;
      else {
        map = l.map.slice();
        for (let j = 1; j < map.length; j += 2) map[j] = (map[j] as number) + delta;
      }
      m = {
        ...l,
        firstLine: l.firstLine + lineDelta,
        lastLine: l.lastLine + lineDelta,
        start: l.start + delta,
        end: l.end + delta,
        map,
      };
      moved.set(l, m);
    }
    return m;
  };
  const shiftReq = (r: RequirementEntry): RequirementEntry =>
    delta === 0 && lineDelta === 0 ? r : (r as ParsedRequirement).movedTo(shiftLine(r.line), delta);
  const shiftSpan = <T extends IncludeEntry | OptionEntry | LineProblem>(x: T): T =>
    delta === 0 && lineDelta === 0
      ? x
      : { ...x, line: shiftLine(x.line), start: x.start + delta, end: x.end + delta };

  return {
    path: prev.path,
    text,
    lines: splice(prev.lines, cl, mid.lines, shiftLine),
    requirements: splice(prev.requirements, cr, mid.requirements, shiftReq),
    includes: splice(prev.includes, ci, mid.includes, shiftSpan),
    options: splice(prev.options, co, mid.options, shiftSpan),
    problems: splice(prev.problems, cp, mid.problems, shiftSpan),
  };
}

// Comparing 1 KiB slices runs at memcmp speed; a charCodeAt loop over a 1 MB text costs
// milliseconds, more than the rest of a re-check.
const CHUNK = 1024;

/** Length of the common prefix of `a` and `b`, at most `max`. */
function commonPrefix(a: string, b: string, max: number): number {
  let p = 0;
  while (p + CHUNK <= max && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Length of the common suffix of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  const al = a.length;
  const bl = b.length;
  while (s + CHUNK <= max && a.slice(al - s - CHUNK, al - s) === b.slice(bl - s - CHUNK, bl - s)) s += CHUNK;
  while (s < max && a.charCodeAt(al - 1 - s) === b.charCodeAt(bl - 1 - s)) s++;
  return s;
}

/** The first physical line number of the window, from the previous parse's lines when one starts there. */
function firstLineOf(prev: RequirementsFile, from: number, old: string): number {
  // The last logical line starting at or before `from`: its first physical line is known, count on from it.
  const i = firstIndex(prev.lines, (l) => l.start > from) - 1;
  const l = prev.lines[i];
  if (!l) return count(old, 0, from);
  return l.start === from ? l.firstLine : l.firstLine + count(old, l.start, from);
}

function count(t: string, from: number, to: number): number {
  let n = 0;
  for (let i = t.indexOf('\n', from); i !== -1 && i < to; i = t.indexOf('\n', i + 1)) n++;
  return n;
}

/** Offset just past the "\n" ending the line that holds `offset` (or the text's end). */
function lineEndAfter(t: string, offset: number): number {
  const nl = t.indexOf('\n', Math.max(0, offset));
  return nl < 0 ? t.length : nl + 1;
}

/** Does the physical line [start, end) continue onto the next one (pip's join rule)? */
function continues(t: string, start: number, end: number): boolean {
  let e = end;
  if (e > start && t.charCodeAt(e - 1) === 13) e--;
  if (e <= start || t.charCodeAt(e - 1) !== 92) return false;
  let i = start;
  while (i < e && /\s/.test(t[i] as string)) i++;
  return t.charCodeAt(i) !== 35;
}

/** Does the line ending just before `lineEnd` (an offset just past a "\n") continue? */
function endsContinued(t: string, lineEnd: number): boolean {
  if (lineEnd <= 0 || t.charCodeAt(lineEnd - 1) !== 10) return false;
  return continues(t, t.lastIndexOf('\n', lineEnd - 2) + 1, lineEnd - 1);
}
