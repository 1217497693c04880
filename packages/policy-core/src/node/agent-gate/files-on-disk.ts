import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files under the folder `dir` (absolute) on disk, as paths relative to it with `/`: links
 * not followed, the git directory skipped, at most `max`. Empty for a file or nothing there.
 */
export function filesUnder(dir: string, max: number): string[] {
  const out: string[] = [];
  const stack = [''];
  while (stack.length > 0 && out.length < max) {
    const sub = stack.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(dir, sub), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const path = sub === '' ? e.name : `${sub}/${e.name}`;
      if (e.name === '.git') continue;
      if (e.isDirectory()) stack.push(path);
      else out.push(path);
      if (out.length >= max) break;
    }
  }
  return out;
}

/** Files under the repository path `rel` on disk, as repository paths, at most `max`. */
export function filesOnDisk(root: string, rel: string, max: number): string[] {
  return filesUnder(join(root, rel), max).map((p) => (rel === '' ? p : `${rel}/${p}`));
}
