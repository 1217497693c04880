export * from './plan.js';
export type {
  JsBuilderRenderer,
  JsRenderers,
  NotTraced,
  PlannedStatement,
  TracePlan,
  TraceSource,
} from './plan-types.js';
export * from './documented-locks.js';
export * from './render-alembic.js';
export * from './render-django.js';
export * from './report.js';
export * from './report-text.js';
export * from './causes.js';
export * from './summary.js';
export type * from './summary-types.js';
export type { StandInColumn } from './stand-in-type.js';
export * from './sources.js';
export * from './trace-matching.js';
export * from './sql-statements.js';
export * from './trace-extensions.js';
