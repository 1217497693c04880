import { resolve } from 'node:path';
import type { ShellPush, ShellRefWrite } from '@slipway/policy-core';
import { rootOf } from './shell-write-repos.js';

/** The pushes of a shell command one repository judges, and a folder to open its gate from. */
export interface RepositoryPushes {
  root: string;
  dir: string;
  pushes: ShellPush[];
}

/**
 * A shell command's pushes by the repository each runs in (`git -C ../B push`, `cd ../B && git
 * push origin HEAD`): the branch it sends is the one checked out there, and that repository's
 * policy names its production branch. Judged by the session's, a push from B with B's production
 * branch checked out was taken for the session's own branch and let through. `unread`: where git
 * runs only the shell knows (`--git-dir`), so which branch HEAD is too.
 */
export async function pushesByRepository(
  pushes: readonly ShellPush[],
  cwd: string,
): Promise<{ own: ShellPush[]; unread: ShellPush[]; others: RepositoryPushes[] }> {
  const session = await rootOf(cwd);
  const own: ShellPush[] = [];
  const unread: ShellPush[] = [];
  const others = new Map<string, RepositoryPushes>();
  for (const push of pushes) {
    if (push.runsInUnknown) {
      unread.push(push);
      continue;
    }
    const placed = new Set<string | undefined>();
    for (const dir of push.runsIn ?? ['']) {
      const at = resolve(cwd, dir);
      const root = await rootOf(at);
      if (placed.has(root)) continue;
      placed.add(root);
      // Outside every repository git finds none to push from.
      if (root === undefined) continue;
      if (root === session) {
        own.push(push);
        continue;
      }
      const group = others.get(root) ?? { root, dir: at, pushes: [] };
      group.pushes.push(push);
      others.set(root, group);
    }
  }
  return { own, unread, others: [...others.values()] };
}

/**
 * The command's ref writes as the session's gate judges them: `HEAD` is the branch checked out
 * where git runs, so in another repository (`cd vendor/n && git commit`, a repository nested in
 * the session's, whose production branch may be the one checked out) it is not the session's
 * branch, and the write names no ref the gate knows, as a `git -C dir` one does.
 */
export async function refWritesAsRun(
  refWrites: readonly ShellRefWrite[],
  cwd: string,
): Promise<ShellRefWrite[]> {
  const session = await rootOf(cwd);
  const out: ShellRefWrite[] = [];
  for (const w of refWrites) {
    let elsewhere = false;
    if (w.ref === 'HEAD')
      for (const dir of w.runsIn ?? []) if ((await rootOf(resolve(cwd, dir))) !== session) elsewhere = true;
    out.push(elsewhere ? { what: w.what } : w);
  }
  return out;
}
