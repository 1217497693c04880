import {
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { LIMITS } from '../limits.js';
import { seriesNotes } from './merge-series-notes.js';

/**
 * `slipway init --merge`: what init found, added to the policy a user already wrote, without
 * changing a byte of it: every addition is text inserted after what is there, so the diff is
 * only `+` lines. Only what makes the policy stricter or fills a gap is added: a missing section,
 * keys missing from the migrations, deploy, update and protected sections, protected paths and
 * dependency pairs not yet listed. A rule turned off, a wider `agents.allowed` or anything that
 * would judge less than the user's policy does is named, never written: loosening a gate is for a
 * human to write.
 */
export type MergeResult =
  | { ok: true; text: string; added: string[]; kept: string[] }
  | { ok: false; reason: string };

/** Sections whose missing keys init may fill in: they name files and facts, not permissions. */
const FILLED_IN = new Set(['migrations', 'deploy', 'update', 'protected']);
/**
 * Keys that would judge less of what the user's policy judges today (history taken as run, the
 * lock rules silenced for another database): reported with what init found, not added.
 */
const LOOSENING = new Set(['migrations.applied_through', 'migrations.dialect']);
/** Sections init never adds to: `rules` turns rules off, `agents` says where agents may write. */
const LEFT_ALONE = new Set(['rules', 'agents']);

interface Insertion {
  at: number;
  text: string;
}

export function mergePolicyText(existing: string, fromInit: string, file = 'slipway.yaml'): MergeResult {
  if (existing.length > LIMITS.policy.chars)
    return { ok: false, reason: `${file} is larger than a policy may be; merge by hand` };
  // Never turned into values (aliases stay aliases), so an alias bomb costs what its text does.
  const mine = parseDocument(existing);
  const first = mine.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    return {
      ok: false,
      reason: `${file}${line ? ` line ${line}` : ''}: ${first.message.split('\n')[0]}; fix it, then run init --merge again`,
    };
  }
  if (mine.contents !== null && (!isMap(mine.contents) || mine.contents.flow))
    return { ok: false, reason: `${file}: the policy is not a block mapping of sections; merge by hand` };
  const theirs = parseDocument(fromInit);
  if (!isMap(theirs.contents)) return { ok: false, reason: 'init wrote no policy to merge' };
  const added: string[] = [];
  const kept: string[] = [];
  const edits: Insertion[] = [];
  const target = mine.contents as YAMLMap | null;
  const source = { text: fromInit };
  const newSections: string[] = [];
  for (const pair of theirs.contents.items as Pair<Node, Node>[]) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    const current = target?.get(key, true) as Node | undefined;
    if (current === undefined) {
      if (key === 'rules') kept.push('rules: init would turn rules off; left for you to decide');
      else {
        newSections.push(sectionText(source.text, pair));
        added.push(key);
      }
    } else if (LEFT_ALONE.has(key)) kept.push(`${key}: yours, as written`);
    else if (key === 'dependencies' && isSeq(current) && isSeq(pair.value))
      addPairs(existing, current, source.text, pair.value, added, kept, edits);
    else if (FILLED_IN.has(key) && isMap(current) && isMap(pair.value)) {
      fillIn(existing, current, source.text, pair.value, key, added, kept, edits);
      if (key === 'migrations') kept.push(...seriesNotes(current, pair.value));
      if (key === 'protected') {
        const paths = current.get('paths', true);
        const initPaths = pair.value.get('paths', true);
        if (isSeq(paths) && isSeq(initPaths)) union(existing, paths, initPaths, added, edits);
      }
    }
  }
  let text = existing;
  for (const e of edits.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.text + text.slice(e.at);
  if (newSections.length)
    text = `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}\n${newSections.join('\n\n')}\n`;
  return { ok: true, text, added, kept };
}

function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}

/** Start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the end of the line holding `offset` (after its newline, or the end of the text). */
function lineAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(offset - 1, 0));
  return nl < 0 ? text.length : nl + 1;
}

/** A pair of init's text, with the comment lines right above it, as it stands there. */
function sectionText(text: string, pair: Pair<Node, Node>): string {
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  let start = lineStart(text, keyStart);
  // The comment lines right above belong to it: they say what the section is for.
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    if (!text.slice(prev, start).trimStart().startsWith('#')) break;
    start = prev;
  }
  const end = lineAfter(text, (pair.value as Node | null)?.range?.[1] ?? keyStart);
  return text.slice(start, end).replace(/\n+$/, '');
}

