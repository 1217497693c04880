import { locateJson, parseJsonWithRanges, type JsonNode } from './json-with-ranges.js';
import { type DeployRecord, deployRecordSchema, SHA_PATTERN } from './record-schema.js';

/** What is wrong with a record's text, as the rule that reports it and a character span. */
export interface RecordProblem {
  rule: 'REC001' | 'REC002' | 'REC003';
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

const SHA_KEYS = new Set(['last_good_sha', 'previous_sha', 'sha', 'rolled_back_from']);
const TIME_KEYS = new Set(['deployed_at']);

/**
 * Parses a deploy record and sorts schema problems by rule: a malformed SHA is REC002 and a
 * malformed timestamp REC003 rather than the general REC001, so that one mistake is one finding.
 */
export function parseDeployRecord(text: string): ParsedRecord {
  const json = parseJsonWithRanges(text);
  if (!json.ok) {
    return {
      problems: [
        {
          rule: 'REC001',
          message: `The deploy record is not valid JSON: ${json.message}; restore it from git or rewrite it with \`slipway promote\`.`,
          start: json.offset,
          end: Math.min(json.offset + 1, text.length),
        },
      ],
    };
  }
  const parsed = deployRecordSchema.safeParse(json.value);
  if (parsed.success) return { record: parsed.data, raw: json.value, node: json.node, problems: [] };
  const problems: RecordProblem[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const last = path[path.length - 1];
    const dotted = path.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const span = locateJson(json.node, [...path, key], 'key');
        problems.push({
          rule: 'REC001',
          message: `Unknown key "${key}" in the deploy record${dotted ? ` at ${dotted}` : ''}; remove it or fix its spelling.`,
          ...span,
        });
      }
      continue;
    }
    const span = locateJson(json.node, path);
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    let rule: RecordProblem['rule'] = 'REC001';
    if (typeof last === 'string' && SHA_KEYS.has(last) && !missing) rule = 'REC002';
    else if (typeof last === 'string' && TIME_KEYS.has(last) && !missing) rule = 'REC003';
    const message = missing
      ? `The deploy record lacks the required key "${dotted}"; add it (\`slipway promote\` writes a complete record).`
      : rule === 'REC002'
        ? `\`${dotted}\` is not a commit SHA: it ${issue.message}; write the full 40-hex SHA (git rev-parse <ref>).`
        : rule === 'REC003'
          ? `\`${dotted}\` ${issue.message}.`
          : `\`${dotted || '(root)'}\` in the deploy record: ${issue.message}.`;
    problems.push({ rule, message, ...span });
  }
  return { raw: json.value, node: json.node, problems };
}

/** The record's `last_good_sha` when it is well formed, even if other keys are invalid. */
export function wellFormedLastGoodSha(parsed: ParsedRecord): string | undefined {
  if (parsed.record) return parsed.record.last_good_sha;
  const raw = parsed.raw as Record<string, unknown> | undefined;
  const sha = raw && typeof raw === 'object' ? raw.last_good_sha : undefined;
  return typeof sha === 'string' && SHA_PATTERN.test(sha) ? sha : undefined;
}
