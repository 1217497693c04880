export * from './plan.js';
export type { NotTraced, PlannedStatement, TracePlan, TraceSource } from './plan-types.js';
export * from './documented-locks.js';
export * from './render-alembic.js';
export * from './report.js';
export * from './sources.js';
export * from './trace-matching.js';
