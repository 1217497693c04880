import * as z from 'zod/mini';
import { locateJson, parseJsonWithRanges } from '../deploy/json-with-ranges.js';
import { LIMITS, megabytes, NOT_TEXT, notTextAt } from '../limits.js';
import { LineIndex } from '../text-position.js';
import { described } from '../zod-kit.js';

/**
 * The baseline file (`slipway baseline` writes it, `check` and `guard` read it): the findings a
 * team accepted as they were, each as a fingerprint that survives line shifts (fingerprint.ts).
 * JSON, one entry a line, sorted, so that a pull request that adds or drops entries shows them
 * one per line in review.
 */
export const BASELINE_VERSION = 1;

const entrySchema = z.strictObject({
  rule: described(z.string().check(z.regex(/^[A-Z]+\d{3}$/, 'must be a rule id such as MIG001')), 'Rule id.'),
  file: described(z.string().check(z.minLength(1, 'must not be empty')), 'Repository-relative path.'),
  fingerprint: described(
    z.string().check(z.regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits')),
    'Hash of the flagged lines and their non-blank neighbours, normalised.',
  ),
  occurrence: described(
    z.int().check(z.positive('must be 1 or more')),
    'Which of the identical fingerprints in the file, in order: 1, 2, …',
  ),
});

export const baselineSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION),
  findings: z.array(entrySchema),
});

export type BaselineEntry = z.output<typeof entrySchema>;
export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

/**
 * An entry's identity within its file. Entries are indexed file by file (`entriesByFile`): a key
 * with the whole path in it costs a long string per entry, and 10,000 of them are most of a
 * match's time.
 */
export const keyInFile = (e: Pick<BaselineEntry, 'rule' | 'fingerprint' | 'occurrence'>): string =>
  `${e.rule}\u0000${e.fingerprint}\u0000${e.occurrence}`;

/** Entries by file, then by `keyInFile`; `repeated` is the index of the first entry seen twice. */
export function entriesByFile(entries: readonly BaselineEntry[]): {
  byFile: Map<string, Map<string, BaselineEntry>>;
  repeated?: number;
} {
  const byFile = new Map<string, Map<string, BaselineEntry>>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as BaselineEntry;
    let inFile = byFile.get(e.file);
    if (!inFile) {
      inFile = new Map();
      byFile.set(e.file, inFile);
    }
    const key = keyInFile(e);
    if (inFile.has(key)) return { byFile, repeated: i };
    inFile.set(key, e);
  }
  return { byFile };
}

/** An entry's identity: a baseline holds each at most once. */
export const entryKey = (e: Pick<BaselineEntry, 'rule' | 'file' | 'fingerprint' | 'occurrence'>): string =>
  `${e.rule}\u0000${e.file}\u0000${e.fingerprint}\u0000${e.occurrence}`;

export type BaselineRead = { ok: true; baseline: Baseline } | { ok: false; problem: string; what: string };

/**
 * Reads a baseline's text. A problem is one line, `file:line:col: invalid baseline: what; what to
 * do`, so that a host can print it as it stands (the CLI exits 2 with it, the guard fails on it).
 */
export function parseBaseline(text: string, file: string): BaselineRead {
  const fail = (offset: number, what: string): BaselineRead => {
    const at = new LineIndex(text).position(offset);
    return {
      ok: false,
      what,
      problem: `${file}:${at.line + 1}:${at.character + 1}: invalid baseline: ${what}; run \`slipway baseline\` to write it again, or restore it from git`,
    };
  };
  if (text.length > LIMITS.baseline.chars)
    return fail(0, `it is ${megabytes(text.length)}, past the limit of ${megabytes(LIMITS.baseline.chars)}`);
  const bad = notTextAt(text);
  if (bad !== -1) return fail(bad, `it ${NOT_TEXT}`);
  // JSON.parse first: far faster on a big baseline. The reader with ranges (which also words
  // each syntax error) runs only to place a problem.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const json = parseJsonWithRanges(text);
    return json.ok ? fail(0, 'it is not JSON') : fail(json.offset, json.message);
  }
  const at = (path: (string | number)[]): number => {
    const json = parseJsonWithRanges(text);
    return json.ok ? locateJson(json.node, path).start : 0;
  };
  return checkBaseline(value as { version?: unknown } | null, fail, at);
}

