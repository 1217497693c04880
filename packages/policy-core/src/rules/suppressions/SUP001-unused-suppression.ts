import type { Finding } from '../../finding.js';
import type { SuppressionRun } from '../../suppressions/apply.js';
import { findingOf, type Rule } from '../../rule.js';

/** SUP001: a suppression that suppresses nothing, or names no known rule. */
export const unusedSuppression: Rule<SuppressionRun> = {
  id: 'SUP001',
  name: 'unused-suppression',
  family: 'SUP',
  facts: 'suppressions',
  defaultSeverity: 'warning',
  // It judges the comments themselves.
  suppressible: false,
  editorTags: ['unnecessary'],
  title: 'suppression that suppresses nothing',
  docs: {
    what:
      'A `slipway: allow RULE -- reason` comment names a rule that reports nothing on its line (or the ' +
      'line below it), names no known rule, or names a rule a comment cannot silence (the PATH rules: ' +
      'a comment in the changed file would let a change approve itself).',
    why: 'A stale suppression hides the next real finding on that line.',
    fix: 'Remove the comment, or fix the rule id.',
    suppress:
      'Set `rules: { SUP001: off }` (or another severity) in the policy; a suppression comment cannot ' +
      'suppress another one.',
    examples: [
      {
        verdict: 'flagged',
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
          '    # slipway: allow MIG002 -- nothing here drops a column\n' +
          '    op.drop_table("legacy_sessions")  # slipway: allow MIG001 -- archived to cold storage\n' +
          '\n' +
          '\n' +
          'def downgrade():\n' +
          '    raise NotImplementedError("irreversible: archived to cold storage")\n',
      },
      {
        verdict: 'fine',
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
          '    op.drop_table("legacy_sessions")  # slipway: allow MIG001 -- archived to cold storage\n' +
          '\n' +
          '\n' +
          'def downgrade():\n' +
          '    raise NotImplementedError("irreversible: archived to cold storage")\n',
      },
    ],
  },
  check({ directives }) {
    return directives.flatMap(({ file, directive: d, stale }) =>
      stale.map(
        ({ rule, unknown, unsuppressible }): Finding =>
          findingOf(
            this,
            file,
            d.range,
            unknown
              ? `suppression names unknown rule \`${rule}\`; fix the id (see \`slipway explain\`) or remove it.`
              : unsuppressible
                ? `${rule} cannot be suppressed with a comment: the policy decides what is protected and where agents may write; remove it.`
                : `suppression of ${rule} suppresses nothing on line ${d.targetLine + 1}; remove it.`,
          ),
      ),
    );
  },
};
