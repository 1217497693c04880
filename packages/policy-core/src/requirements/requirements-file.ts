import { type Env, type LogicalLine, readLogicalLines, toFileOffset } from './line-reader.js';
import { ParsedRequirement } from './parsed-requirement.js';
import { formatMarker } from './marker.js';
import { type Pep508Requirement, parsePep508, Pep508Error } from './pep508-parser.js';
import { normalizeName } from './pep503.js';
import { checkHash, OptionError, type ParsedOption, parseOptions, shellSplit } from './pip-options.js';
import { eggName, onlyHashes, setLeadKey, splitArgs, URL_SCHEME } from './requirement-line.js';
import type { LineProblem, OptionEntry, RequirementEntry, RequirementsFile } from './requirements-entries.js';

export type {
  IncludeEntry,
  LineProblem,
  OptionEntry,
  RequirementEntry,
  RequirementsFile,
} from './requirements-entries.js';

export interface ParseOptions {
  env?: Env;
  /**
   * Parsed requirement texts to reuse between parses of the same files (the editor re-checks
   * a file on every keystroke; unchanged lines then cost a map lookup).
   */
  cache?: Map<string, Pep508Requirement | Pep508Error>;
}

const CACHE_LIMIT = 50_000;

/**
 * What most requirements have none of, shared: a 300,000-line lock would otherwise hold
 * 600,000 empty arrays. Frozen, so that a caller that tried to add to one fails loudly.
 */
const NO_EXTRAS: string[] = Object.freeze([]) as unknown as string[];
const NO_HASHES: RequirementEntry['hashes'] = Object.freeze([]) as unknown as RequirementEntry['hashes'];

export function parseRequirementsFile(
  path: string,
  text: string,
  opts: ParseOptions = {},
  window?: { from: number; to: number; line: number },
): RequirementsFile {
  const file: RequirementsFile = {
    path,
    text,
    lines: readLogicalLines(text, opts.env, window),
    requirements: [],
    includes: [],
    options: [],
    problems: [],
  };
  for (const line of file.lines) parseLine(file, line, opts.cache);
  return file;
}

function problem(
  file: RequirementsFile,
  line: LogicalLine,
  message: string,
  start: number,
  end: number,
): void {
  // A parser error at the end of the input points one past it ("0;" fails after the `;`): the
  // range never leaves the line's own text.
  file.problems.push({
    message,
    line,
    start: Math.min(toFileOffset(line, start), line.end),
    end: Math.min(toFileOffset(line, Math.max(start, end)), line.end),
  });
}

function parseLine(file: RequirementsFile, line: LogicalLine, cache: ParseOptions['cache']): void {
  const text = line.text;
  const cut = splitArgs(text);
  const args = cut < 0 ? text : cut === 0 ? '' : text.slice(0, cut - 1);
  let options: ParsedOption[] = [];
  const fast = cut > 0 ? onlyHashes(text, cut, line) : undefined;
  if (fast) {
    const entry = parseRequirementText(file, line, args, 0, false, cache);
    if (entry) {
      entry.hashes = fast.length > 0 ? fast : NO_HASHES;
      file.requirements.push(entry);
    }
    return;
  }
  if (cut >= 0) {
    const optText = text.slice(cut);
    const tokens = shellSplit(optText);
    const parsed = tokens instanceof OptionError ? tokens : parseOptions(tokens);
    if (parsed instanceof OptionError) {
      problem(
        file,
        line,
        `${parsed.message} (pip cannot read this option)`,
        cut + parsed.start,
        cut + parsed.end,
      );
      return;
    }
    options = parsed.map((o) => ({
      ...o,
      start: o.start + cut,
      end: o.end + cut,
      valueStart: o.valueStart + cut,
      valueEnd: o.valueEnd + cut,
    }));
  }
  const editable = options.find((o) => o.spec.name === '--editable');
  if (!args && !editable) {
    for (const o of options) handleOption(file, line, o);
    return;
  }
  const hashes: RequirementEntry['hashes'] = [];
  for (const o of options) {
    if (o.spec.name !== '--hash') continue;
    const bad = checkHash(o.value ?? '');
    if (bad) {
      problem(file, line, bad, o.start, o.end);
      setLeadKey(file.problems[file.problems.length - 1] as LineProblem, args);
      return;
    }
    const value = o.value as string;
    const colon = value.indexOf(':');
    hashes.push({
      algo: value.slice(0, colon),
      digest: value.slice(colon + 1),
      start: toFileOffset(line, o.start),
      end: toFileOffset(line, o.end),
    });
  }
  const reqText = args || (editable?.value ?? '');
  const base = args ? 0 : (editable?.valueStart ?? 0);
  const entry = parseRequirementText(file, line, reqText, base, !args, cache);
  if (entry) {
    entry.hashes = hashes.length > 0 ? hashes : NO_HASHES;
    file.requirements.push(entry);
  }
}