/** The parsed value against the schema; `at` places a problem by its path in the JSON. */
function checkBaseline(
  value: { version?: unknown } | null,
  fail: (offset: number, what: string) => BaselineRead,
  at: (path: (string | number)[]) => number,
): BaselineRead {
  // The version first: a newer file is not "wrong" field by field, it is for another Slipway.
  if (value && typeof value === 'object' && 'version' in value && value.version !== BASELINE_VERSION)
    return fail(
      at(['version']),
      `version ${JSON.stringify(value.version)} is not one this Slipway reads (${BASELINE_VERSION})`,
    );
  // The common case, a well-formed file, is checked by hand: zod's walk of 10,000 entries was a
  // third of what matching a baseline adds to a check. zod runs only to word a problem.
  const fast = wellFormed(value);
  const parsed = fast ? { success: true as const, data: fast } : baselineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((p) => typeof p !== 'symbol') as (string | number)[];
    const where = path.length ? `\`${path.join('.')}\`: ` : '';
    return fail(at(path), `${where}${issue?.message ?? 'not a baseline'}`);
  }
  const seen = new Set<string>();
  for (const [i, e] of parsed.data.findings.entries()) {
    const key = entryKey(e);
    // Twice the same entry would accept one finding twice over: refused, not merged.
    if (seen.has(key)) return fail(at(['findings', i]), `entry ${i + 1} repeats an earlier one`);
    seen.add(key);
  }
  return { ok: true, baseline: parsed.data };
}

const RULE_ID = /^[A-Z]+\d{3}$/;
const FINGERPRINT = /^[0-9a-f]{32}$/;
const ENTRY_KEYS = 4;

/**
 * The value as a Baseline when it is exactly what entrySchema and baselineSchema accept, else
 * undefined (and the schema says what is wrong). Kept in step with the schema by a test that
 * feeds both the same good and bad files.
 */
export function wellFormed(value: unknown): Baseline | undefined {
  if (!isPlain(value) || Object.keys(value).length !== 2 || value.version !== BASELINE_VERSION)
    return undefined;
  const findings = value.findings;
  if (!Array.isArray(findings)) return undefined;
  for (const e of findings as unknown[]) {
    if (!isPlain(e) || Object.keys(e).length !== ENTRY_KEYS) return undefined;
    const { rule, file, fingerprint, occurrence } = e;
    if (typeof rule !== 'string' || !RULE_ID.test(rule)) return undefined;
    if (typeof file !== 'string' || file.length === 0) return undefined;
    if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) return undefined;
    if (typeof occurrence !== 'number' || !Number.isSafeInteger(occurrence) || occurrence < 1)
      return undefined;
  }
  return value as unknown as Baseline;
}

/** A JSON object (not an array, not null) whose own keys are all there is to it. */
function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Entries in one order whatever the findings' order: file, rule, fingerprint, occurrence. */
export function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  if (a.fingerprint !== b.fingerprint) return a.fingerprint < b.fingerprint ? -1 : 1;
  return a.occurrence - b.occurrence;
}

/** The file's text: sorted, one entry a line, keys in a fixed order, a final newline. */
export function serializeBaseline(baseline: Baseline): string {
  const lines = [...baseline.findings]
    .sort(compareEntries)
    .map((e) =>
      JSON.stringify({ rule: e.rule, file: e.file, fingerprint: e.fingerprint, occurrence: e.occurrence }),
    );
  const body = lines.length ? `[\n    ${lines.join(',\n    ')}\n  ]` : '[]';
  return `{\n  "version": ${BASELINE_VERSION},\n  "findings": ${body}\n}\n`;
}
