import { allowHint, namedColumn, quote } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';

/** MIG038: DROP NOT NULL on a column code may rely on. */
export const dropNotNull = opRule(
  {
    id: 'MIG038',
    name: 'drop-not-null',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'info',
    trace: 'not-a-lock',
    title: 'DROP NOT NULL on an existing column',
    docs: {
      what:
        '`ALTER COLUMN ... DROP NOT NULL`, or `op.alter_column(..., nullable=True)` on a column that was ' +
        'NOT NULL (`existing_nullable=True` says it was not). Tables created in the same migration are exempt.',
      why:
        'The code running during and after the deploy may read the column as never NULL: once NULLs are ' +
        'allowed, the first one written breaks every reader that assumed otherwise. The statement itself ' +
        'takes a brief ACCESS EXCLUSIVE lock.',
      fix:
        'Make every reader handle NULL first (deploy that), then drop the constraint in a later ' +
        'migration; or suppress the finding with the reason readers are ready.',
      suppress: suppressDocs('MIG038'),
      examples: [
        migrationExample('flagged', 'drop_not_null', 'op.alter_column("users", "email", nullable=True)'),
        migrationExample(
          'fine',
          'was_nullable',
          'op.alter_column("users", "email", nullable=True, existing_nullable=True)',
        ),
        sqlExample('flagged', 'drop_not_null', 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;'),
        sqlExample('fine', 'set_default', "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';"),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'drop_not_null',
    message: (op, file) =>
      `${op.column ? namedColumn(op.column) : 'a column'} of ${quote(op.table)} drops NOT NULL; code that reads it as never NULL breaks at the first NULL, so deploy readers that handle NULL first (or ${allowHint(file, 'MIG038')}).`,
  },
);
