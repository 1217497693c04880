/**
 * The agent gate's pure part: the shape of a coding agent's tool call and of the gate's decision
 * (tool-call.ts), each agent's hook adapter (agents/), Codex's patch format (apply-patch.ts), the
 * reason an agent is told (reason-text.ts), and the decision on the files a call writes
 * (gate-decision.ts, over the session's change and the tree with the call's writes).
 */
export * from './agents/index.js';
export * from './apply-edits.js';
export * from './apply-patch.js';
export * from './gate-decision.js';
export * from './gate-reasons.js';
export * from './process-paths.js';
export * from './proposed-write.js';
export * from './push-mapping.js';
export * from './reason-text.js';
export * from './session-change.js';
export * from './tool-call.js';
export * from './writes-overlay.js';
export * from './shell-verdicts.js';
