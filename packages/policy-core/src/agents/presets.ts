import type { AgentPresetId } from '../policy/schema/agents.js';

/**
 * The agents and bots Slipway knows by default, and how each shows itself in a repository: the
 * branches it pushes, its GitHub account, the e-mail its commits and its Co-authored-by trailers
 * carry. Every value names the public page that says so (or where it is seen), so that
 * keeping this list current is a matter of re-reading those pages.
 *
 * Every preset is on unless a policy turns it off by name with a reason (`agents.presets_off`,
 * which POL005 shows to the reviewer). Patterns: branches are globs (`*` within one `/` part, a branch under a match matching too,
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

// Most logins and no-reply addresses are those CHAOSS's AI-detection action lists (pinned).
const CHAOSS =
  'https://github.com/chaoss/ai-detection-action/blob/497c2fb26185385bc806392526d7b236d1b006de/detection';
const COMMITTERS = `${CHAOSS}/committer/committer.go`;
/** GitHub's no-reply commit address is `ID+login@users.noreply.github.com`, for apps' bots too. */
const NOREPLY =
  'https://docs.github.com/en/account-and-profile/setting-up-and-managing-your-personal-account-on-github/managing-email-preferences/setting-your-commit-email-address';

/**
 * A GitHub App's bot: its login, and the no-reply address (`ID+login`) its commits carry, then
 * the other e-mails its commits or Co-authored-by trailers carry, if any.
 */
function appBot(
  login: string,
  source: string,
  ...otherEmails: Sourced[]
): Pick<AgentPreset, 'logins' | 'emails'> {
  return {
    logins: [{ value: login, source }],
    emails: [{ value: `*+${login}@users.noreply.github.com`, source: NOREPLY }, ...otherEmails],
  };
}

const merge = (...parts: Pick<AgentPreset, 'logins' | 'emails'>[]) => ({
  logins: parts.flatMap((p) => p.logins),
  emails: parts.flatMap((p) => p.emails),
});

/**
 * Claude Code ends its commits with `Co-Authored-By: Claude <noreply@anthropic.com>` (the name
 * varies with the model: `Claude Opus 4.5`) unless its attribution setting is off.
 */
const CLAUDE_CO_AUTHOR: Sourced = {
  value: 'noreply@anthropic.com',
  source: `${CHAOSS}/coauthor/coauthor.go#L12`,
};

export const AGENT_PRESETS: readonly (AgentPreset & { id: AgentPresetId })[] = [
  {
    id: 'copilot',
    class: 'agent',
    name: 'GitHub Copilot coding agent',
    // "Copilot can only push to branches beginning with copilot/".
    branches: [
      {
        value: 'copilot/**',
        source:
          'https://learn.microsoft.com/en-us/training/modules/github-copilot-code-agent/2-security-risks-limitations-copilot-code-agent',
      },
    ],
    logins: [{ value: 'Copilot', source: 'https://github.com/githubnext/gh-aw/pull/2456' }],
    emails: [
      { value: '*+Copilot@users.noreply.github.com', source: `${CHAOSS}/committer/committer_test.go#L36` },
    ],
  },
  {
    id: 'claude',
    class: 'agent',
    name: 'Claude Code',
    // claude-code-action's `branch_prefix` defaults to `claude/`.
    branches: [{ value: 'claude/**', source: 'https://github.com/anthropics/claude-code-action' }],
    ...appBot('claude[bot]', `${COMMITTERS}#L12`, CLAUDE_CO_AUTHOR),
  },
  {
    id: 'codex',
    class: 'agent',
    name: 'OpenAI Codex',
    // Codex cloud opens pull requests as the person who asked, so its branch is the main signal.
    branches: [{ value: 'codex/**', source: 'https://github.com/openai/codex/issues/21112' }],
    ...merge(
      appBot('chatgpt-codex-connector[bot]', `${COMMITTERS}#L19`),
      appBot('openai-codex[bot]', `${COMMITTERS}#L18`),
    ),
  },
  {
    id: 'cursor',
    class: 'agent',
    name: 'Cursor agents',
    branches: [{ value: 'cursor/**', source: 'https://github.com/macro-inc/macro/pull/6584' }],
    ...appBot('cursor[bot]', `${COMMITTERS}#L17`, {
      // The author of its cloud agents' commits, and what `Co-authored-by: Cursor <…>` names.
      value: 'cursoragent@cursor.com',
      source: `${CHAOSS}/coauthor/coauthor_test.go#L28`,
    }),
  },
  {
    id: 'devin',
    class: 'agent',
    name: 'Devin',
    branches: [],
    ...appBot('devin-ai-integration[bot]', `${COMMITTERS}#L22`),
  },
  {
    id: 'jules',
    class: 'agent',
    name: 'Jules (Google)',
    branches: [],
    ...appBot('google-labs-jules[bot]', 'https://github.com/aavetis/PRarena/issues/56'),
  },
  {
    id: 'gemini',
    class: 'agent',
    name: 'Gemini (Code Assist and the Gemini CLI action)',
    branches: [],
    ...appBot('gemini-code-assist[bot]', `${COMMITTERS}#L20`, {
      // The identity run-gemini-cli's example workflow committed as.
      value: 'gemini-cli[bot]@users.noreply.github.com',
      source:
        'https://github.com/google-github-actions/run-gemini-cli/blob/34890cab1fa816353bbd19fa24b2a3a5680dae45/examples/workflows/gemini-cli/gemini-cli.yml#L124',
    }),
  },
  {
    id: 'amazon-q',
    class: 'agent',
    name: 'Amazon Q Developer',
    branches: [],
    ...appBot('amazon-q-developer[bot]', `${COMMITTERS}#L21`),
  },
  {
    id: 'dependabot',
    class: 'bot',
    name: 'Dependabot',
    branches: [
      {
        value: 'dependabot/**',
        source:
          'https://www.rubydoc.info/gems/dependabot-common/0.215.0/Dependabot/PullRequestCreator/BranchNamer',
      },
    ],
    ...appBot('dependabot[bot]', 'https://github.com/aws/aws-sdk-pandas/pull/2742.patch'),
  },
  {
    id: 'renovate',
    class: 'bot',
    name: 'Renovate',
    branches: [
      {
        value: 'renovate/**',
        source:
          'https://github.com/renovatebot/renovate/blob/c2dd4f856f068eeda4c10afc3752c35fe1f6cab1/lib/config/options/index.ts#L1922-L1926',
      },
    ],
    ...appBot(
      'renovate[bot]',
      'https://github.com/renovatebot/renovate/blob/c2dd4f856f068eeda4c10afc3752c35fe1f6cab1/lib/util/git/author.spec.ts#L24-L27',
      {
        value: 'bot@renovateapp.com',
        source: 'https://github.com/securego/gosec/commit/e3dffd64501211e83308009841047d9c8c4964d2',
      },
    ),
  },
];
