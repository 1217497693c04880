import { resolve } from 'node:path';
import type { Judged } from '../../agent-gate/shell-verdicts.js';
import { relativeInside } from './relative-inside.js';

/**
 * git's settings outside the repository, which a later git command reads: the user's and the
 * system's config and attributes (`~/.gitconfig`, `~/.config/git/attributes`,
 * `$XDG_CONFIG_HOME/git/…`, `/etc/gitconfig`). A `core.fsmonitor` there runs a program at the
 * next `git status`; an attributes file makes a restore write other bytes than the blob's.
 */
const GIT_SETTINGS = /(\/\.gitconfig|\/git\/(config|attributes|ignore)|^\/etc\/git(config|attributes))$/;

/**
 * The coding agents' own settings outside the repository: the user's and the machine's. Their
 * hooks, `disableAllHooks`, MCP servers and instructions there switch the gate off as surely as
 * the project's own (which the policy surface holds at any depth).
 */
const AGENT_SETTINGS: readonly { what: string; path: RegExp }[] = [
  { what: "Claude Code's settings", path: /\/\.claude(\/|\.json$)|^\/etc\/claude-code\// },
  { what: "Codex's settings", path: /\/\.codex\/|^\/etc\/codex\// },
  { what: "Gemini CLI's settings", path: /\/\.gemini\/|^\/etc\/gemini-cli\// },
  { what: "Cursor's settings", path: /\/\.cursor\/|^\/etc\/cursor\// },
  { what: "GitHub Copilot's settings", path: /\/\.copilot\// },
  // The user-level folders of the other agents, as their documentation names them.
  {
    what: 'the agent skills every session may load (instructions, and scripts agents run)',
    path: /\/\.agents\//,
  },
  { what: "Kiro's settings (steering, hooks, MCP servers)", path: /\/\.kiro\// },
  { what: "OpenCode's settings (plugins, agents, MCP servers)", path: /\/\.config\/opencode\// },
  { what: "Roo Code's rules and MCP servers", path: /\/\.roo\// },
  { what: "Continue's settings (rules, MCP servers)", path: /\/\.continue\// },
  { what: "Amazon Q's settings (MCP servers)", path: /\/\.aws\/amazonq\// },
  { what: "Junie's settings (guidelines, MCP servers)", path: /\/\.junie\// },
  // Zed: the personal AGENTS.md every project's agent reads, and its settings (MCP servers, the
  // agent's tool permissions).
  { what: "Zed's settings (instructions, MCP servers, tool permissions)", path: /\/\.config\/zed\// },
  {
    what: "aider's settings (the lint and test commands it runs after each edit)",
    path: /\/\.aider\.conf\.yml$/,
  },
  {
    // The agent's own shell reads them (Claude Code snapshots the user's aliases and functions):
    // `alias ls='rm slipway.yaml'` there makes a command the gate reads as `ls` remove the policy.
    what: "the shell's startup files (aliases, functions and PATH for every later shell, the agent's too)",
    path: /\/\.(bashrc|bash_profile|bash_login|bash_logout|profile|zshrc|zshenv|zprofile|zlogin|inputrc)$|\/\.config\/fish\/|^\/etc\/(profile|bash\.bashrc|zsh\/|profile\.d\/)/,
  },
  {
    // Where packages come from for every project of the user: the lock's registries are judged
    // (dependency confusion), a user-level index or registry swaps them under it.
    what: "the package managers' user settings (registries and indexes every install uses)",
    path: /\/\.(npmrc|yarnrc|yarnrc\.yml|pypirc)$|\/(pip\/pip\.conf|\.pip\/pip\.conf|uv\/uv\.toml|pnpm\/rc)$|^\/etc\/(pip\.conf|npmrc)$/,
  },
  {
    // A lesskey file's `#env` section sets LESSOPEN, which every later `less f` runs on f.
    what: "less's key and environment settings (a program it runs on every file it shows)",
    path: /\/\.lesskey$|\/\.config\/lesskey$|^\/etc\/syslesskey$|^\/usr\/local\/etc\/syslesskey$/,
  },
  {
    // ProxyCommand, LocalCommand and `Match exec` run at the next `git fetch` over ssh.
    what: "ssh's settings (programs it runs at every connection, a git fetch's too)",
    path: /\/\.ssh\/config$|^\/etc\/ssh\/ssh_config(\.d\/|$)/,
  },
  {
    what: "the editor's user settings (its agents' tools and MCP servers)",
    path: /\/(Code|Code - Insiders|VSCodium|Cursor)\/User\/(settings|mcp)\.json$|\/\.vscode-server\/data\/User\//,
  },
];

/** What the file at `absolute` (outside every repository) holds, when it is one of the above. */
export function settingsOutsideRepo(absolute: string): string | undefined {
  if (GIT_SETTINGS.test(absolute)) return "git's own settings";
  return AGENT_SETTINGS.find((s) => s.path.test(absolute))?.what;
}

/**
 * The question a write of such settings puts to a person: `how` wrote `shown` (the path as the
 * call named it). Undefined inside `root`, where the policy judges the file.
 */
export function settingsWrite(
  how: string,
  shown: string,
  root: string | undefined,
  absolute: string,
): Judged | undefined {
  if (root !== undefined && relativeInside(resolve(root), absolute) !== undefined) return undefined;
  const what = settingsOutsideRepo(absolute);
  if (what === undefined) return undefined;
  return {
    verdict: 'ask',
    reason: {
      ruleId: 'GATE',
      message: `\`${how}\` writes ${shown}, ${what} outside the repository: they decide what later commands and the agent itself do (hooks, filters, programs they run)`,
      instead: 'leave those settings alone, or ask a human to approve the change',
    },
  };
}
