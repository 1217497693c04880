export { type DependencyLayout, type DetectedPair, detectDependencies } from './dependency-layout.js';
export { type Detected, detectLayout, POLICY_FILE } from './detect-layout.js';
export type { LayoutReader } from './layout-reader.js';
export { lineDiff } from './line-diff.js';
export { type MigrationLayout, detectMigrations } from './migration-layout.js';
export { renderPolicy } from './render-policy.js';
