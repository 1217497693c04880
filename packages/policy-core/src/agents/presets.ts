/**
 * The agents and bots Slipway knows by default, and how each shows itself in a repository: the
 * branches it pushes, its GitHub account, the e-mail its commits and its Co-authored-by trailers
 * carry. Every value names the public page that says so (or where it is seen), so that
 * keeping this list current is a matter of re-reading those pages.
 *
 * Every preset is on unless a policy turns it off by name with a reason (`agents.presets_off`,
 * which POL005 shows to the reviewer). Patterns: branches are globs (`*` within one `/` part,
 * `**` across); e-mails and logins take `*` as their only wildcard, case ignored.
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
  /** Commit author / committer e-mails, and the e-mails a Co-authored-by (…) trailer names. */
  emails: Sourced[];
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
/** GitHub's no-reply commit address is `ID+login@users.noreply.github.com`, for apps' bots too. */
const NOREPLY =
  'https://docs.github.com/en/account-and-profile/setting-up-and-managing-your-personal-account-on-github/managing-email-preferences/setting-your-commit-email-address';
const app = (slug: string) => `https://github.com/apps/${slug}`;

/** A GitHub App's bot: its login, and the no-reply address its commits and co-author trailers carry. */
function appBot(slug: string): Pick<AgentPreset, 'logins' | 'emails'> {
  return {
    logins: [{ value: `${slug}[bot]`, source: app(slug) }],
    emails: [{ value: `*+${slug}[bot]@users.noreply.github.com`, source: NOREPLY }],
  };
}

export const AGENT_PRESETS: readonly (AgentPreset & { id: AgentPresetId })[] = [
  {
    id: 'copilot',
    class: 'agent',
    name: 'GitHub Copilot coding agent',
    branches: [{ value: 'copilot/**', source: GITHUB_COPILOT_AGENT }],
    logins: [
      { value: 'Copilot', source: GITHUB_COPILOT_AGENT },
      { value: 'copilot-swe-agent[bot]', source: app('copilot-swe-agent') },
    ],
    emails: [
      { value: '*+Copilot@users.noreply.github.com', source: NOREPLY },
      { value: '*+copilot-swe-agent[bot]@users.noreply.github.com', source: NOREPLY },
    ],
  },
  {
    id: 'claude',
    class: 'agent',
    name: 'Claude Code',
    // claude-code-action's `branch_prefix` defaults to `claude/`.
    branches: [{ value: 'claude/**', source: 'https://github.com/anthropics/claude-code-action' }],
    logins: [{ value: 'claude[bot]', source: app('claude') }],
    // Claude Code ends its commits with `Co-Authored-By: Claude <noreply@anthropic.com>` (the
    // name varies with the model: `Claude Opus 4.5`), unless `includeCoAuthoredBy` is false.
    emails: [
      { value: 'noreply@anthropic.com', source: 'https://github.com/anthropics/claude-code/issues/29999' },
    ],
  },
  {
    id: 'codex',
    class: 'agent',
    name: 'OpenAI Codex',
    branches: [{ value: 'codex/**', source: 'https://developers.openai.com/codex/cloud' }],
    ...appBot('chatgpt-codex-connector'),
  },
  {
    id: 'cursor',
    class: 'agent',
    name: 'Cursor agents',
    branches: [{ value: 'cursor/**', source: 'https://docs.cursor.com/background-agent' }],
    logins: [{ value: 'cursor[bot]', source: app('cursor') }],
    // `Co-authored-by: Cursor <cursoragent@cursor.com>` (or `Cursor Agent`), and the author of
    // its cloud agents' commits.
    emails: [{ value: 'cursoragent@cursor.com', source: 'https://github.com/fujibee/agmsg/pull/858' }],
  },
  {
    id: 'devin',
    class: 'agent',
    name: 'Devin',
    branches: [{ value: 'devin/**', source: 'https://docs.devin.ai' }],
    ...appBot('devin-ai-integration'),
  },
  {
    id: 'jules',
    class: 'agent',
    name: 'Jules (Google)',
    branches: [],
    ...appBot('google-labs-jules'),
  },
  {
    id: 'gemini',
    class: 'agent',
    name: 'Gemini Code Assist',
    branches: [],
    ...appBot('gemini-code-assist'),
  },
  {
    id: 'amazon-q',
    class: 'agent',
    name: 'Amazon Q Developer',
    branches: [],
    ...appBot('amazon-q-developer'),
  },
  {
    id: 'dependabot',
    class: 'bot',
    name: 'Dependabot',
    branches: [
      {
        value: 'dependabot/**',
        source:
          'https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference',
      },
    ],
    ...appBot('dependabot'),
  },
  {
    id: 'renovate',
    class: 'bot',
    name: 'Renovate',
    branches: [
      { value: 'renovate/**', source: 'https://docs.renovatebot.com/configuration-options/#branchprefix' },
    ],
    logins: appBot('renovate').logins,
    emails: [
      ...appBot('renovate').emails,
      {
        value: 'bot@renovateapp.com',
        source: 'https://github.com/securego/gosec/commit/e3dffd64501211e83308009841047d9c8c4964d2',
      },
    ],
  },
];
