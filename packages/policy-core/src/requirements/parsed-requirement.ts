import { type LogicalLine, toFileOffset } from './line-reader.js';
import type { MarkerList } from './marker.js';
import { parsePep508, type Pep508Requirement, partSpans, type Specifier } from './pep508-parser.js';
import type { RequirementEntry } from './requirements-entries.js';

/** The offsets `Spans` holds, each also a RequirementEntry field (as a file offset). */
const SPAN_OFFSETS = [
  'end',
  'nameStart',
  'nameEnd',
  'extrasStart',
  'extrasEnd',
  'specStart',
  'specEnd',
  'markerStart',
  'markerEnd',
] as const;

/**
 * One requirement of a requirements file, kept lean: a 300,000-line lock holds 300,000 of
 * these, and each object and field it carries is paid for in garbage collection. It stores what
 * matching a requirement against its lock reads on every entry (name, key, extras, marker,
 * hashes, the exact pin); the ranges of its parts and its specifier list are rare questions (a
 * finding, a fix, a hover) and are read again from its source text when asked, then
 * remembered. Offsets are computed from the logical line, so moving the line (an edit above
 * it) moves them too.
 */
export class ParsedRequirement implements RequirementEntry {
  name: string | undefined;
  key: string | undefined;
  url: string | undefined;
  marker: MarkerList | undefined;
  markerText: string | undefined;
  /** The exact pin (one `==` without `.*`, or one `===`): what matching compares, see pin.ts. */
  pinnedOp: '==' | '===' | undefined;
  pinnedVersion: string | undefined;
  #spans: Spans | undefined;

  constructor(
    readonly kind: 'pep508' | 'url' | 'path',
    /** True when `source` was read as PEP 508 (`name @ url` too); false for a bare URL or path. */
    readonly pep508: boolean,
    readonly editable: boolean,
    readonly source: string,
    public line: LogicalLine,
    /** Where `source` starts in the line's text (after `-e ` for an editable). */
    readonly base: number,
    readonly extras: string[],
    public hashes: RequirementEntry['hashes'],
    parsed?: Pep508Requirement,
  ) {
    this.name = undefined;
    this.key = undefined;
    this.url = undefined;
    this.marker = undefined;
    this.markerText = undefined;
    this.pinnedOp = undefined;
    this.pinnedVersion = undefined;
    const only = parsed?.specifiers.length === 1 ? parsed.specifiers[0] : undefined;
    if (only && (only.op === '==' || only.op === '===') && !only.version.endsWith('.*')) {
      this.pinnedOp = only.op;
      this.pinnedVersion = only.version;
    }
  }

  /** The same requirement on a line that moved by `delta` characters (its hashes move too). */
  movedTo(line: LogicalLine, delta: number): ParsedRequirement {
    const hashes = this.hashes.map((h) => ({ ...h, start: h.start + delta, end: h.end + delta }));
    const m = new ParsedRequirement(
      this.kind,
      this.pep508,
      this.editable,
      this.source,
      line,
      this.base,
      this.extras,
      this.hashes.length > 0 ? hashes : this.hashes,
    );
    m.name = this.name;
    m.key = this.key;
    m.url = this.url;
    m.marker = this.marker;
    m.markerText = this.markerText;
    m.pinnedOp = this.pinnedOp;
    m.pinnedVersion = this.pinnedVersion;
    m.#spans = this.#spans;
    return m;
  }

  get start(): number {
    return this.at(0);
  }
  // The other offsets of RequirementEntry: each is its part's span in the source, read through
  // `at`, so one accessor per part is defined below rather than nine alike getters.
  declare readonly end: number;
  declare readonly nameStart: number;
  declare readonly nameEnd: number;
  declare readonly extrasStart: number;
  declare readonly extrasEnd: number;
  declare readonly specStart: number;
  declare readonly specEnd: number;
  declare readonly markerStart: number;
  declare readonly markerEnd: number;
  static {
    for (const part of SPAN_OFFSETS)
      Object.defineProperty(ParsedRequirement.prototype, part, {
        get(this: ParsedRequirement) {
          return this.at(this.spans()[part]);
        },
      });
  }

  /** The specifiers, with file offsets: a new list at each call. */
  get specifiers(): Specifier[] {
    return this.spans().specifiers.map((s) => ({
      op: s.op,
      version: s.version,
      start: this.at(s.start),
      versionStart: this.at(s.versionStart),
      end: this.at(s.end),
    }));
  }

  /**
   * The file offset of index `i` of the source (-1 stays -1). Within the line's first piece
   * (almost always) by addition; a requirement that spans a continuation through the map, its
   * end then at the next piece's start, as the line's own offsets are.
   */
  private at(i: number): number {
    if (i < 0) return -1;
    const m = this.line.map;
    if (typeof m === 'number') return m + this.base + i;
    if ((m[2] as number) >= this.base + this.source.length)
      return (m[1] as number) - (m[0] as number) + this.base + i;
    return toFileOffset(this.line, this.base + i);
  }

  private spans(): Spans {
    this.#spans ??= spansOf(this.pep508 ? 'pep508' : this.kind, this.source);
    return this.#spans;
  }
}

/** Offsets into a requirement's source text of its parts (-1 when absent), and its specifiers. */
interface Spans extends Record<(typeof SPAN_OFFSETS)[number], number> {
  specifiers: Specifier[];
}

function spansOf(kind: 'pep508' | 'url' | 'path', source: string): Spans {
  if (kind !== 'pep508') {
    // A URL or a path: the location (up to a marker) stands for the name and the specifier.
    const sep = source.indexOf(kind === 'url' ? '; ' : ';');
    const location = (sep < 0 ? source : source.slice(0, sep)).trim();
    const n = location.length;
    return {
      end: source.length,
      nameStart: 0,
      nameEnd: n,
      extrasStart: -1,
      extrasEnd: -1,
      specStart: 0,
      specEnd: n,
      markerStart: -1,
      markerEnd: -1,
      specifiers: [],
    };
  }
  // The source parsed when the entry was made: parsing it again gives the same answer.
  const p = parsePep508(source) as Pep508Requirement;
  return {
    end: p.end,
    nameStart: source.length - source.trimStart().length,
    ...partSpans(p),
    specifiers: p.specifiers,
  };
}