/** Re-indents lines of init's text (indented by `from`) to the user's indentation `to`. */
function reindent(block: string, from: number, to: number): string {
  return block
    .split('\n')
    .map((l) => (l.startsWith(' '.repeat(from)) ? ' '.repeat(to) + l.slice(from) : l))
    .join('\n');
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Where the first item of a sequence begins. */
function firstOffset(seq: YAMLSeq): number {
  return (seq.items[0] as Node | undefined)?.range?.[0] ?? 0;
}

/** The column of the `-` that starts the sequence item whose content begins at `offset`. */
function dashColumn(text: string, offset: number): number {
  const dash = text.lastIndexOf('-', offset);
  return dash >= lineStart(text, offset) ? columnOf(text, dash) : columnOf(text, offset);
}

/** Where to insert lines after a block collection: the line after its last content. */
function afterBlock(text: string, node: Node): number {
  const end = node.range?.[1] ?? 0;
  // range[1] is just past the value; back up over the newline(s) that may end it.
  let last = end;
  while (last > 0 && (text[last - 1] === '\n' || text[last - 1] === '\r')) last--;
  return lineAfter(text, last);
}

/** Adds the keys of init's `from` that the user's `into` lacks, each as init writes it. */
function fillIn(
  text: string,
  into: YAMLMap,
  initText: string,
  from: YAMLMap,
  path: string,
  added: string[],
  kept: string[],
  edits: Insertion[],
): void {
  const missing = (from.items as Pair<Node, Node>[]).filter((p) => {
    const key = keyOf(p);
    return key !== undefined && !into.has(key);
  });
  if (missing.length === 0) return;
  if (into.flow || into.items.length === 0) {
    kept.push(`${path}: written on one line; add ${missing.map(keyOf).join(', ')} by hand`);
    return;
  }
  const indent = columnOf(text, ((into.items[0] as Pair<Node, Node>).key as Node).range?.[0] ?? 0);
  const at = afterBlock(text, into);
  const lines: string[] = [];
  for (const pair of missing) {
    const key = keyOf(pair) as string;
    if (LOOSENING.has(`${path}.${key}`)) {
      const value = JSON.stringify(pair.value?.toJSON());
      if (!(key === 'dialect' && value === '"postgresql"'))
        kept.push(
          `${path}.${key}: init found ${value}; not added, as it judges less than your policy does (add it yourself if it is true)`,
        );
      continue;
    }
    const initIndent = columnOf(initText, (pair.key as Node).range?.[0] ?? 0);
    lines.push(reindent(sectionText(initText, pair), initIndent, indent));
    added.push(`${path}.${key}`);
  }
  if (lines.length) edits.push({ at, text: `${prefixNewline(text, at)}${lines.join('\n')}\n` });
}

/** A newline first when inserting at the end of a text that does not end with one. */
function prefixNewline(text: string, at: number): string {
  return at === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : '';
}

/** Protected paths init found that the user's list lacks: more protected paths only protect more. */
function union(text: string, into: YAMLSeq, from: YAMLSeq, added: string[], edits: Insertion[]): void {
  const have = new Set(into.items.map((n) => (isScalar(n) ? String(n.value) : undefined)));
  const more = from.items
    .filter((n) => isScalar(n) && !have.has(String(n.value)))
    .map((n) => String((n as { value: unknown }).value));
  if (more.length === 0) return;
  for (const p of more) added.push(`protected.paths: ${p}`);
  if (into.flow) {
    // Before the closing bracket: `[a, b]` becomes `[a, b, "c"]`.
    const close = text.lastIndexOf(']', (into.range?.[1] ?? 1) - 1);
    const sep = into.items.length ? ', ' : '';
    edits.push({ at: close, text: sep + more.map((p) => JSON.stringify(p)).join(', ') });
    return;
  }
  const indent = dashColumn(text, firstOffset(into));
  const at = afterBlock(text, into);
  edits.push({
    at,
    text: `${prefixNewline(text, at)}${more.map((p) => `${' '.repeat(indent)}- ${JSON.stringify(p)}`).join('\n')}\n`,
  });
}

/** Dependency pairs for a requirements file the user has not listed, as init writes them. */
function addPairs(
  text: string,
  into: YAMLSeq,
  initText: string,
  from: YAMLSeq,
  added: string[],
  kept: string[],
  edits: Insertion[],
): void {
  const requirements = (n: unknown) => (isMap(n) ? String(n.get('requirements') ?? '') : '');
  const have = new Set(into.items.map(requirements));
  const more = from.items.filter((item) => isMap(item) && !have.has(requirements(item))) as YAMLMap[];
  if (more.length === 0) return;
  if (into.flow || into.items.length === 0) {
    kept.push(`dependencies: written on one line; add ${more.map(requirements).join(', ')} by hand`);
    return;
  }
  const indent = dashColumn(text, firstOffset(into));
  const at = afterBlock(text, into);
  const blocks = more.map((item) => {
    const start = lineStart(initText, item.range?.[0] ?? 0);
    const block = initText
      .slice(start, lineAfter(initText, afterBlock(initText, item) - 1))
      .replace(/\n+$/, '');
    added.push(`dependencies: ${requirements(item)}`);
    return reindent(block, dashColumn(initText, item.range?.[0] ?? 0), indent);
  });
  edits.push({ at, text: `${prefixNewline(text, at)}${blocks.join('\n')}\n` });
}
