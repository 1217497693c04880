import type { ConstraintType } from './schema-op.js';

// TypeORM's QueryRunner methods (src/query-runner/QueryRunner.ts) by what they do to the schema,
// for the mapper (js-typeorm.ts): those that only read, those that make objects no rule judges, and
// the constraints they add or drop. The rest it maps one by one.

/** Methods that only read the catalog or the connection's state. */
export const READS = new Set([
  'hasTable',
  'hasColumn',
  'hasSchema',
  'hasDatabase',
  'getTable',
  'getTables',
  'getView',
  'getViews',
  'getCurrentDatabase',
  'getCurrentSchema',
  'getDatabases',
  'getSchemas',
  'isTransactionActive',
  'release',
  'clearSqlMemory',
  'enableSqlMemory',
  'disableSqlMemory',
  'getMemorySql',
  'executeMemoryUpSql',
  'executeMemoryDownSql',
]);

/** Methods that make objects no rule judges. */
export const OTHER = new Set([
  'createSchema',
  'createDatabase',
  'createView',
  'dropView',
  'changeTableComment',
  'createExclusionConstraint',
  'createExclusionConstraints',
  'dropExclusionConstraint',
  'dropExclusionConstraints',
]);

export const ADD_CONSTRAINT: Record<string, ConstraintType> = {
  createForeignKey: 'foreign_key',
  createForeignKeys: 'foreign_key',
  createPrimaryKey: 'primary_key',
  createUniqueConstraint: 'unique',
  createUniqueConstraints: 'unique',
  createCheckConstraint: 'check',
  createCheckConstraints: 'check',
};

export const DROP_CONSTRAINT = new Set([
  'dropForeignKey',
  'dropForeignKeys',
  'dropPrimaryKey',
  'dropUniqueConstraint',
  'dropUniqueConstraints',
  'dropCheckConstraint',
  'dropCheckConstraints',
]);
