import type { Rule } from '../../rule.js';
import { type CoverageRun, unjudgedFindings } from './facts/coverage-facts.js';
import {
  ALEMBIC_REVISION,
  DJANGO_MIGRATION,
  coverageExample,
  coverageSuppressDocs,
} from './facts/examples.js';

export const migrationsNotJudged: Rule<CoverageRun> = {
  id: 'COV001',
  name: 'migrations-not-judged',
  family: 'COV',
  // Stryker disable next-line StringLiteral: the COV runner hands every rule the one run, reading no rule's facts.
  facts: 'coverage',
  defaultSeverity: 'info',
  title: 'migration history seen, not judged',
  docs: {
    what:
      'The repository holds a migration history Slipway recognises but does not judge: one Slipway has ' +
      'no reader for (Rails, Flyway or Refinery code migrations, Liquibase changelogs, Ecto, Go ' +
      "code migrations, Payload's migrations, numbered Python or JS/TS migrations of " +
      'a tool it does not know), or one it could judge that the policy does not point at (Alembic revisions ' +
      'outside `migrations.alembic`, Django migrations outside `migrations.django`, Knex, TypeORM, Sequelize, ' +
      'Kysely or MikroORM migrations (`Migration<timestamp>.ts` classes) outside their keys; SQL, Prisma or ' +
      'Drizzle migrations outside `migrations.sql`). ' +
      'On a tree, one finding per layout, at its first file; on a change, one per layout the change ' +
      'writes into, at the first file it writes there (a layout the change leaves alone is named by ' +
      'the coverage line only). The coverage line of `check` and `guard` says the same. A file too ' +
      'large to read to tell is listed as seen, not read.',
    why:
      'A gate that says nothing reads as "checked". A migration dropping a table in a history no rule ' +
      'reads gives "No findings"; this says so instead.',
    fix:
      'For a layout Slipway judges, point the policy at it (`migrations.alembic`, `migrations.sql`; ' +
      '`slipway init` proposes the keys). For the others, review their changes by hand, and make this ' +
      'rule an error in `rules:` if CI should fail while such a history exists.',
    suppress: coverageSuppressDocs('COV001'),
    examples: [
      coverageExample('flagged', 'shop/migrations/0002_delete_order.py', DJANGO_MIGRATION),
      coverageExample('fine', 'alembic/versions/a1b2c3d4e5f6_nickname.py', ALEMBIC_REVISION),
    ],
  },
  check: (run) => unjudgedFindings(migrationsNotJudged, run, 'migrations'),
};
