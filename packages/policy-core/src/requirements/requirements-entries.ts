import type { LogicalLine } from './line-reader.js';
import type { MarkerList } from './marker.js';
import type { Specifier } from './pep508-parser.js';

// What a parsed requirements file holds: the parser (requirements-file.ts) and the line readers
// (requirement-line.ts) both produce these, so they live apart from either.

/**
 * One requirement of a requirements file, with file offsets for every part. The parser makes
 * them as ParsedRequirement (parsed-requirement.ts), which computes the offsets on demand.
 */
export interface RequirementEntry {
  kind: 'pep508' | 'url' | 'path';
  editable: boolean;
  /** The requirement string as pip hands it on (the `-e` value for editables). */
  source: string;
  /** As written; undefined for a URL or path without `#egg=`. */
  name?: string;
  /** PEP 503 normalised name: the key requirements and lock entries are matched by. */
  key?: string;
  extras: string[];
  readonly specifiers: Specifier[];
  url?: string;
  marker?: MarkerList;
  /** packaging's normal form of the marker (`str(Marker)`). */
  markerText?: string;
  hashes: { algo: string; digest: string; start: number; end: number }[];
  /** The exact pin (one `==` without `.*`, or one `===`), when there is one: see pin.ts. */
  readonly pinnedOp?: '==' | '===' | undefined;
  readonly pinnedVersion?: string | undefined;
  line: LogicalLine;
  /** File offsets: the requirement text (name to marker end), name, extras, specifier, marker. */
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly extrasStart: number;
  readonly extrasEnd: number;
  readonly specStart: number;
  readonly specEnd: number;
  readonly markerStart: number;
  readonly markerEnd: number;
}

export interface IncludeEntry {
  kind: 'requirement' | 'constraint';
  target: string;
  line: LogicalLine;
  start: number;
  end: number;
}

export interface OptionEntry {
  name: string;
  value?: string;
  line: LogicalLine;
  start: number;
  end: number;
}

/** A line pip would reject, with pip's reason. */
export interface LineProblem {
  message: string;
  /** For a requirement pip hands on but no PEP 508 parser accepts: its text, and its leading name if any. */
  source?: string;
  key?: string;
  line: LogicalLine;
  start: number;
  end: number;
}

export interface RequirementsFile {
  path: string;
  text: string;
  lines: LogicalLine[];
  requirements: RequirementEntry[];
  includes: IncludeEntry[];
  options: OptionEntry[];
  problems: LineProblem[];
}
