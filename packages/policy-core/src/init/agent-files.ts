import type { AgentPresetId } from '../policy/schema/agents.js';

/**
 * The files a repository keeps for the agents and bots that work in it, and the preset each
 * points to: init says which presets the repository's own files show are at work (every preset
 * is on anyway; this tells the team which of them will matter).
 */
const AGENT_FILES: { preset: AgentPresetId; matches: (path: string) => boolean }[] = [
  { preset: 'claude', matches: (p) => p === 'CLAUDE.md' || p.startsWith('.claude/') },
  {
    preset: 'copilot',
    matches: (p) => p === '.github/copilot-instructions.md' || p.startsWith('.github/instructions/'),
  },
  { preset: 'cursor', matches: (p) => p === '.cursorrules' || p.startsWith('.cursor/rules/') },
  // Codex reads repository skills from `.agents/skills`.
  { preset: 'codex', matches: (p) => p === 'AGENTS.md' || p.startsWith('.agents/skills/') },
  { preset: 'gemini', matches: (p) => p === 'GEMINI.md' || p.startsWith('.gemini/') },
  { preset: 'amazon-q', matches: (p) => p.startsWith('.amazonq/') },
  { preset: 'dependabot', matches: (p) => p === '.github/dependabot.yml' || p === '.github/dependabot.yaml' },
  {
    preset: 'renovate',
    matches: (p) =>
      [
        'renovate.json',
        'renovate.json5',
        '.renovaterc',
        '.renovaterc.json',
        '.github/renovate.json',
        '.github/renovate.json5',
      ].includes(p),
  },
];

/** The presets the repository's agent files point to, each with the first file that shows it. */
export function agentPresetsFound(files: readonly string[]): { preset: AgentPresetId; file: string }[] {
  const found: { preset: AgentPresetId; file: string }[] = [];
  for (const { preset, matches } of AGENT_FILES) {
    const file = files.find(matches);
    if (file !== undefined) found.push({ preset, file });
  }
  return found;
}
