export * from './call-writes.js';
export * from './write-target.js';
export * from './physical-path.js';
export * from './decision-log.js';
export * from './shell-writes.js';
export * from './staged-writes.js';
export * from './own-commit.js';
export * from './glob-reach.js';
