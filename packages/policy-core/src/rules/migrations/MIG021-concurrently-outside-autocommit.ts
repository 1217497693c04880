import { opRule } from './facts/op-rule.js';

/** MIG021: CONCURRENTLY index operations inside Alembic's migration transaction. */
export const concurrentlyOutsideAutocommit = opRule(
  {
    id: 'MIG021',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'CONCURRENTLY outside autocommit_block()',
    description:
      'PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY inside a transaction block, and Alembic runs each migration ' +
      'in one: the deploy fails at this line. Put the call inside `with op.get_context().autocommit_block():`. ' +
      'Checked in both `upgrade()` and `downgrade()`, since it fails whichever way it runs. In a .sql migration, ' +
      'CONCURRENTLY inside an explicit BEGIN ... COMMIT block is flagged: move it outside the block.',
  },
  {
    includeDowngrade: true,
    // A .sql migration is judged by its own BEGIN ... COMMIT blocks: how its runner wraps it is unknown.
    matches: (op) =>
      (op.kind === 'create_index' || op.kind === 'drop_index') &&
      op.concurrently === true &&
      !op.inAutocommit,
    matchesSql: (op) =>
      (op.kind === 'create_index' || op.kind === 'drop_index') &&
      op.concurrently === true &&
      op.inTransaction === true,
    message: (op, file) =>
      file.endsWith('.sql')
        ? `${op.label} runs CONCURRENTLY inside a BEGIN ... COMMIT block, which PostgreSQL rejects; move it after the COMMIT, outside any transaction block.`
        : `${op.label} runs CONCURRENTLY inside the migration's transaction, which PostgreSQL rejects; wrap it in \`with op.get_context().autocommit_block():\`.`,
  },
);
