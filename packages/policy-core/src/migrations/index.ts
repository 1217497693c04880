export type {
  FunctionFacts,
  FunctionShape,
  Located,
  MigrationModule,
  RevisionList,
} from './alembic-module.js';
export { readMigrationModule } from './alembic-module.js';
export {
  MigrationAnalyzer,
  type MigrationAnalysis,
  type MigrationSources,
  type MigrationTree,
  type SqlMigrationFile,
} from './analyze.js';
export {
  type DestructiveOp,
  type DuplicateRevision,
  RevisionGraph,
  type RevisionNode,
} from './revision-graph.js';
export { isDestructive, type SchemaOp, type SchemaOpKind } from './schema-op.js';
export { initPythonParser, isPythonParserReady } from './python-parser.js';
export {
  initMigrationParsers,
  initSqlParser,
  isSqlParserReady,
  parseSql,
  type SqlParseResult,
  type SqlStatement,
} from './sql-parser.js';
export { migrationSources, readMigrationTrees } from './policy-sources.js';
export { initParsersFor } from './parsers-for.js';
export type { SqlFileResults, SqlResultStore } from './sql-result-store.js';
