export * from './tool-call.js';
export * from './proposed-write.js';
export * from './session-change.js';
export * from './gate-decision.js';
export * from './gate-reasons.js';
export * from './writes-overlay.js';
export * from './apply-edits.js';
