import type { JsTool } from '../../../migrations/js-walk.js';

/**
 * The advice a MIG rule gives in the form a JavaScript migration is written in: the call that runs
 * SQL, the way out of the tool's transaction, the builder's own option. Found missing on real
 * Sequelize and TypeORM histories, whose findings advised Alembic's `server_default=...`,
 * `postgresql_not_valid=True` and `op.get_context().autocommit_block()`.
 */

/** The call a migration of the tool runs SQL text with. */
export const SQL_CALL: Record<JsTool, string> = {
  knex: 'knex.raw',
  typeorm: 'queryRunner.query',
  sequelize: 'queryInterface.sequelize.query',
  kysely: 'sql`...`.execute(db)',
  mikro_orm: 'this.addSql',
};

/** `statement` run outside the tool's transaction (CONCURRENTLY refuses one). */
export function outsideTransaction(js: JsTool, statement: string): string {
  switch (js) {
    case 'knex':
      return `build it with ${statement} (knex.raw) in a migration exporting \`config = { transaction: false }\``;
    case 'typeorm':
      return `build it with ${statement} (queryRunner.query) in a migration class with \`transaction = false\``;
    case 'sequelize':
      return `write ${statement} in queryInterface.sequelize.query, without a \`transaction\` (sequelize-cli runs each call on its own)`;
    case 'kysely':
      return `build it with sql\`${statement} ...\`.execute(db) under a Migrator made with \`disableTransactions: true\``;
    case 'mikro_orm':
      return `build it with this.addSql('${statement} ...') in a migration whose \`isTransactional()\` returns false`;
  }
}

/** How a new NOT NULL column gets a default in the tool's builder. */
export function builderDefault(js: JsTool): string {
  switch (js) {
    case 'knex':
    case 'kysely':
    case 'mikro_orm':
      return 'give it `.defaultTo(...)`';
    case 'typeorm':
      return 'give its TableColumn a `default`';
    case 'sequelize':
      return 'give it a `defaultValue`';
  }
}
