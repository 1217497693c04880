import { resolve } from 'node:path';
import type { ShellPush, ShellRefWrite } from '@slipway/policy-core';
import { rootOf } from './shell-write-repos.js';

/** What a shell command does in one other repository, and a folder to open its gate from. */
export interface InRepository<T> {
  root: string;
  dir: string;
  items: T[];
}

/**
 * `items` by the repository git runs in for each (its `runsIn` folders, '' for the command's own,
 * relative to `cwd`): the session's own, and each other repository's, once per repository. One
 * that runs outside every repository is dropped, or taken as the session's own when
 * `nowhereIsOwn` and the session is outside every repository too.
 */
async function byRepository<T extends { runsIn?: string[] }>(
  items: readonly T[],
  cwd: string,
  nowhereIsOwn: boolean,
): Promise<{ own: T[]; others: InRepository<T>[] }> {
  const session = await rootOf(cwd);
  const own: T[] = [];
  const others = new Map<string, InRepository<T>>();
  for (const item of items) {
    const placed = new Set<string | undefined>();
    for (const dir of item.runsIn ?? ['']) {
      const at = resolve(cwd, dir);
      const root = await rootOf(at);
      if (placed.has(root)) continue;
      placed.add(root);
      if (root === undefined) {
        if (nowhereIsOwn && session === undefined) own.push(item);
        continue;
      }
      if (root === session) {
        own.push(item);
        continue;
      }
      const group = others.get(root) ?? { root, dir: at, items: [] };
      group.items.push(item);
      others.set(root, group);
    }
  }
  return { own, others: [...others.values()] };
}

/**
 * A shell command's pushes by the repository each runs in (`git -C ../B push`, `cd ../B && git
 * push origin HEAD`): the branch it sends is the one checked out there, and that repository's
 * policy names its production branch. Judged by the session's, a push from B with B's production
 * branch checked out was taken for the session's own branch and let through. `unread`: where git
 * runs only the shell knows (`--git-dir`), so which branch HEAD is too. Outside every repository
 * git finds none to push from.
 */
export async function pushesByRepository(
  pushes: readonly ShellPush[],
  cwd: string,
): Promise<{ own: ShellPush[]; unread: ShellPush[]; others: InRepository<ShellPush>[] }> {
  const placed = await byRepository(
    pushes.filter((p) => !p.runsInUnknown),
    cwd,
    false,
  );
  return { ...placed, unread: pushes.filter((p) => p.runsInUnknown) };
}

/**
 * A shell command's ref writes by the repository git runs in (`git -C ../B branch -f release x`,
 * `cd vendor/n && git commit`): which branch is the production one is that repository's policy's
 * to say, and `HEAD` is the branch checked out there. Judged by the session's, a move of B's
 * production branch passed whenever its name was not the session's. Where neither the session
 * nor git's folder is in a repository, the write stays the session's, as before.
 */
export async function refWritesByRepository(
  refWrites: readonly ShellRefWrite[],
  cwd: string,
): Promise<{ own: ShellRefWrite[]; others: InRepository<ShellRefWrite>[] }> {
  return byRepository(refWrites, cwd, true);
}

/**
 * Ref writes as a gate whose policy is not the repository's own judges them (one governed by an
 * enclosing policy): `HEAD` there is a branch that policy does not know is checked out, so the
 * write names no ref the gate knows.
 */
export function refWritesUnder(refWrites: readonly ShellRefWrite[], ownPolicy: boolean): ShellRefWrite[] {
  return ownPolicy ? [...refWrites] : refWrites.map((w) => (w.ref === 'HEAD' ? { what: w.what } : w));
}
