import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files under the folder `dir` (absolute) on disk, as paths relative to it with `/`: links
 * not followed, git directories skipped (each one's path, a nested repository's or a submodule's
 * too, pushed to `gitDirs` when given), at most `max`. Empty for a file or nothing there.
 */
export function filesUnder(dir: string, max: number, gitDirs?: string[]): string[] {
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
      if (e.name === '.git') {
        gitDirs?.push(path);
        continue;
      }
      if (e.isDirectory()) stack.push(path);
      else out.push(path);
      if (out.length >= max) break;
    }
  }
  return out;
}

/**
 * Files under the repository path `rel` on disk, as repository paths, at most `max`; the git
 * directories on the way (filesUnder) pushed to `gitDirs`, as repository paths too.
 */
export function filesOnDisk(root: string, rel: string, max: number, gitDirs?: string[]): string[] {
  const at = (p: string) => (rel === '' ? p : `${rel}/${p}`);
  const found: string[] | undefined = gitDirs ? [] : undefined;
  const files = filesUnder(join(root, rel), max, found).map(at);
  if (found) gitDirs?.push(...found.map(at));
  return files;
}

/**
 * What a write to a whole folder is judged by: the files it reaches (`listed`, the folder's own
 * path `rel` among them), without that path where files are there. Git keeps no folders, and a
 * rule on the folder's name alone misreads it: `docs` is not under `allowed: [docs/]`, so `rm -rf
 * docs` was refused as a change outside the agent's folders. Where the folder holds no file (or
 * is a file, or nothing), its own path is what is judged.
 */
export function ownPathAside(listed: readonly string[], rel: string): string[] {
  return listed.length > 1 ? listed.filter((p) => p !== rel) : [...listed];
}
