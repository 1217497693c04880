import type { Command, CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { runDbAudit } from '../db/audit-command.js';
import { runStampBaseline } from '../db/stamp-command.js';

const USAGE = `Usage: slipway db audit [options]
       slipway db stamp-baseline [options]

audit             reads each configured database (migrations.databases in the policy; by default
                  dev from $DATABASE_URL and prod from $DATABASE_URL_PROD, each when set):
                  database, user, search_path, tables, alembic_version. Prints the diagnosis
                  (OK, MISMATCH, MISSING) per database and the DB001-DB005 findings, and writes
                  ops/db_audit/<name>-summary.txt and .json. Exit 1 on an error finding or an
                  unreadable database.
stamp-baseline    records the baseline revision in a database that Alembic does not track yet,
                  in one transaction. A no-op when it is already at the baseline (or past it);
                  refuses a database at any other revision (do not force-stamp) and a path from
                  baseline to head that holds destructive operations (listed). Never drops anything.

Options:
  --repo DIR        repository (default: the current directory)
  --db NAME         the database to use (audit: repeatable, default all; stamp: default prod)
  --timeout SEC     connection timeout for PostgreSQL servers (default 10)
  audit:  --format text|json   --no-write (do not write ops/db_audit/)
  stamp:  --revision REV (default migrations.baseline)   --dry-run (check, then roll back)

URLs: postgresql://user:password@host:port/db (passwords are never printed) or
pglite:///path/to/dir, pglite://./relative/dir, pglite://memory.`;

export const dbCommand: Command = {
  name: 'db',
  usage: USAGE,
  run: async (ctx: CommandContext) => {
    const [sub, ...rest] = ctx.argv;
    if (sub === 'audit') return runDbAudit({ ...ctx, argv: rest });
    if (sub === 'stamp-baseline') return runStampBaseline({ ...ctx, argv: rest });
    throw new UserError(
      sub === undefined
        ? 'missing subcommand; use `slipway db audit` or `slipway db stamp-baseline`'
        : `unknown subcommand \`${sub}\`; use \`slipway db audit\` or \`slipway db stamp-baseline\``,
    );
  },
};
