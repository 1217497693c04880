export * from './delivery-metrics.js';
export * from './deployed-change.js';
export * from './iso-week.js';
export type { Figures, SplitFigures } from './metric-figures.js';
export * from './metric-format.js';
export * from './metrics-columns.js';