function handleOption(file: RequirementsFile, line: LogicalLine, o: ParsedOption): void {
  const start = toFileOffset(line, o.start);
  const end = toFileOffset(line, o.end);
  if (o.spec.name === '--requirement' || o.spec.name === '--constraint') {
    file.includes.push({
      kind: o.spec.name === '--requirement' ? 'requirement' : 'constraint',
      target: o.value ?? '',
      line,
      start: toFileOffset(line, o.valueStart),
      end: toFileOffset(line, o.valueEnd),
    });
  } else if (o.spec.name === '--hash') {
    problem(file, line, '--hash must follow a requirement on the same logical line', o.start, o.end);
    return;
  }
  const entry: OptionEntry = { name: o.spec.name, line, start, end };
  if (o.value !== undefined) entry.value = o.value;
  file.options.push(entry);
}

function parseRequirementText(
  file: RequirementsFile,
  line: LogicalLine,
  reqText: string,
  base: number,
  editable: boolean,
  cache: ParseOptions['cache'],
): ParsedRequirement | undefined {
  const isUrl = reqText.includes(':') && URL_SCHEME.test(reqText);
  const semi = isUrl ? -1 : reqText.indexOf(';');
  const head = semi < 0 ? reqText : reqText.slice(0, semi);
  const isPath =
    !isUrl &&
    (editable || head.startsWith('.') || head.startsWith('/') || (!head.includes('@') && head.includes('/')));
  if (isUrl || isPath) {
    const sep = reqText.indexOf(isUrl ? '; ' : ';');
    const location = (sep < 0 ? reqText : reqText.slice(0, sep)).trim();
    const name = eggName(location);
    const entry = new ParsedRequirement(
      isUrl ? 'url' : 'path',
      false,
      editable,
      reqText,
      line,
      base,
      NO_EXTRAS,
      NO_HASHES,
    );
    entry.url = location;
    if (name) {
      entry.name = name;
      entry.key = normalizeName(name.replace(/\[.*$/, ''));
    }
    return entry;
  }
  let parsed = cache?.get(reqText);
  if (parsed === undefined) {
    parsed = parsePep508(reqText);
    if (cache) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(reqText, parsed);
    }
  }
  if (parsed instanceof Pep508Error) {
    problem(
      file,
      line,
      `not a valid requirement: ${parsed.message}`,
      base + parsed.start,
      base + Math.max(parsed.end, parsed.start + 1),
    );
    const last = file.problems[file.problems.length - 1] as LineProblem;
    last.source = reqText;
    setLeadKey(last, reqText);
    return undefined;
  }
  const p = parsed;
  const extras = p.extras.length > 0 ? p.extras : NO_EXTRAS;
  const entry = new ParsedRequirement(
    p.url ? 'url' : 'pep508',
    true,
    editable,
    reqText,
    line,
    base,
    extras,
    NO_HASHES,
    p,
  );
  entry.name = p.name;
  entry.key = normalizeName(p.name);
  if (p.url) entry.url = p.url;
  if (p.marker) {
    entry.marker = p.marker;
    entry.markerText = formatMarker(p.marker);
  }
  return entry;
}
