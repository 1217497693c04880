import { allowHint } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';

/** MIG039: ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID. */
export const domainConstraintWithoutNotValid = opRule(
  {
    id: 'MIG039',
    name: 'domain-constraint-without-not-valid',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'domain constraint added without NOT VALID',
    docs: {
      what: '`ALTER DOMAIN ... ADD CONSTRAINT` without `NOT VALID`, in SQL or `op.execute`.',
      why:
        'PostgreSQL checks every column of every table that uses the domain, holding a SHARE lock on ' +
        'each of those tables (writes wait) until all are scanned.',
      fix:
        'Add it `NOT VALID` (new and updated values are checked at once), then run ' +
        '`ALTER DOMAIN ... VALIDATE CONSTRAINT` in its own migration at a quiet hour: unlike a ' +
        "table's VALIDATE, it still holds a SHARE lock on every table using the domain while it scans " +
        'them (PostgreSQL opens each with ShareLock; `slipway trace` shows it), so writes wait. For a ' +
        'large table, a CHECK on the column itself (NOT VALID, then VALIDATE under SHARE UPDATE ' +
        'EXCLUSIVE) blocks no writes.',
      suppress: suppressDocs('MIG039'),
      examples: [
        migrationExample(
          'flagged',
          'domain_check',
          'op.execute("ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0)")',
        ),
        migrationExample(
          'fine',
          'domain_check_not_valid',
          'op.execute("ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID")',
        ),
        sqlExample(
          'flagged',
          'domain_check',
          'ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0);',
        ),
        sqlExample(
          'fine',
          'domain_check_not_valid',
          'ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;',
        ),
      ],
    },
  },
  {
    matches: (op) => op.kind === 'add_domain_constraint' && op.notValid !== true,
    message: (op, file) =>
      `${op.label} checks every column of the domain's type in every table while writes to them wait; add it NOT VALID and VALIDATE it separately (or ${allowHint(file, 'MIG039')}).`,
  },
);
