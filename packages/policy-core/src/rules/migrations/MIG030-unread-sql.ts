import { SQL_CALL } from './facts/js-tool-advice.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG030: SQL Slipway cannot read, so the other rules cannot judge it. */
export const unreadSql = opRule(
  {
    id: 'MIG030',
    name: 'unread-sql',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'info',
    title: 'SQL that cannot be read statically',
    docs: {
      what:
        'SQL Slipway cannot read, so the other MIG rules cannot judge it: `op.execute(...)` with SQL ' +
        'built at run time (an f-string, `%` or `.format()`, a name bound to something other than one ' +
        'string literal, a loop variable over anything but literal strings: `for sql in ["…", "…"]: ' +
        'op.execute(sql)` runs and is judged as each literal in turn), a `DO` block that runs EXECUTE on a string built at run time, SQL that ' +
        "PostgreSQL's parser rejects, a `.sql` migration with binary content (NUL bytes: an error, as no runner runs what a reader sees), or one Slipway " +
        'does not read: over 16 MB or 250,000 statements (a `.sql` file or a string `op.execute` runs), or a symbolic link that leads outside the ' +
        'repository, to a FIFO or a device, or to no file (dangling, a loop) (the message says which, and what to do; ' +
        'an error, since such a file could hide anything). A link to a file of the repository is read as that file, ' +
        'and a change to the file is a change to the migration. A file a revision reads and runs (`op.execute(open(path).read())` and the like) is judged as part of ' +
        'the revision (each file, for a loop over a literal list of names); the call is reported here when its path ' +
        'cannot be followed statically (a loop over a glob or `os.listdir`, an f-string of a run-time value: info, and the files it ' +
        'might read stay under MIG121), and as an error naming the revision and the path when the file is outside the ' +
        'repository, missing, unreadable (a symbolic link in a loop or leading out) or past the SQL size limit. A file psql ' +
        'includes (`\\i`, `\\ir`, under `sql_runner: plain`) is judged as part of the migration, and an include that cannot ' +
        'be followed (outside the repository, missing, unread, a loop, more than 8 files deep) is an error at the command. ' +
        'Reported in `upgrade()` and `downgrade()` alike. An empty `.sql` file is fine. In a JS/TS migration, a ' +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the docs show a template's substitutions as written
        "template's `${NAME}` and `${Enum.MEMBER}` are read in place when the value is known before it runs: a " +
        'constant of the file, or a string or numeric enum member or constant the file declares or imports by a relative path ' +
        "from one of the repository's modules (one step: a module re-exporting another's is not followed), unless the " +
        'migration may change it (assigns it, passes the object on); such a value is read as PostgreSQL receives it, quotes and all. ' +
        'A change that rewrites a value a migration reads this way (in its module) is a change to that migration: it is judged ' +
        'again, at the tool call, in CI and against the commit production runs; a value it does not read may change freely.',
      why:
        'What cannot be read cannot be checked: a DROP TABLE built with an f-string passes every other ' +
        'rule. In a downgrade, its reversibility cannot be judged either.',
      fix:
        'Prefer a string literal (or `sa.text("...")` with bind parameters); review such statements by ' +
        'hand.',
      suppress: suppressDocs('MIG030'),
      examples: [
        migrationExample('flagged', 'built_sql', 'table = "users"\nop.execute(f"DROP TABLE {table}")'),
        migrationExample(
          'fine',
          'literal_sql',
          'op.execute("CREATE TABLE notes (id integer)")',
          'op.execute("DROP TABLE notes")',
        ),
      ],
    },
  },
  {
    // Info in both directions: an unread downgrade() means its reversibility was not judged.
    includeDowngrade: true,
    // What runs SQL no reader can see (psql's \gexec) is MIG042's, under its contract.
    matches: (op) => op.kind === 'unread_sql' && op.unfollowed === undefined,
    // A file Slipway refused to read (a limit, a symlink) could hide anything: an error, so that
    // a check cannot pass over it unseen.
    severity: (op) => (op.refused ? 'error' : undefined),
    message: (op, file) =>
      op.refused
        ? (op.reason ?? 'Slipway did not read this file.')
        : file.endsWith('.sql')
          ? `SQL in this file cannot be read: ${op.reason ?? 'unknown'}; fix it so it can be checked.`
          : op.django
            ? `SQL this migration runs (RunSQL) cannot be read statically: ${op.reason ?? 'unknown'}; write it as a string literal (or a constant the file binds once), with values as params, so it can be checked, or review it by hand.`
            : op.js
              ? `SQL this migration runs (${SQL_CALL[op.js]}) cannot be read statically: ${op.reason ?? 'unknown'}; write it as one literal string (a constant this file defines, or an enum or constant one of the repository's modules exports, is read in place), with values as bind parameters, so it can be checked, or review it by hand.`
              : `SQL this migration executes (op.execute, or execute on its connection) cannot be read statically: ${op.reason ?? 'unknown'}; use a string literal with bind parameters so it can be checked, or review it by hand.`,
  },
);
