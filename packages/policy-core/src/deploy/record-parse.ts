import type * as z from 'zod/mini';
import { LIMITS, megabytes, NOT_TEXT, notTextAt } from '../limits.js';
import { locateJson, parseJsonWithRanges, type JsonNode } from './json-with-ranges.js';
import {
  type DeployRecord,
  deployRecordSchema,
  historyEntrySchema,
  MAX_HISTORY,
  HASH_PATTERN,
  SHA_PATTERN,
} from './record-schema.js';
import { RULE_IDS } from '../rule-ids.generated.js';
import { valueAt } from '../value-at.js';

/** The rules a record's schema problems are filed under: a bad SHA, a bad time, anything else. */
const { invalidRecord: INVALID, malformedSha: BAD_SHA, badDeployedAt: BAD_TIME } = RULE_IDS;

/** What is wrong with a record's text, as the rule that reports it and a character span. */
export interface RecordProblem {
  rule: typeof INVALID | typeof BAD_SHA | typeof BAD_TIME;
  message: string;
  start: number;
  end: number;
}

export interface ParsedRecord {
  /** The record when it matches the schema. */
  record?: DeployRecord;
  /** The parsed JSON value, valid or not (rules still check a well-formed SHA in an invalid record). */
  raw?: unknown;
  node?: JsonNode;
  problems: RecordProblem[];
}

// Of unknown: a path's last segment may be an array index, which names neither.
const SHA_KEYS: ReadonlySet<unknown> = new Set(['last_good_sha', 'previous_sha', 'sha', 'rolled_back_from']);
const TIME_KEYS: ReadonlySet<unknown> = new Set(['deployed_at']);

/**
 * Parses a deploy record and sorts schema problems by rule: a malformed SHA and a malformed
 * timestamp have rules of their own rather than the general invalid-record one, so that one
 * mistake is one finding.
 */
export function parseDeployRecord(text: string): ParsedRecord {
  if (text.length > LIMITS.record.chars) {
    const message = `The deploy record is ${megabytes(text.length)}, more than the ${megabytes(LIMITS.record.chars)} a record may be (it holds one deploy and a bounded history); restore it from git or rewrite it with \`slipway promote\`.`;
    return { problems: [{ rule: INVALID, message, start: 0, end: 0 }] };
  }
  const bad = notTextAt(text);
  if (bad !== -1) {
    const message = `The deploy record ${NOT_TEXT}; restore it from git or rewrite it with \`slipway promote\`.`;
    return { problems: [{ rule: INVALID, message, start: bad, end: bad + 1 }] };
  }
  const json = parseJsonWithRanges(text);
  if (!json.ok) {
    const what = json.tooDeep
      ? `is nested too deeply to be a deploy record (${json.message}; a record needs four)`
      : `is not valid JSON: ${json.message}`;
    return {
      problems: [
        {
          rule: INVALID,
          message: `The deploy record ${what}; restore it from git or rewrite it with \`slipway promote\`.`,
          start: json.offset,
          end: json.end,
        },
      ],
    };
  }
  const parsed = deployRecordSchema.safeParse(json.value);
  if (parsed.success) return { record: parsed.data, raw: json.value, node: json.node, problems: [] };
  const problems: RecordProblem[] = [];
  const describeAt = (path: (string | number)[]) =>
    describeJson(valueAt(json.value, path), literalAt(text, json.node, path));
  for (const issue of overCapEntries(parsed.error.issues, json.value)) {
    // zod's paths may hold symbols in general; the record's schema has string keys only, so the
    // filter narrows the type and drops nothing.
    // Stryker disable next-line ConditionalExpression: drops nothing (above)
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const last = path[path.length - 1];
    const dotted = path.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const span = locateJson(json.node, [...path, key], 'key');
        problems.push({
          rule: INVALID,
          message: `Unknown key "${key}" in the deploy record${dotted ? ` at ${dotted}` : ''}; remove it or fix its spelling.`,
          ...span,
        });
      }
      continue;
    }
    // zod checks history's size cap on a value of the wrong type too (a long string, an object
    // with a "length"): its wrong type is the one finding.
    if (issue.code === 'too_big' && !Array.isArray(valueAt(json.value, path))) continue;
    const span = locateJson(json.node, path);
    // At the root, the only problem other than unknown keys (above): not an object.
    if (path.length === 0) {
      problems.push({
        rule: INVALID,
        message: `The deploy record must be a JSON object with "last_good_sha" and "deployed_at", not ${describeAt([])}; restore it from git or rewrite it with \`slipway promote\`.`,
        ...span,
      });
      continue;
    }
    // zod leaves `issue.input` out, so "missing" is read from the JSON itself: a key with the
    // wrong type is present and must be reported as such, at its value. The path is not empty
    // here: the root's only problems, not an object and unknown keys, are reported above.
    const missing = isMissing(json.value, path);
    let rule: RecordProblem['rule'] = INVALID;
    if (SHA_KEYS.has(last) && !missing) rule = BAD_SHA;
    else if (TIME_KEYS.has(last) && !missing) rule = BAD_TIME;
    const message = missing
      ? `The deploy record lacks the required key "${dotted}"; add it (\`slipway promote\` writes a complete record).`
      : issue.code === 'invalid_type'
        ? `\`${dotted}\` ${expectedType(issue.expected, rule)}, not ${describeAt(path)}; fix the value (\`slipway promote\` writes a valid record).`
        : // Either half alone picks the same issue: history is the only key with a size cap, and
          // its one other problem, a wrong type, is worded above.
          // Stryker disable next-line ConditionalExpression,LogicalOperator: either half alone, or either of them, picks the same issue (above)
          issue.code === 'too_big' && dotted === 'history'
          ? `\`history\` has ${(valueAt(json.value, path) as unknown[]).length} entries, more than any record keeps (${MAX_HISTORY}, the most deploy.history_limit allows); delete the oldest entries at the end of the list.`
          : rule === BAD_SHA
            ? `\`${dotted}\` is not a commit SHA: it ${issue.message}; write the full 40-hex SHA (git rev-parse <ref>).`
            : rule === BAD_TIME
              ? `\`${dotted}\` ${issue.message}.`
              : `\`${dotted}\` in the deploy record: ${issue.message}.`;
    problems.push({ rule, message, ...span });
  }
  return { raw: json.value, node: json.node, problems };
}

