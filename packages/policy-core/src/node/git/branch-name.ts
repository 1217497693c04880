import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverGitDir } from './discover-root.js';
import { runGit } from './run-git.js';
import { symbolicRefBranch } from './symbolic-ref-file.js';

/**
 * HEAD's branch read from the HEAD file, as `git symbolic-ref` would answer, without starting a
 * process (each costs milliseconds of a busy machine). `null` when the file does not say plainly
 * (an unusual repository, a ref outside refs/heads/, a name git would shorten or refuse): ask git.
 */
function headBranchFromFile(cwd: string): string | undefined | null {
  const gitDir = discoverGitDir(cwd, process.env);
  if (gitDir === undefined) return null;
  let text: string;
  try {
    text = readFileSync(join(gitDir, 'HEAD'), 'utf8');
  } catch {
    return null;
  }
  return symbolicRefBranch(text, 'refs/heads/');
}

/**
 * The branch git has checked out for `head`: HEAD's symbolic ref, or the branch a named head
 * stands for. Detached heads and bare hashes have none (undefined).
 */
export async function gitBranchName(cwd: string, headName: string): Promise<string | undefined> {
  if (headName === 'HEAD') {
    const fromFile = headBranchFromFile(cwd);
    if (fromFile !== null) return fromFile;
    const r = await runGit(cwd, ['symbolic-ref', '--short', '-q', 'HEAD'], { okCodes: [1] });
    const name = r.stdout.toString('utf8').trim();
    return r.code === 0 && name ? name : undefined;
  }
  const r = await runGit(cwd, ['rev-parse', '--symbolic-full-name', '--end-of-options', headName], {
    okCodes: [1, 128],
  });
  // git 2.39 echoes `--end-of-options` back in this mode; the answer is the last line.
  const full = r.code === 0 ? (r.stdout.toString('utf8').trim().split('\n').pop() ?? '') : '';
  if (full.startsWith('refs/heads/')) return full.slice('refs/heads/'.length);
  if (full.startsWith('refs/remotes/origin/')) return full.slice('refs/remotes/origin/'.length);
  return undefined;
}
