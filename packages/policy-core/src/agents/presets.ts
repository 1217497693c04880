/**
 * The agents and bots Slipway knows by default, and how each shows itself in a repository: the
 * branches it pushes, its GitHub account, the e-mail its commits carry, the trailer it adds to a
 * commit message. Every value names the public page that says so (or where it is seen), so that
 * keeping this list current is a matter of re-reading those pages.
 *
 * Every preset is on unless a policy turns it off by name with a reason (`agents.presets_off`,
 * which POL005 shows to the reviewer). Patterns: branches are globs (`*` within one `/` part,
 * `**` across); e-mails and logins take `*` as their only wildcard, case ignored; a trailer
 * pattern is matched against the whole trailer line (`Key: value`).
 *
 * Class: `agent` writes code on request; `bot` opens routine changes (dependency updates) on
 * its own. Both are judged as agents; the class is said in findings and `slipway explain --change`.
 */

export type AgentClass = 'agent' | 'bot';

export interface Sourced {
  value: string;
  /** A public page that documents the value, or shows it in use. */
  source: string;
}

export interface AgentPreset {
  id: string;
  class: AgentClass;
  name: string;
  branches: Sourced[];
  /** GitHub logins: a pull request's author; those ending in `[bot]` are also commit author names. */
  logins: Sourced[];
  /** Commit author / committer e-mails, and the e-mails a trailer names. */
  emails: Sourced[];
  /** Whole trailer lines, for trailers that name a tool rather than a person. */
  trailers: Sourced[];
}

export const AGENT_PRESET_IDS = [
  'copilot',
  'claude',
  'codex',
  'cursor',
  'devin',
  'jules',
  'gemini',
  'amazon-q',
  'dependabot',
  'renovate',
] as const;

export type AgentPresetId = (typeof AGENT_PRESET_IDS)[number];

const GITHUB_COPILOT_AGENT =
  'https://docs.github.com/en/copilot/concepts/agents/coding-agent/about-coding-agent';

export const AGENT_PRESETS: readonly (AgentPreset & { id: AgentPresetId })[] = [
  {
    id: 'copilot',
    class: 'agent',
    name: 'GitHub Copilot coding agent',
    branches: [{ value: 'copilot/**', source: GITHUB_COPILOT_AGENT }],
    logins: [
      { value: 'Copilot', source: GITHUB_COPILOT_AGENT },
      { value: 'copilot-swe-agent[bot]', source: GITHUB_COPILOT_AGENT },
    ],
    emails: [{ value: '*+Copilot@users.noreply.github.com', source: GITHUB_COPILOT_AGENT }],
    trailers: [],
  },
  {
    id: 'claude',
    class: 'agent',
    name: 'Claude Code',
    branches: [],
    logins: [],
    emails: [
      { value: 'noreply@anthropic.com', source: 'https://docs.anthropic.com/en/docs/claude-code/settings' },
    ],
    trailers: [],
  },
];
