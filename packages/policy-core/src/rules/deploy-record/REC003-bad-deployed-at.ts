import { findingOf } from '../../rule.js';
import { timestampMs } from '../../deploy/timestamp.js';
import type { Finding } from '../../finding.js';
import type { RecordRule } from './facts/record-facts.js';
import { valueSpan } from './facts/record-facts.js';
import { problemsOf } from './facts/schema-problems.js';
import { recordExample, recSuppressDocs, releaseRecord } from './facts/examples.js';

/** Clocks of CI runners and laptops differ; a deploy a few minutes "ahead" is not an error. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** REC003: deployed_at is malformed, or lies in the future. */
export const badDeployedAt: RecordRule = {
  id: 'REC003',
  name: 'bad-deployed-at',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  title: 'deploy record timestamp is malformed or in the future',
  docs: {
    what: '`deployed_at` (of the record or of a history entry) is malformed, or lies in the future.',
    why:
      "deployed_at (and each history entry's deployed_at) must be an ISO 8601 date-time with seconds " +
      "and an explicit offset, as RFC 3339 and JSON Schema's date-time define it, e.g. " +
      '2025-01-27T14:03:00Z or 2025-01-27T15:03:00+01:00: a time without an offset means different ' +
      'instants on different machines, and -00:00 means "offset unknown". The date must exist (no ' +
      '2025-02-30, no hour 24); second 60 is allowed for a leap second at 23:59:60 UTC. A time more ' +
      'than five minutes in the future means a wrong clock or a hand edit.',
    fix: 'Let `slipway promote` write the record, or fix the value.',
    suppress: recSuppressDocs('REC003'),
    examples: [
      recordExample('flagged', releaseRecord({ deployed_at: '2025-12-09 10:03' })),
      recordExample('fine', releaseRecord({ deployed_at: '2025-12-09T11:03:12+01:00' })),
    ],
  },
  check({ ctx, record: facts }) {
    if (!facts) return [];
    const out: Finding[] = problemsOf(this, facts);
    // Read from the JSON as it is, valid or not: a record with another problem (an unknown key,
    // a short SHA) still has its timestamps checked, so one finding never hides the other.
    const stamps = rawStamps(facts.parsed.raw);
    for (const s of stamps) {
      // Not Date.parse: it refuses a leap second (23:59:60), which RFC 3339 and the schema allow.
      if (timestampMs(s.value) > ctx.now.getTime() + CLOCK_SKEW_MS) {
        out.push(
          findingOf(
            this,
            facts.path,
            valueSpan(facts, s.path),
            `\`${s.path.join('.')}\` (${s.value}) is in the future; check the clock of whoever wrote it and correct the value.`,
          ),
        );
      }
    }
    return out;
  },
};

/** Every `deployed_at` string of the record's JSON (top level and history entries) with its path. */
function rawStamps(raw: unknown): { path: (string | number)[]; value: string }[] {
  const out: { path: (string | number)[]; value: string }[] = [];
  if (!isObject(raw)) return out;
  if (typeof raw.deployed_at === 'string') out.push({ path: ['deployed_at'], value: raw.deployed_at });
  if (Array.isArray(raw.history))
    raw.history.forEach((h: unknown, i) => {
      if (isObject(h) && typeof h.deployed_at === 'string')
        out.push({ path: ['history', i, 'deployed_at'], value: h.deployed_at });
    });
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
