import { resolve } from 'node:path';
import type { Judged } from '../../agent-gate/shell-verdicts.js';
import type { ShellWrite } from '../../agent-gate/shell/effects.js';
import { relativeInside } from './write-target.js';

/**
 * git's settings outside the repository, which a later git command in the same call reads: the
 * user's and the system's config and attributes (`~/.gitconfig`, `~/.config/git/attributes`,
 * `$XDG_CONFIG_HOME/git/…`, `/etc/gitconfig`). An attributes file there makes a restore write
 * other bytes than the blob's (working-tree-encoding, ident).
 */
const GIT_SETTINGS = /(\/\.gitconfig|\/git\/(config|attributes|ignore)|^\/etc\/git(config|attributes))$/;

/** The question a shell write of git's own settings outside the repository puts to a person. */
export function gitSettingsWrite(w: ShellWrite, root: string, absolute: string): Judged | undefined {
  if (relativeInside(resolve(root), absolute) !== undefined || !GIT_SETTINGS.test(absolute)) return undefined;
  return {
    verdict: 'ask',
    reason: {
      ruleId: 'GATE',
      message: `\`${w.how}\` writes ${w.path}, git's own settings outside the repository: they decide what later git commands write (attributes, filters, hooks)`,
      instead: "leave git's settings alone, or ask a human to approve the command",
    },
  };
}
