/**
 * Each coding agent's hook adapter (README.md in this folder says where each protocol is
 * documented), and `adapterFor`, which the `slipway hook <agent>` command looks one up with.
 */
import { type AgentAdapter, GATE_AGENTS, type GateAgent } from '../tool-call.js';
import { claudeAdapter } from './claude.js';
import { codexAdapter } from './codex.js';
import { copilotAdapter } from './copilot.js';
import { cursorAdapter } from './cursor.js';
import { geminiAdapter } from './gemini.js';

export { CLAUDE_READ_ONLY_TOOLS, claudeAdapter } from './claude.js';
export { CODEX_READ_ONLY_TOOLS, codexAdapter } from './codex.js';
export { COPILOT_READ_ONLY_TOOLS, copilotAdapter } from './copilot.js';
export { CURSOR_READ_ONLY_TOOLS, cursorAdapter } from './cursor.js';
export { GEMINI_READ_ONLY_TOOLS, geminiAdapter } from './gemini.js';

const ADAPTERS: Record<GateAgent, AgentAdapter> = {
  claude: claudeAdapter,
  codex: codexAdapter,
  copilot: copilotAdapter,
  cursor: cursorAdapter,
  gemini: geminiAdapter,
};

/** Whether `name` is an agent `slipway hook` answers (`claude` … `gemini`; not `constructor`). */
export function isGateAgent(name: string): name is GateAgent {
  return (GATE_AGENTS as readonly string[]).includes(name);
}

/** The adapter of `agent` (check a name from the command line with `isGateAgent` first). */
export function adapterFor(agent: GateAgent): AgentAdapter {
  if (!isGateAgent(agent)) throw new Error(`no hook adapter for ${JSON.stringify(agent)}`);
  return ADAPTERS[agent];
}
