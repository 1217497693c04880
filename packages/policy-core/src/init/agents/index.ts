export * from './plan-agent-files.js';
export type { AgentFile, AgentSetup } from './agent-setup.js';
export { hookCommand } from './launcher.js';
