export * from './dependency-layout.js';
export * from './detect-layout.js';
export type { LayoutReader } from './layout-reader.js';
export * from './line-diff.js';
export * from './migration-layout.js';
export * from './render-policy.js';
export * from './merge-policy.js';
export * from './agents/index.js';
export { type AlembicIniTree, iniSectionOf } from './alembic-trees.js';
