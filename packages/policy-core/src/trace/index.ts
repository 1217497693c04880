export { buildTracePlan, planSource, sqlStatements } from './plan.js';
export type { NotTraced, PlannedStatement, TracePlan, TraceSource } from './plan-types.js';
export { type DocumentedLock, documentedLocks } from './documented-locks.js';
export { renderAlembicUpgrade } from './render-alembic.js';
export {
  documentedText,
  judgeFindings,
  renderTraceJson,
  renderTraceText,
  type TracedLock,
  type TracedStatement,
  type TraceFinding,
  type TraceReport,
  traceFindingsAsFindings,
} from './report.js';
export { traceSources } from './sources.js';
export { type MatchedTrace, matchTrace } from './trace-matching.js';
