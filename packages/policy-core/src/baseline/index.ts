// Where the baseline lives is the policy's (policy/baseline-location.ts); handed on with the rest.
export { baselineFileOf, DEFAULT_BASELINE_FILE } from '../policy/baseline-location.js';
export * from './apply-baseline.js';
export * from './baseline-file.js';
export * from './baseline-growth.js';
export * from './fingerprint.js';
export * from './match-baseline.js';
