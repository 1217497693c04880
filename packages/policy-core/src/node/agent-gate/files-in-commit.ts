import { splitZ } from '../git/path-bytes.js';
import { runGitSync } from '../git/run-git.js';
import type { SourceEntry } from './restored-texts.js';

/**
 * The files under `rel` (a file or a folder, repository-relative) in the commit or tree `treeish`
 * names, as `git checkout <treeish> -- rel` would write them; at most `max`. Undefined when git
 * cannot say (no such commit yet, a name it cannot read): the caller puts the command to a person.
 * The tree-ish goes after `--end-of-options`, so no name is read as an option.
 */
export function filesInCommit(
  root: string,
  treeish: string,
  rel: string,
  max: number,
): SourceEntry[] | undefined {
  try {
    // The root is no pathspec ('' is refused by git): the whole tree.
    const under = rel === '' ? [] : ['--', rel];
    const args = ['ls-tree', '-r', '-z', '--end-of-options', treeish, ...under];
    const entries: SourceEntry[] = [];
    for (const line of splitZ(runGitSync(root, args).stdout)) {
      const tab = line.indexOf('\t');
      if (tab === -1) continue;
      const [mode = '', , oid = ''] = line.slice(0, tab).split(' ');
      entries.push({ path: line.slice(tab + 1), mode, oid });
      if (entries.length >= max) break;
    }
    return entries;
  } catch {
    return undefined;
  }
}
