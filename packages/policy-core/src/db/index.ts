export * from './audit.js';
export * from './audit-input.js';
export * from './db-facts.js';
export * from './destructive-path.js';
export * from './graph-view.js';
export * from './parent-map-graph.js';
export * from './summary-render.js';
