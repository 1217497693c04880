export * from './apply-baseline.js';
export * from './baseline-file.js';
export * from './baseline-growth.js';
export * from './fingerprint.js';
export * from './match-baseline.js';
