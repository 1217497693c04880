import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { RepoConfinement } from '@slipway/policy-core/node';

/**
 * The updater writes its backups into `backup_dir`, deletes old ones there, and restores the bot's
 * state into `persistence_dir`: both are folders of the repository (the config refuses `..` and
 * absolute paths). A committed symbolic link in either path would turn those writes and deletes
 * onto a folder outside the repository (a link `backups -> /home/user`, then pruning). Each
 * component that exists is checked as it stands: a link must lead to a folder inside; a
 * component not there yet is made by the updater as a real folder.
 * Returns why a folder is refused, in one line with what to do, or undefined when it is inside.
 */
export function refusedDir(root: string, dirs: readonly string[]): string | undefined {
  const box = new RepoConfinement(root);
  for (const dir of dirs) {
    let cur = root;
    for (const part of dir.split('/').filter((p) => p !== '' && p !== '.')) {
      cur = join(cur, part);
      const st = lstatSync(cur, { throwIfNoEntry: false });
      if (st === undefined) break;
      if (!st.isSymbolicLink() && !st.isDirectory())
        return `${dir}: ${part} is not a folder; make it one (the updater keeps its files there)`;
      if (!st.isSymbolicLink()) continue;
      const real = box.realDir(cur);
      if (real === false)
        return `${dir} leads outside the repository through the symbolic link ${cur.slice(root.length + 1)}: the updater does not write or delete through it; make it a real folder of the repository`;
      if (real === undefined)
        return `${dir}: the symbolic link ${cur.slice(root.length + 1)} leads to no folder; make it a real folder of the repository`;
    }
  }
  return undefined;
}