/**
 * zod refuses an array over its size cap without looking inside (a guard against huge input), so
 * a bad SHA in a 1,001-entry history would go unreported next to "too many entries". The
 * entries are checked one by one here, and their problems reported as well.
 */
function overCapEntries(issues: readonly z.core.$ZodIssue[], root: unknown): z.core.$ZodIssue[] {
  const out = [...issues];
  const history = valueAt(root, ['history']);
  if (!Array.isArray(history) || history.length <= MAX_HISTORY) return out;
  history.forEach((entry, i) => {
    const r = historyEntrySchema.safeParse(entry);
    if (!r.success)
      for (const issue of r.error.issues) out.push({ ...issue, path: ['history', i, ...issue.path] });
  });
  return out;
}

/** The source text of a number at `path` (`1e400` reads back as Infinity, and prints as null). */
function literalAt(text: string, node: JsonNode, path: (string | number)[]): string {
  const span = locateJson(node, path);
  return text.slice(span.start, span.end);
}

/**
 * True when the key at the end of `path` (not empty) is absent from its parent, which is an
 * object or an array: zod reports a problem inside a value only when it is one of those.
 */
function isMissing(root: unknown, path: (string | number)[]): boolean {
  const parent = valueAt(root, path.slice(0, -1)) as object;
  return !Object.hasOwn(parent, path[path.length - 1] as string | number);
}

function expectedType(expected: string, rule: RecordProblem['rule']): string {
  if (rule === BAD_SHA) return 'must be a string holding a full 40-character commit SHA';
  if (rule === BAD_TIME)
    return 'must be a string holding an ISO 8601 date-time with an offset, e.g. "2025-01-27T14:03:00Z"';
  switch (expected) {
    case 'boolean':
      return 'must be a boolean (true or false)';
    case 'array':
      return 'must be a JSON array';
    case 'object':
      return 'must be a JSON object';
    default:
      return `must be a ${expected}`;
  }
}

/** What a JSON value is, in words a person who opened the file recognises. */
function describeJson(v: unknown, literal: string): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a JSON array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'a JSON object';
  if (typeof v === 'number')
    return `the number ${literal.length > 40 ? `${literal.slice(0, 40)}…` : literal}`;
  return `the ${typeof v} ${JSON.stringify(v)}`;
}

/** The record's `last_good_sha` when it is well formed, even if other keys are invalid. */
export function wellFormedLastGoodSha(parsed: ParsedRecord): string | undefined {
  return wellFormedField(parsed, 'last_good_sha', SHA_PATTERN);
}

/**
 * The record's audit_head when it is a well-formed SHA-256, even if other keys of the record are
 * invalid. An unknown key, an abbreviated SHA or a bad timestamp is the record's own problem (the
 * REC rules', or a line of its own where the record is read); it must not also switch off the
 * check that the log's tail is still there (AUD002, the deploy flows, `slipway metrics`), or
 * deleting the last entry would go unseen whenever the record has an unrelated problem.
 */
export function wellFormedAuditHead(parsed: ParsedRecord): string | undefined {
  return wellFormedField(parsed, 'audit_head', HASH_PATTERN);
}

/** A key of the record, from the parsed record, or else from the raw JSON when it matches `pattern`. */
function wellFormedField(
  parsed: ParsedRecord,
  key: 'last_good_sha' | 'audit_head',
  pattern: RegExp,
): string | undefined {
  if (parsed.record) return parsed.record[key];
  const raw = parsed.raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const value = (raw as Record<string, unknown>)[key];
  return typeof value === 'string' && pattern.test(value) ? value : undefined;
}
