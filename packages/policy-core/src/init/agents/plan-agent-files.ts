import { GATE_AGENTS, type GateAgent } from '../../agent-gate/tool-call.js';
import type { AgentSetup } from './agent-setup.js';
import { CLAUDE_SETUP } from './claude.js';
import { CODEX_SETUP } from './codex.js';
import { COPILOT_SETUP } from './copilot.js';
import { CURSOR_SETUP } from './cursor.js';
import { GEMINI_SETUP } from './gemini.js';
import { mergeJson } from './json-merge.js';
import { ensureTomlTable } from './toml-table.js';

/** Every agent `init --agents` knows, in the order it writes them. */
export const AGENT_SETUPS: readonly AgentSetup[] = [
  CLAUDE_SETUP,
  CODEX_SETUP,
  COPILOT_SETUP,
  CURSOR_SETUP,
  GEMINI_SETUP,
];

/**
 * The agents `--agents LIST` names: empty or `all` for all of them; an unknown name is refused
 * with the names there are.
 */
export function agentsNamed(list: string): { ok: true; agents: GateAgent[] } | { ok: false; reason: string } {
  const names = list
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  if (names.length === 0 || names.includes('all')) return { ok: true, agents: [...GATE_AGENTS] };
  const unknown = names.filter((n) => !(GATE_AGENTS as readonly string[]).includes(n));
  if (unknown.length > 0)
    return {
      ok: false,
      reason: `unknown agent ${unknown.map((u) => `\`${u}\``).join(', ')} for --agents; known: ${GATE_AGENTS.join(', ')} (or all)`,
    };
  return { ok: true, agents: GATE_AGENTS.filter((a) => names.includes(a)) };
}

/** How a file stands before init writes it: its text, none, or why it may not be read. */
export type ExistingFile = { text: string } | { refused: string } | undefined;

export interface PlannedFile {
  path: string;
  text: string;
  status: 'created' | 'updated' | 'unchanged';
}

/**
 * Every file the agents need, as its text would be after the merge: all of them or none (the
 * first file that is refused or cannot be merged stops the plan, so nothing is half-written).
 */
export function planAgentFiles(
  agents: readonly GateAgent[],
  read: (path: string) => ExistingFile,
): { ok: true; files: PlannedFile[]; notes: string[] } | { ok: false; reason: string } {
  const files: PlannedFile[] = [];
  const notes: string[] = [];
  for (const setup of AGENT_SETUPS.filter((s) => agents.includes(s.agent))) {
    for (const file of setup.files) {
      const existing = read(file.path);
      if (existing && 'refused' in existing) return { ok: false, reason: existing.refused };
      const before = existing?.text;
      const merged =
        file.format === 'json'
          ? mergeJson(file.path, before, file.wants)
          : ensureTomlTable(file.path, before, file.table, file.values);
      if (!merged.ok) return merged;
      notes.push(...(merged.kept ?? []));
      const status = before === undefined ? 'created' : merged.changed ? 'updated' : 'unchanged';
      files.push({ path: file.path, text: merged.text, status });
    }
    if (setup.note) notes.push(`${setup.name}: ${setup.note}`);
  }
  return { ok: true, files, notes };
}
