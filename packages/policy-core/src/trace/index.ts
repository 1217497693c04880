export * from './plan.js';
export type { NotTraced, PlannedStatement, TracePlan, TraceSource } from './plan-types.js';
export * from './render-alembic.js';
export * from './report.js';
export * from './sources.js';
