import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** A directory tree as path -> what a write would change: kind, content hash, mode, mtime (`.git` left out). */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue;
      const path = join(dir, name);
      const key = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path);
      if (st.isDirectory()) {
        // A directory's own mtime moves with its entries; its entries are compared one by one.
        out.set(key, `dir ${st.mode.toString(8)}`);
        visit(path, key);
      } else if (st.isSymbolicLink()) out.set(key, `link ${readlinkSync(path)}`);
      else {
        const hash = createHash('sha1').update(readFileSync(path)).digest('hex');
        out.set(key, `file ${hash} ${st.mode.toString(8)} ${st.mtimeMs}`);
      }
    }
  };
  visit(root, '');
  return out;
}

/** Paths added, removed or changed between two snapshots. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = new Set<string>();
  for (const [path, value] of before) if (after.get(path) !== value) changed.add(path);
  for (const path of after.keys()) if (!before.has(path)) changed.add(path);
  return [...changed].sort();
}
