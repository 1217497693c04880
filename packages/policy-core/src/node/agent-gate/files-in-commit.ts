import { runGitSync } from '../git/run-git.js';

/**
 * The files under `rel` (a file or a folder, repository-relative) in the commit or tree `treeish`
 * names, as `git checkout <treeish> -- rel` would write them; at most `max`. Undefined when git
 * cannot say (no such commit yet, a name it cannot read): the caller puts the command to a person.
 * The tree-ish goes after `--end-of-options`, so no name is read as an option.
 */
export function filesInCommit(root: string, treeish: string, rel: string, max: number): string[] | undefined {
  try {
    // The root is no pathspec ('' is refused by git): the whole tree.
    const under = rel === '' ? [] : ['--', rel];
    const args = ['ls-tree', '-r', '--name-only', '-z', '--end-of-options', treeish, ...under];
    const out = runGitSync(root, args);
    const names = out.stdout.toString('utf8').split('\0');
    return names.filter((n) => n !== '').slice(0, max);
  } catch {
    return undefined;
  }
}
