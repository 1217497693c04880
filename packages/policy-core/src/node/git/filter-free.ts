import { runGit } from './run-git.js';

/**
 * Settings that make a checkout run no filter driver: for the guard's temporary worktree of the
 * commit it judges. A checkout runs the smudge (or long-running `process`) filter of every file
 * whose attributes name a driver the user's config defines, and the commit's own `.gitattributes`
 * names them: `* filter=lfs` with git-lfs installed runs git-lfs on every file, which reads the
 * commit's `.lfsconfig` (`lfs.url`, an attacker's host) and would fetch from it, offering the
 * user's credentials. The guard reads the commit's text (its policy, migrations) as committed, so
 * no filter has a part in it: each driver the config defines (`filter.<driver>.*`, asked of git
 * with the same invocation as the checkout, so the same files) gets an empty smudge, clean and
 * process, which git takes for "no filter", and `required=false`, so that the file is written as
 * stored rather than the checkout failing. (An empty answer: no driver, no setting.)
 */
export async function filterFreeArgs(root: string): Promise<string[]> {
  // Exit 1: no such key, i.e. no driver at all.
  const listed = await runGit(root, ['config', '--name-only', '--get-regexp', '^filter\\.'], {
    okCodes: [1],
  });
  const drivers = new Set<string>();
  for (const key of listed.stdout.toString('utf8').split('\n')) {
    // The driver's name is the subsection: anything between `filter.` and the last dot.
    const m = /^filter\.(.+)\.[^.]+$/.exec(key.trim());
    if (m?.[1]) drivers.add(m[1]);
  }
  return [...drivers].flatMap((d) => [
    '-c',
    `filter.${d}.smudge=`,
    '-c',
    `filter.${d}.clean=`,
    '-c',
    `filter.${d}.process=`,
    '-c',
    `filter.${d}.required=false`,
  ]);
}
