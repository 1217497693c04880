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

/** The ref writes of a shell command one repository judges, and a folder to open its gate from. */
export interface RepositoryRefWrites {
  root: string;
  dir: string;
  refWrites: ShellRefWrite[];
}

/**
 * A shell command's ref writes by the repository git runs in (`git -C ../B branch -f release x`,
 * `cd vendor/n && git commit`): which branch is the production one is that repository's policy's
 * to say, and `HEAD` is the branch checked out there. Judged by the session's, a move of B's
 * production branch passed whenever its name was not the session's.
 */
export async function refWritesByRepository(
  refWrites: readonly ShellRefWrite[],
  cwd: string,
): Promise<{ own: ShellRefWrite[]; others: RepositoryRefWrites[] }> {
  const session = await rootOf(cwd);
  const own: ShellRefWrite[] = [];
  const others = new Map<string, RepositoryRefWrites>();
  for (const w of refWrites) {
    const placed = new Set<string | undefined>();
    for (const dir of w.runsIn ?? ['']) {
      const at = resolve(cwd, dir);
      const root = await rootOf(at);
      if (placed.has(root)) continue;
      placed.add(root);
      if (root === session || root === undefined) {
        // Outside every repository git finds none to write a ref in; the session's own as before.
        if (root === session) own.push(w);
        continue;
      }
      const group = others.get(root) ?? { root, dir: at, refWrites: [] };
      group.refWrites.push(w);
      others.set(root, group);
    }
  }
  return { own, others: [...others.values()] };
}

/**
 * Ref writes as a gate whose policy is not the repository's own judges them (one governed by an
 * enclosing policy): `HEAD` there is a branch that policy does not know is checked out, so the
 * write names no ref the gate knows.
 */
export function refWritesUnder(refWrites: readonly ShellRefWrite[], ownPolicy: boolean): ShellRefWrite[] {
  return ownPolicy ? [...refWrites] : refWrites.map((w) => (w.ref === 'HEAD' ? { what: w.what } : w));
}
