/**
 * The agent gate's pure part: the shape of a coding agent's tool call and of the gate's decision
 * (tool-call.ts), each agent's hook adapter (agents/), Codex's patch format (apply-patch.ts) and
 * the reason an agent is told (reason-text.ts). tool-call.ts's `TextEdit` is exported as
 * `ToolTextEdit`: the package already exports a `TextEdit` (a finding's fix, finding.ts).
 */
export * from './agents/index.js';
export * from './apply-patch.js';
export * from './reason-text.js';
export { GATE_AGENTS } from './tool-call.js';
export type {
  AgentAdapter,
  GateAgent,
  GateDecision,
  GateReason,
  HookAnswer,
  HookInput,
  PatchFile,
  PatchHunk,
  TextEdit as ToolTextEdit,
  ToolCall,
  Verdict,
} from './tool-call.js';
