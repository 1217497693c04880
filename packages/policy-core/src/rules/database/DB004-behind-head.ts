import { type DbAuditInput, dbFinding, nameList } from '../../db/audit-input.js';
import { type Finding, ZERO_RANGE, type RelatedLocation } from '../../finding.js';
import { headsFor, pendingRevisions } from '../../db/graph-view.js';
import type { Rule } from '../../rule.js';

export const behindHeadRule: Rule<DbAuditInput> = {
  id: 'DB004',
  name: 'behind-head',
  family: 'DB',
  facts: 'database-audit',
  defaultSeverity: 'warning',
  // A finding about a live database, not about a line: the policy's `rules:` severity says what it weighs.
  suppressible: false,
  examplesNotRun: 'needs a database',
  withoutFixtures: 'needs a database: db/audit.test.ts',
  title: 'database behind head (pending migrations)',
  docs: {
    what:
      'The database records a revision the repository knows, but the graph has revisions after it. The ' +
      'finding lists the pending revisions in the order Alembic applies them.',
    why:
      'The next `alembic upgrade head` (a deploy script usually runs it) will apply them to this ' +
      'database, unreviewed if nobody looked.',
    fix:
      'Review the pending revisions (and their MIG findings) before publishing, or apply them to ' +
      'development first.',
    suppress:
      'DB findings come from a live database, not from a file, so no comment can suppress them: set ' +
      "`rules: { DB004: off }` (or another severity) in the policy, or list it under the policy's `waivers:` " +
      '(with `paths: ["slipway.yaml"]`) until a day.',
    examples: [
      {
        verdict: 'flagged',
        file: 'slipway.yaml',
        text:
          '# prod is at 9f8e7d6c5b4a; alembic/versions has 7d1e4a9b2c3f after it\n' +
          'version: 1\n' +
          'migrations:\n' +
          '  alembic: alembic/versions\n' +
          '  databases:\n' +
          '    dev:  { url_env: DATABASE_URL }\n' +
          '    prod: { url_env: DATABASE_URL_PROD }\n',
      },
      {
        verdict: 'fine',
        file: 'slipway.yaml',
        text:
          '# prod is at 7d1e4a9b2c3f, the head of alembic/versions\n' +
          'version: 1\n' +
          'migrations:\n' +
          '  alembic: alembic/versions\n' +
          '  databases:\n' +
          '    dev:  { url_env: DATABASE_URL }\n' +
          '    prod: { url_env: DATABASE_URL_PROD }\n',
      },
    ],
  },
  check: (input) => behindHead(input),
};

/** DB004: the database is tracked, every recorded revision is known, and some revisions are pending. */
export function behindHead(input: DbAuditInput): Finding[] {
  const graph = input.graph;
  if (!graph) return [];
  const findings: Finding[] = [];
  for (const db of input.databases) {
    if (!db.alembic.present || db.alembic.versions.length === 0) continue; // DB001
    if (db.alembic.versions.some((v) => !graph.has(v))) continue; // DB002 says more
    const pending = pendingRevisions(graph, db.alembic.versions);
    if (pending.length === 0) continue;
    const related: RelatedLocation[] = [];
    for (const rev of pending) {
      const file = graph.fileOf(rev);
      const range = graph.revisionRange?.(rev) ?? ZERO_RANGE;
      if (file) related.push({ file, range, message: `pending revision ${rev}` });
    }
    const count = pending.length === 1 ? '1 revision' : `${pending.length} revisions`;
    findings.push(
      dbFinding(
        input,
        behindHeadRule,
        [db.name],
        `Database ${db.name} is ${count} behind head (${headsFor(graph, db.alembic.versions).join(', ')}): pending ${nameList(pending)}; review them and run \`alembic upgrade head\`.`,
        related,
      ),
    );
  }
  return findings;
}
