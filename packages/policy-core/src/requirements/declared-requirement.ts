import type { LogicalLine } from './line-reader.js';
import { formatMarker, type MarkerList } from './marker.js';
import { type PartSpans, partSpans, type Specifier } from './pep508-parser.js';
import { normalizeName } from './pep503.js';
import type { RequirementEntry } from './requirements-entries.js';
import type { SpecifierLike } from './specifier-set.js';

/**
 * A dependency declared in pyproject.toml (PEP 621, PEP 735, uv's or Poetry's tables), shaped as
 * a requirements file's entry so that the DEP rules match it with the lock as they match a
 * requirement: by its PEP 503 key, with ranges that point into pyproject.toml. What a
 * requirements line does not have is kept beside: where it was declared, and its range as
 * alternatives (Poetry's `^1.2 || ^2.0`), each a list of specifiers that must all hold.
 */
export interface DeclaredRequirement extends RequirementEntry {
  /** Where it is declared, as a person finds it: `[dependency-groups] dev`. */
  section: string;
  /** Poetry's constraint as written (`^2.28`), shown in messages beside its PEP 440 reading. */
  constraint?: string;
  /** The versions it allows: any one alternative, every specifier of it. Empty: no range (a path, git or URL source). */
  ranges: SpecifierLike[][];
  /** Poetry's `python = "..."` on this dependency: the Pythons it applies to, as alternatives. */
  python?: SpecifierLike[][];
}

export function isDeclared(entry: RequirementEntry): entry is DeclaredRequirement {
  return 'section' in entry && Array.isArray((entry as DeclaredRequirement).ranges);
}

/** The parts of a declaration, with file offsets (-1 when absent). */
export interface DeclaredParts extends PartSpans {
  section: string;
  name: string;
  /** The text a requirement line would hold (`name[x]>=1; marker`, or Poetry's `name ^1.2`). */
  source: string;
  nameStart: number;
  start: number;
  end: number;
  extras: string[];
  specifiers: Specifier[];
  ranges: SpecifierLike[][];
  marker?: MarkerList;
  url?: string;
  kind: 'pep508' | 'url' | 'path';
  constraint?: string;
  python?: SpecifierLike[][];
  /** 0-based lines of `start` and `end`. */
  firstLine: number;
  lastLine: number;
}

const NO_HASHES: RequirementEntry['hashes'] = Object.freeze([]) as unknown as RequirementEntry['hashes'];

export function declaredRequirement(p: DeclaredParts): DeclaredRequirement {
  const only = p.specifiers.length === 1 ? p.specifiers[0] : undefined;
  const pinned =
    only && (only.op === '==' || only.op === '===') && !only.version.endsWith('.*') ? only : undefined;
  // The declaration seen as one logical line of its own, so that what reads a requirement's
  // line (its number in a message, a suppression comment above it) finds pyproject.toml's.
  const line: LogicalLine = {
    text: p.source,
    firstLine: p.firstLine,
    lastLine: p.lastLine,
    start: p.start,
    end: p.end,
    map: p.start,
  };
  const entry: DeclaredRequirement = {
    section: p.section,
    ranges: p.ranges,
    kind: p.kind,
    editable: false,
    source: p.source,
    name: p.name,
    key: normalizeName(p.name),
    extras: p.extras,
    specifiers: p.specifiers,
    hashes: NO_HASHES,
    pinnedOp: pinned?.op as '==' | '===' | undefined,
    pinnedVersion: pinned?.version,
    line,
    start: p.start,
    end: p.end,
    nameStart: p.nameStart,
    ...partSpans(p),
  };
  if (p.url !== undefined) entry.url = p.url;
  if (p.marker) {
    entry.marker = p.marker;
    entry.markerText = formatMarker(p.marker);
  }
  if (p.constraint !== undefined) entry.constraint = p.constraint;
  if (p.python) entry.python = p.python;
  return entry;
}

/** How a declaration's range reads in a message: `>=2.2`, `^2.28 (>=2.28,<3.0.0)`, `any version`. */
export function rangeText(entry: DeclaredRequirement | RequirementEntry): string {
  const ranges = isDeclared(entry) ? entry.ranges : [entry.specifiers];
  if (ranges.length === 0) return 'any version';
  const pep440 = ranges
    .map((r) => r.map((s) => `${s.op}${s.version}`).join(',') || 'any version')
    .join(' or ');
  if (isDeclared(entry) && entry.constraint !== undefined && entry.constraint !== pep440)
    return `${entry.constraint} (${pep440})`;
  return pep440;
}
