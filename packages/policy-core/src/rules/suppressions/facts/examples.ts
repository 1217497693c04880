import type { RuleExample } from '../../../rule.js';

/**
 * What the SUP rules' docs share, written once: the Alembic migration their examples comment on
 * (it drops a table, which MIG001 reports) and the "how to suppress" section.
 */

/**
 * The migration that drops `legacy_sessions`; `drop` is its upgrade's lines after the lock
 * timeout, where the suppression comments under judgement stand.
 */
export function dropSessionsExample(verdict: RuleExample['verdict'], ...drop: string[]): RuleExample {
  return {
    verdict,
    file: 'alembic/versions/a1b2c3d4e5f6_drop_legacy_sessions.py',
    text:
      '"""drop legacy sessions\n' +
      '\n' +
      'Revision ID: a1b2c3d4e5f6\n' +
      'Revises:\n' +
      'Create Date: 2025-12-01 09:12:44.123456\n' +
      '\n' +
      '"""\n' +
      'from alembic import op\n' +
      '\n' +
      'revision = "a1b2c3d4e5f6"\n' +
      'down_revision = None\n' +
      '\n' +
      '\n' +
      'def upgrade():\n' +
      '    op.execute("SET lock_timeout = \'5s\'")\n' +
      drop.map((line) => `    ${line}\n`).join('') +
      '\n' +
      '\n' +
      'def downgrade():\n' +
      '    raise NotImplementedError("irreversible: archived to cold storage")\n',
  };
}

/** The suppressed drop, with its reason: what both rules accept. */
export const SUPPRESSED_DROP =
  'op.drop_table("legacy_sessions")  # slipway: allow MIG001 -- archived to cold storage';

/** The "how to suppress" section: only the policy can turn a SUP rule off. */
export function supSuppressDocs(id: string): string {
  return (
    `Set \`rules: { ${id}: off }\` (or another severity) in the policy; a suppression comment cannot ` +
    'suppress another one.'
  );
}
