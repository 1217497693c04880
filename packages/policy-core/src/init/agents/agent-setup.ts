import type { GateAgent } from '../../agent-gate/tool-call.js';
import type { JsonWant } from './json-merge.js';

/** One file an agent reads its hooks or MCP servers from, and what Slipway needs in it. */
export type AgentFile =
  | { path: string; format: 'json'; wants: readonly JsonWant[] }
  | { path: string; format: 'toml'; table: readonly string[]; values: Record<string, string | string[]> };

/** What `slipway init --agents` writes for one agent. */
export interface AgentSetup {
  agent: GateAgent;
  name: string;
  files: readonly AgentFile[];
  /** What a person still has to do for the agent to run the hook, said after the files. */
  note?: string;
}
