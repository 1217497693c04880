import { parseDeployRecord, type ParsedRecord } from '../../../deploy/record-parse.js';
import type { RelatedLocation } from '../../../finding.js';
import type { DeploySection } from '../../../policy/schema/deploy.js';
import { LineIndex } from '../../../text-position.js';
import type { CheckContext, Rule } from '../../../rule.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';

/** The record as every REC rule sees it: read and parsed once per check. */
export interface RecordFacts {
  path: string;
  text: string;
  lines: LineIndex;
  parsed: ParsedRecord;
  deploy: DeploySection;
}

/**
 * What every REC rule reads: the context and the record, read and parsed once per check
 * (undefined when there is none, or the path is a directory: `directory`).
 */
export interface RecordRun {
  ctx: CheckContext;
  record: RecordFacts | undefined;
  /** deploy.record names a directory. */
  directory: boolean;
}

export type RecordRule = Rule<RecordRun>;

export function readRecordFacts(ctx: CheckContext): RecordFacts | undefined {
  const deploy = ctx.policy.policy.deploy;
  if (!deploy) return undefined;
  const raw = ctx.repo.readFile(deploy.record);
  if (raw === undefined) {
    const refused = ctx.repo.whyUnread?.(deploy.record);
    if (refused === undefined) return undefined;
    const message = `The deploy record ${refused}; commit the record itself at deploy.record.`;
    const parsed = { problems: [{ rule: RULE_IDS.invalidRecord, message, start: 0, end: 0 }] };
    // Stryker disable next-line StringLiteral: its one finding sits at 0:0, the start of any text's line index
    return { path: deploy.record, text: '', lines: new LineIndex(''), parsed, deploy };
  }
  // Editors do not show a UTF-8 byte-order mark, and the text an editor sends the language
  // server has none; offsets into the text without it are the columns a person sees, whether
  // the record came from disk (the CLI) or from an editor buffer.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return { path: deploy.record, text, lines: new LineIndex(text), parsed: parseDeployRecord(text), deploy };
}

/** The policy line that names the record, for findings whose cause lies outside the file. */
export function policyRelated(ctx: CheckContext, message: string): RelatedLocation {
  return { file: ctx.policy.file, range: ctx.policy.locate(['deploy', 'record']), message };
}

/** Span of the JSON value at `key` of the record's top-level object (or the whole first line). */
export function valueSpan(facts: RecordFacts, path: readonly (string | number)[]) {
  const node = facts.parsed.node;
  if (node) {
    let cur = node;
    for (const seg of path) {
      if (cur.kind === 'object') {
        const entry = cur.entries.find((e) => e.key === seg);
        if (!entry) return facts.lines.lineRange(0);
        cur = entry.value;
      } else if (cur.kind === 'array' && typeof seg === 'number' && cur.items[seg]) {
        cur = cur.items[seg];
      } else return facts.lines.lineRange(0);
    }
    return facts.lines.range(cur.start, cur.end);
  }
  return facts.lines.lineRange(0);
}

/** Every well-formed SHA in the record with its JSON path: last_good_sha, previous_sha, history[i].sha. */
export function recordShas(facts: RecordFacts): { path: (string | number)[]; sha: string }[] {
  const raw = facts.parsed.raw as Record<string, unknown> | undefined;
  // Stryker disable next-line ConditionalExpression: a primitive has none of the keys read below either; the guard says what is read
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const out: { path: (string | number)[]; sha: string }[] = [];
  const ok = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
  if (ok(raw.last_good_sha)) out.push({ path: ['last_good_sha'], sha: raw.last_good_sha });
  if (ok(raw.previous_sha)) out.push({ path: ['previous_sha'], sha: raw.previous_sha });
  if (Array.isArray(raw.history)) {
    raw.history.forEach((h, i) => {
      // Stryker disable next-line ConditionalExpression: a primitive history item has no `sha` either
      const sha = h && typeof h === 'object' ? (h as Record<string, unknown>).sha : undefined;
      if (ok(sha)) out.push({ path: ['history', i, 'sha'], sha });
    });
  }
  return out;
}
