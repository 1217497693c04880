import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { timeZoneExample } from './facts/examples.js';
import { revisionRange, revisionRelated } from './facts/revision-location.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG102: the same revision id in two files. */
export const duplicateRevision: MigHistoryRule = {
  id: 'MIG102',
  name: 'duplicate-revision',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'duplicate revision id',
  docs: {
    what:
      'Two files declare the same `revision` id; for TypeORM, two migration classes of one series (its folders ' +
      'together, as one DataSource lists them) with the same name, which TypeORM refuses to run; for Knex, two ' +
      'files of one series over several folders with the same name, of which a database runs only the first.',
    why:
      'Two files declare the same `revision`: Alembic silently keeps one of them, so the other never ' +
      'runs and databases drift apart.',
    fix: 'Give the newer file a fresh id (`alembic revision` generates one) and re-parent its children.',
    suppress: suppressDocs('MIG102'),
    examples: [
      timeZoneExample('flagged', { rev: '9f8e7d6c5b4a', down: '3b7c2e9d41a0' }),
      timeZoneExample('fine'),
    ],
  },
  check: (facts: MigFacts): Finding[] =>
    facts.analysis.trees
      .flatMap((tree) => tree.graph.duplicates)
      .flatMap(({ revision, modules: [first, ...rest] }) =>
        first === undefined
          ? []
          : rest.map((m) =>
              findingOf(
                duplicateRevision,
                m.path,
                revisionRange(m),
                m.js === 'typeorm'
                  ? // One series over several folders can hold the same class twice; TypeORM then
                    // refuses to run any migration (MigrationExecutor.checkForDuplicateMigrations).
                    `migration class ${revision} is also declared by ${first.path}; TypeORM refuses to run a series that lists one name twice ("Duplicate migrations"), so give this class a new name with its own timestamp.`
                  : m.js === 'knex'
                    ? // Knex's migrator takes a migration as run when knex_migrations holds its
                      // name (migrator.js getNewMigrations): the same file name in two folders of
                      // one series never runs on a database that ran the other.
                      `migration ${revision} has the same file name as ${first.path}, in the same Knex series; Knex records a migration by its name, so a database that ran one takes the other as run and never runs it: rename this file with a new timestamp.`
                    : `revision ${revision} is also declared by ${first.path}; Alembic keeps only one of them, so give this file a new revision id.`,
                [revisionRelated(first, 'first declared here')],
              ),
            ),
      ),
};
