import { MAX_HISTORY } from '../../../deploy/record-schema.js';
import type { Finding } from '../../../finding.js';
import type { CheckContext, RuleMeta } from '../../../rule.js';
import { type RecordFacts, valueSpan } from './record-facts.js';

/**
 * REC001 problems only the policy can see: the record is well-formed JSON of the right shape,
 * but not a record of this policy's production. Promote and rollback refuse such a record (or
 * quietly cut it down), so review is told first, at the key to change.
 */
export function policyMismatches(ctx: CheckContext, meta: RuleMeta, facts: RecordFacts): Finding[] {
  const raw = facts.parsed.raw;
  const node = facts.parsed.node;
  if (
    !node ||
    raw === null ||
    // Stryker disable next-line ConditionalExpression: equivalent past `raw === null`: a string, number or boolean has neither key read below, so it finds nothing either
    typeof raw !== 'object' ||
    Array.isArray(raw)
  )
    return [];
  const record = raw as Record<string, unknown>;
  const out: Finding[] = [];
  const finding = (message: string, range: Finding['range'], policyKey: string, why: string): Finding => ({
    rule: meta.id,
    severity: meta.defaultSeverity,
    message,
    file: facts.path,
    range,
    related: [{ file: ctx.policy.file, range: ctx.policy.locate(['deploy', policyKey]), message: why }],
  });

  const { history } = record;
  const limit = facts.deploy.history_limit;
  // Past MAX_HISTORY the record parser has already said so (no policy may allow more).
  if (Array.isArray(history) && history.length > limit && history.length <= MAX_HISTORY) {
    out.push(
      finding(
        `\`history\` has ${history.length} entries, but the policy keeps ${limit} (deploy.history_limit), and the next promote or rollback drops the oldest ${history.length - limit}; delete them from the end of the list, or raise deploy.history_limit.`,
        keySpan(facts, 'history'),
        'history_limit',
        `deploy.history_limit: ${limit}`,
      ),
    );
  }

  const env = record.environment;
  const production = facts.deploy.production;
  if (typeof env === 'string' && env !== '' && env !== production) {
    const known = Object.keys(facts.deploy.environments).map((k) => `"${k}"`);
    out.push(
      finding(
        `The record describes environment "${env}", but it is the record of deploy.production ("${production}"${known.length ? `; the policy defines ${known.join(', ')}` : ''}): promote and rollback refuse it; correct its "environment" or the policy.`,
        valueSpan(facts, ['environment']),
        'production',
        `deploy.production: ${production}`,
      ),
    );
  }
  return out;
}

/** The span of a top-level key (the finding is about the list as a whole, not one entry). */
function keySpan(facts: RecordFacts, key: string): Finding['range'] {
  const node = facts.parsed.node;
  const entry = node?.kind === 'object' ? node.entries.find((e) => e.key === key) : undefined;
  return entry ? facts.lines.range(entry.keyStart, entry.keyEnd) : facts.lines.lineRange(0);
}
