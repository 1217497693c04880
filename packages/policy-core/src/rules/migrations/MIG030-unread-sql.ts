import { opRule } from './facts/op-rule.js';

/** MIG030: SQL Slipway cannot read, so the other rules cannot judge it. */
export const unreadSql = opRule(
  {
    id: 'MIG030',
    family: 'MIG',
    defaultSeverity: 'info',
    title: 'SQL that cannot be read statically',
    description:
      '`op.execute(...)` with SQL built at run time (an f-string, `%` or `.format()`, a name bound to something ' +
      'other than one string literal), a `DO` block that runs EXECUTE on a string built at run time (its static ' +
      'statements are read and judged like any other), or SQL that ' +
      "PostgreSQL's parser rejects (each such statement is reported; the other statements of the script are " +
      'still judged), or a `.sql` migration file with binary content (NUL bytes), cannot be checked by the ' +
      'other MIG rules. An empty `.sql` file is fine. Prefer a string literal (or ' +
      '`sa.text("...")` with bind parameters); review such statements by hand. Reported in `upgrade()` and `downgrade()` alike: SQL that cannot be ' +
      'read in a downgrade means its reversibility could not be judged either.',
  },
  {
    // Info in both directions: an unread downgrade() means its reversibility was not judged.
    includeDowngrade: true,
    matches: (op) => op.kind === 'unread_sql',
    message: (op, file) =>
      file.endsWith('.sql')
        ? `SQL in this file cannot be read: ${op.reason ?? 'unknown'}; fix it so it can be checked.`
        : `SQL in op.execute cannot be read statically: ${op.reason ?? 'unknown'}; use a string literal with bind parameters so it can be checked, or review it by hand.`,
  },
);
