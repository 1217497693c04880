import { findingOf } from '../../rule.js';
import { byNumbers } from '../../migrations/applied-history.js';
import { basename } from '../../repo-paths.js';
import type { MigrationTree } from '../../migrations/migration-analysis.js';
import type { Finding } from '../../finding.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { createUsers, revisionFile } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

const LOCALE_FILE = 'alembic/versions/9f8e7d6c5b4a_add_user_locale.py';
const ADD_LOCALE = 'op.add_column("users", sa.Column("locale", sa.String(8), nullable=True))';

/** The examples' revision, as it parses. */
function localeRevision(): string {
  return revisionFile({
    title: 'add user locale',
    rev: '9f8e7d6c5b4a',
    down: '3b7c2e9d41a0',
    upgrade: `op.execute("SET lock_timeout = '5s'")\n${ADD_LOCALE}`,
    downgrade: 'op.drop_column("users", "locale")',
  });
}

/**
 * A JS/TS migration Slipway refused to read (past a limit of its own: no fault of the file, and
 * no graph to break, as its tool runs the folder in name order) that comes before one production
 * already ran: history, which cannot be split any more (ever-co/ever-gauzy's 2-3 MB TypeORM
 * migrations, before the `applied_through` init wrote). Unread, it is in no graph, so its place
 * is its name's.
 */
function ranBefore(facts: MigFacts, tree: MigrationTree, path: string): boolean {
  const applied = facts.history.applied?.files;
  if (!applied) return false;
  const name = basename(path);
  return tree.modules.some((o) => applied.has(o.path) && byNumbers(basename(o.path), name) > 0);
}

/** MIG130: a file in a version folder that Python cannot parse. */
export const unparsableMigration: MigHistoryRule = {
  id: 'MIG130',
  name: 'unparsable-migration',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'migration file does not parse',
  docs: {
    what:
      "A file in a version folder that Python cannot parse, or that CPython's compiler rejects (an " +
      'unterminated string, an indentation that matches no block, Python 2 `print "x"` and `0777`, a ' +
      'positional argument after a keyword one, `break` outside a loop, a late `from __future__` ' +
      'import, ...), or a `.py` file holding binary content (NUL bytes). Python 3.10 parenthesised ' +
      'context managers and a UTF-8 byte order mark are valid. Also a version file Slipway does ' +
      'not read: one over the 32 MB limit on one migration, or a symbolic link that leads outside ' +
      'the repository (the message says which, and what to do); such a JS/TS migration named before one ' +
      'production already ran is history and is not reported. In a Knex, TypeORM, Sequelize, Kysely or MikroORM ' +
      'folder: a file that does not parse, or exports no `up` Slipway can find while the tool runs it ' +
      "(Knex, sequelize-cli and MikroORM's Migrator run every file). Kysely's FileMigrationProvider skips a file that exports no " +
      'function `up` (it is not a migration to it), so one that names no `up` at all is no error: none for an ' +
      "`index` that lists the migrations (as TypeORM's), an info for any other, which Kysely never runs.",
    why:
      'Alembic imports every Python file in its version folders; one with a syntax error makes every ' +
      'Alembic command fail, including the deploy.',
    fix:
      "Fix the syntax. The other files are still analysed, and so are this file's operations when " +
      "only CPython's compiler rejects it.",
    suppress: suppressDocs('MIG130'),
    examples: [
      {
        verdict: 'flagged',
        file: LOCALE_FILE,
        // A merge conflict left in the file: the markers are not Python.
        text: localeRevision().replace(
          `    ${ADD_LOCALE}\n`,
          `<<<<<<< HEAD\n    ${ADD_LOCALE}\n=======\n    ${ADD_LOCALE.replace('String(8)', 'String(16)')}\n>>>>>>> feature/locale\n`,
        ),
        beside: { 'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers() },
      },
      {
        verdict: 'fine',
        file: LOCALE_FILE,
        text: localeRevision(),
        beside: { 'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers() },
      },
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const tree of facts.analysis.trees) {
      for (const m of tree.modules) {
        // Not a failure: the tool skips the file, which may be a migration never run.
        if (m.skippedByRunner)
          out.push({
            ...findingOf(unparsableMigration, m.path, m.skippedByRunner.range, m.skippedByRunner.value),
            severity: 'info',
          });
        if (!m.syntaxError) continue;
        if (m.refused && tree.js !== undefined && ranBefore(facts, tree, m.path)) continue;
        out.push(
          findingOf(
            unparsableMigration,
            m.path,
            m.syntaxError.range,
            m.refused
              ? m.syntaxError.value
              : `${m.syntaxError.value}: ${tree.django !== undefined ? 'Django' : tree.js === 'knex' ? 'Knex' : tree.js === 'typeorm' ? 'TypeORM' : tree.js === 'sequelize' ? 'sequelize-cli' : tree.js === 'kysely' ? "Kysely's Migrator" : tree.js === 'mikro_orm' ? "MikroORM's Migrator" : 'Alembic'} cannot import this file and every migration command will fail; fix the syntax.`,
          ),
        );
      }
    }
    return out;
  },
};
