import { jsToolName } from '../../../migrations/js-walk.js';
import type { MigrationTree } from '../../../migrations/migration-analysis.js';

/**
 * The migration tools that own the schema, as the policy configures them (one per kind of tree:
 * Alembic, Django, Knex, TypeORM, Sequelize, Kysely, MikroORM), so that a finding about a schema change
 * made elsewhere names the tool the project uses. Seen on louislam/uptime-kuma, a Knex project
 * whose .sql files were told to move "into an Alembic migration".
 */
export interface SchemaOwners {
  /** `Alembic`, `Knex`, `Alembic and Knex`. */
  names: string;
  /** Where the schema's changes belong: `the Alembic trees`, `the Knex migration folders`. */
  trees: string;
  /** What to move a change into: `an Alembic migration`, `a Knex migration`, `a migration of Alembic or Knex`. */
  migration: string;
  /** Alembic is among them (create_all is SQLAlchemy's: its advice is Alembic's autogenerate). */
  alembic: boolean;
}

const toolOf = (t: Pick<MigrationTree, 'django' | 'js'>): string =>
  t.django !== undefined ? 'Django' : t.js !== undefined ? jsToolName(t.js) : 'Alembic';

const list = (names: readonly string[], and: string) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;

export function schemaOwners(trees: readonly Pick<MigrationTree, 'django' | 'js'>[]): SchemaOwners {
  const names = [...new Set(trees.map(toolOf))];
  const one = names.length === 1 ? names[0] : undefined;
  return {
    names: list(names, 'and'),
    trees: one === 'Alembic' ? 'the Alembic trees' : `the ${list(names, 'and')} migration folders`,
    migration:
      one === undefined
        ? `a migration of ${list(names, 'or')}`
        : `${one === 'Alembic' ? 'an' : 'a'} ${one} migration`,
    alembic: names.includes('Alembic'),
  };
}
