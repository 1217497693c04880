import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import { allowHint, type MigFileRule, opFile, loadRelated } from './facts/mig-facts.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import { transactionWalk } from './facts/transactions.js';

/** MIG035: BEGIN inside an open transaction; COMMIT of the transaction Alembic manages. */
export const nestedTransaction: MigFileRule = {
  id: 'MIG035',
  name: 'nested-transaction',
  family: 'MIG',
  facts: 'migration-file',
  defaultSeverity: 'warning',
  trace: 'not-a-lock',
  title: "BEGIN inside a transaction, or COMMIT of Alembic's",
  docs: {
    what:
      'A `BEGIN` (or START TRANSACTION) while a transaction is already open: a second BEGIN in a .sql ' +
      'migration, or `op.execute("BEGIN")` inside the transaction Alembic runs `upgrade()` in. Also ' +
      '`op.execute("COMMIT")` (or ROLLBACK) that ends Alembic\'s transaction in the middle of `upgrade()`.',
    why:
      'PostgreSQL ignores the inner BEGIN (with a warning), so the COMMIT meant for the inner block ends ' +
      'the outer one: what follows runs outside any transaction, and a failure there leaves the ' +
      'migration half applied (and, in Alembic, `alembic_version` not moved), with locks taken earlier ' +
      'held longer than the author meant.',
    fix:
      'Drop the inner BEGIN/COMMIT. For statements that must run outside a transaction (CONCURRENTLY), ' +
      'use `with op.get_context().autocommit_block():` in Alembic; in SQL, close the first block before ' +
      'opening another.',
    suppress: suppressDocs('MIG035'),
    examples: [
      migrationExample(
        'flagged',
        'begin_in_upgrade',
        'op.execute("BEGIN")\nop.add_column("users", sa.Column("bio", sa.Text()))\nop.execute("COMMIT")',
      ),
      migrationExample('fine', 'no_begin', 'op.add_column("users", sa.Column("bio", sa.Text()))'),
      sqlExample(
        'flagged',
        'nested_begin',
        'BEGIN;\nBEGIN;\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;\nCOMMIT;',
      ),
      sqlExample('fine', 'one_block', 'BEGIN;\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;'),
    ],
  },
  check(file) {
    const out: Finding[] = [];
    const path = file.kind === 'module' ? file.module.path : file.file.path;
    for (const step of transactionWalk(file).steps) {
      const at = opFile(step.op, path);
      const related = loadRelated(step.op);
      if (step.nestedBegin)
        out.push(
          findingOf(
            this,
            at,
            step.op.range,
            `${step.op.label} opens a transaction inside one that is already open (${file.kind === 'module' ? "Alembic's" : 'an earlier BEGIN'}); PostgreSQL ignores it, so the next COMMIT ends the outer transaction too. Remove it${file.kind === 'module' ? ', or use `with op.get_context().autocommit_block():`' : ''} (or ${allowHint(at, 'MIG035')}).`,
            related,
          ),
        );
      else if (step.endsAlembicTransaction)
        out.push(
          findingOf(
            this,
            at,
            step.op.range,
            `${step.op.label} ends the transaction Alembic runs this migration in: a failure after it leaves the migration half applied; use \`with op.get_context().autocommit_block():\` for what must run outside a transaction (or ${allowHint(at, 'MIG035')}).`,
            related,
          ),
        );
    }
    return out;
  },
};
