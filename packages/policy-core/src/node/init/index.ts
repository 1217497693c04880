export * from './create-policy-file.js';
export * from './detect.js';
export * from './plan-policy-file.js';
export * from './production-branch.js';
export * from './starter-tests.js';
export * from './write-agent-files.js';
export * from './write-agents-md.js';
