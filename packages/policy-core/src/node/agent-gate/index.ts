export * from './call-writes.js';
export * from './write-target.js';
export * from './decision-log.js';
