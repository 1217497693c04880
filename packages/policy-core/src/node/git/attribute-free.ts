import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateRepository } from './locate-repository.js';
import { runGitSync } from './run-git.js';

/**
 * How to run git on a repository so that it reads no `.gitattributes` of the repository's: for
 * measuring a change. A diff between two commits takes its attributes from the work tree, so a
 * `.gitattributes` the change itself adds (`* binary`, `*.sql -diff`) would make git count its
 * own lines as none and walk the change past a cap on lines. Run from an empty folder that is
 * also its work tree, with the repository's git directory named, git finds no attributes and
 * tells text from binary by content alone, as it does for a file with none. (`--work-tree` alone
 * is not enough: started inside the checkout, git still reads the attributes there.)
 *
 * The folder is made once per process, empty, and never written to (git writes nothing to the
 * work tree for a diff of two commits).
 */
let emptyFolder: string | undefined;

export function attributeFreeGit(cwd: string): { cwd: string; args: string[] } {
  emptyFolder ??= mkdtempSync(join(tmpdir(), 'slipway-no-attributes-'));
  // The git directory every git Slipway starts there is told to use (found without a process).
  const gitDir =
    locateRepository(cwd)?.gitDir ??
    runGitSync(cwd, ['rev-parse', '--absolute-git-dir']).stdout.toString('utf8').trim();
  return { cwd: emptyFolder, args: ['--git-dir', gitDir, '--work-tree', emptyFolder] };
}
