import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { GateReason } from '@slipway/policy-core';
import type { FileCall } from './governing-gate.js';

/** `~`, `~/x`: the user's home; `~name`, `~name/x`: the home of the user `name`. */
const TILDE = /^~([^/]*)(?:\/(.*))?$/s;

/** A file tool's call read as an agent that expands `~` would write it. */
export interface HomeReading {
  /** The call with each `~/…` path put in the home folder; undefined when it names none. */
  call: FileCall | undefined;
  /** Paths under another user's home (`~root/.bashrc`), which the gate cannot name. */
  othersHomes: string[];
}

/**
 * A path that starts with `~` is two files: Claude Code's Write and Edit write it as written (a
 * folder named `~` in the working directory, issue anthropics/claude-code#17354), an adapter that
 * expands it writes the home file (OpenClaw's edit and write tools do, openclaw/openclaw#47096),
 * and an agent may start doing so in any release. The gate judges both: read only as written, a
 * Write of `~/.bashrc` was let through as a file of the repository while it may rewrite the
 * user's shell start-up. The home is the gate's (the agent's hook runs with its environment).
 */
export function homeReading(call: FileCall, env: Record<string, string | undefined>): HomeReading {
  const home = env.HOME || homedir();
  const own = ownName();
  const othersHomes: string[] = [];
  let changed = false;
  const expand = (path: string): string => {
    const m = TILDE.exec(path);
    if (!m) return path;
    if (m[1] !== '' && m[1] !== own) {
      othersHomes.push(path);
      return path;
    }
    changed = true;
    return join(home, m[2] ?? '');
  };
  const expanded: FileCall =
    call.kind === 'patch'
      ? {
          ...call,
          files: call.files.map((f) =>
            f.op === 'update' && f.moveTo !== undefined
              ? { ...f, path: expand(f.path), moveTo: expand(f.moveTo) }
              : { ...f, path: expand(f.path) },
          ),
        }
      : { ...call, path: expand(call.path) };
  return { call: changed ? expanded : undefined, othersHomes };
}

/** The question a write under another user's home puts to a person. */
export function othersHomeReason(tool: string, paths: readonly string[]): GateReason {
  return {
    ruleId: 'GATE',
    message: `\`${tool}\` writes ${paths.join(', ')}, which an agent that expands \`~\` writes in another user's home folder, where Slipway does not look`,
    instead: 'name the file by its full path, or ask a human to approve the change',
  };
}

function ownName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
