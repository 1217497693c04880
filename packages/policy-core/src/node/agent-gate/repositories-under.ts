import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The git repositories under the folder `dir` (absolute), `dir` itself included: each folder
 * holding a `.git` (a folder, or the file a worktree or a submodule has), not looked into further
 * (what is nested in one is that one's to judge), links not followed. Undefined past `max`
 * folders looked through: which repositories lie under it is not known.
 */
export function repositoriesUnder(dir: string, max: number): string[] | undefined {
  const out: string[] = [];
  const stack = [dir];
  for (let seen = 0; stack.length > 0; seen++) {
    if (seen >= max) return undefined;
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
