export * from './npm-lock-entries.js';
export * from './npm-lock-model.js';
export * from './npm-manifest.js';
export * from './package-lock.js';
export * from './pnpm-lock.js';
export * from './pnpm-workspace.js';
export * from './yarn-lock.js';
export * from './npmrc.js';
