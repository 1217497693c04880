export type {
  FunctionFacts,
  FunctionShape,
  Located,
  MigrationModule,
  RevisionList,
} from './alembic-module.js';
export * from './alembic-module.js';
export * from './analyze.js';
export * from './revision-graph.js';
export * from './schema-op.js';
export type { JsBuilderCall, JsBuilderStep, ReplayCall, ReplayValue } from './js-builder-call.js';
export { holdsBuilder, KNEX_REPLAYED_METHODS, knexBuilderArgument } from './js-builder-call.js';
export { jsMigrationTool } from './js-migration-file.js';
export * from './python-parser.js';
export * from './sql-parser.js';
export * from './policy-sources.js';
export * from './migration-locations.js';
export * from './parsers-for.js';
export * from './sql-result-store.js';
export * from './sql-rollback-notes.js';
export type { ProductionDatabase } from './applied-history.js';
export type { DefaultVolatility } from './default-volatility.js';
export type { DjangoFacts, DjangoRef } from './django-facts.js';
export type { DjangoOperation } from './django-operation.js';
export type { DjangoField } from './django-field.js';
