import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The git repositories under the folder `dir` (absolute), `dir` itself included: each folder
 * holding a `.git` (a folder, or the file a worktree or a submodule has), not looked into further
 * (what is nested in one is that one's to judge), links not followed. Each folder looked through
 * spends one of `budget.folders` (one budget for a whole command: a hook answers within the
 * agent's timeout); undefined once it is spent: which repositories lie under it is not known.
 */
export function repositoriesUnder(dir: string, budget: { folders: number }): string[] | undefined {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    if (budget.folders <= 0) return undefined;
    budget.folders--;
    const at = stack.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      continue;
    }
    if (entries.some((e) => e.name === '.git')) {
      out.push(at);
      continue;
    }
    for (const e of entries) if (e.isDirectory()) stack.push(join(at, e.name));
  }
  return out;
}
