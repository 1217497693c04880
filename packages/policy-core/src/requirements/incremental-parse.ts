import type { LogicalLine } from './line-reader.js';
import {
  type IncludeEntry,
  type LineProblem,
  type OptionEntry,
  type ParseOptions,
  parseRequirementsFile,
  type RequirementEntry,
  type RequirementsFile,
} from './requirements-file.js';

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
  let p = 0;
  while (p < min && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === old.length && p === text.length) return { ...prev, text };
  let s = 0;
  while (s < min - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
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

  const before = (l: LogicalLine) => l.end < from;
  const after = (l: LogicalLine) => l.start >= toOld;
  if (opts.consumePrevious && (delta !== 0 || lineDelta !== 0)) {
    // Classify before shifting: a shifted line could otherwise look like a later one.
    const afterLines = new Set(prev.lines.filter(after));
    const keep = <T extends { line: LogicalLine }>(xs: T[]) => xs.filter((x) => afterLines.has(x.line));
    const tailReqs = keep(prev.requirements);
    const tailIncludes = keep(prev.includes);
    const tailOptions = keep(prev.options);
    const tailProblems = keep(prev.problems);
    const result: RequirementsFile = {
      path: prev.path,
      text,
      lines: [...prev.lines.filter(before), ...mid.lines, ...afterLines],
      requirements: [...prev.requirements.filter((x) => before(x.line)), ...mid.requirements, ...tailReqs],
      includes: [...prev.includes.filter((x) => before(x.line)), ...mid.includes, ...tailIncludes],
      options: [...prev.options.filter((x) => before(x.line)), ...mid.options, ...tailOptions],
      problems: [...prev.problems.filter((x) => before(x.line)), ...mid.problems, ...tailProblems],
    };
    for (const l of afterLines) {
      l.firstLine += lineDelta;
      l.lastLine += lineDelta;
      l.start += delta;
      l.end += delta;
      for (let j = 1; j < l.map.length; j += 2) l.map[j] = (l.map[j] as number) + delta;
    }
    for (const r of tailReqs) {
      r.start += delta;
      r.end += delta;
      r.nameStart += delta;
      r.nameEnd += delta;
      if (r.extrasStart >= 0) r.extrasStart += delta;
      if (r.extrasEnd >= 0) r.extrasEnd += delta;
      r.specStart += delta;
      r.specEnd += delta;
      if (r.markerStart >= 0) r.markerStart += delta;
      if (r.markerEnd >= 0) r.markerEnd += delta;
      for (const x of r.specifiers) {
        x.start += delta;
        x.versionStart += delta;
        x.end += delta;
      }
      for (const h of r.hashes) {
        h.start += delta;
        h.end += delta;
      }
    }
    for (const x of [...tailIncludes, ...tailOptions, ...tailProblems]) {
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
      const map = l.map.slice();
      for (let j = 1; j < map.length; j += 2) map[j] = (map[j] as number) + delta;
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
  const sh = (n: number) => (n < 0 ? n : n + delta);
  const shiftReq = (r: RequirementEntry): RequirementEntry =>
    delta === 0 && lineDelta === 0
      ? r
      : {
          ...r,
          line: shiftLine(r.line),
          start: r.start + delta,
          end: r.end + delta,
          nameStart: r.nameStart + delta,
          nameEnd: r.nameEnd + delta,
          extrasStart: sh(r.extrasStart),
          extrasEnd: sh(r.extrasEnd),
          specStart: r.specStart + delta,
          specEnd: r.specEnd + delta,
          markerStart: sh(r.markerStart),
          markerEnd: sh(r.markerEnd),
          specifiers: r.specifiers.map((x) => ({
            ...x,
            start: x.start + delta,
            versionStart: x.versionStart + delta,
            end: x.end + delta,
          })),
          hashes: r.hashes.map((h) => ({ ...h, start: h.start + delta, end: h.end + delta })),
        };
  const shiftSpan = <T extends IncludeEntry | OptionEntry | LineProblem>(x: T): T =>
    delta === 0 && lineDelta === 0
      ? x
      : { ...x, line: shiftLine(x.line), start: x.start + delta, end: x.end + delta };

  const pick = <T extends { line: LogicalLine }>(xs: T[], midXs: T[], shift: (x: T) => T): T[] => [
    ...xs.filter((x) => before(x.line)),
    ...midXs,
    ...xs.filter((x) => after(x.line)).map(shift),
  ];
  return {
    path: prev.path,
    text,
    lines: pick(
      prev.lines.map((l) => ({ line: l })),
      mid.lines.map((l) => ({ line: l })),
      (x) => ({ line: shiftLine(x.line) }),
    ).map((x) => x.line),
    requirements: pick(prev.requirements, mid.requirements, shiftReq),
    includes: pick(prev.includes, mid.includes, shiftSpan),
    options: pick(prev.options, mid.options, shiftSpan),
    problems: pick(prev.problems, mid.problems, shiftSpan),
  };
}

/** The first physical line number of the window, from the previous parse's lines when one starts there. */
function firstLineOf(prev: RequirementsFile, from: number, old: string): number {
  const hit = prev.lines.find((l) => l.start === from);
  if (hit) return hit.firstLine;
  return count(old, 0, from);
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
