import { POLICY_FILES } from '@slipway/policy-core';
import {
  type CommitTreeRepo,
  openCommitRepo,
  readBlobsAtAsync,
  readGithubEvent,
  runGit,
} from '@slipway/policy-core/node';
import type { ChangeFlags } from '../change-flags.js';

/**
 * Where `check` and `guard` read file contents. The change's head is what is checked: when it
 * is the checked-out commit, its files are the working tree's, uncommitted edits included (the
 * local loop: edit, check, edit); when `--head` names another commit, that commit's files, or
 * a check of the commit a branch points at would judge whatever happens to be checked out.
 */
export type TreeSource =
  | { kind: 'working-tree' }
  | {
      kind: 'commit';
      /** The name the head was given by (`--head` or the push event's `after`). */
      name: string;
      sha: string;
    };

export const WORKING_TREE: TreeSource = { kind: 'working-tree' };

/**
 * The head's name as the change set resolves it (`headNameFor` in policy-core's
 * resolve-range.ts): `--head`, a push event's `after` when neither --base nor --head is given,
 * else HEAD. Kept in step with it by test/e2e/check-head-tree.test.ts.
 */
function headName(flags: ChangeFlags, env: Readonly<Record<string, string | undefined>>): string {
  if (flags.head !== undefined) return flags.head;
  const eventPath = env.GITHUB_EVENT_PATH;
  if (flags.base !== undefined || !eventPath) return 'HEAD';
  const event = readGithubEvent(eventPath);
  return event.kind === 'push' && event.after ? event.after : 'HEAD';
}

/**
 * Which tree the change's head is. HEAD by name (a plain `slipway check`, a pull request's
 * checkout) needs no git at all; any other name costs one cat-file, run while the file listing
 * and the change set (started early) are under way. A name that resolves to nothing is left to
 * the change set, whose error says which ref and what to do.
 */
export async function headTree(
  root: string,
  flags: ChangeFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<TreeSource> {
  const name = headName(flags, env);
  if (name === 'HEAD' || name === '' || /[\n\r\0]/.test(name)) return WORKING_TREE;
  const out = await runGit(root, ['cat-file', '--batch-check'], {
    input: `HEAD^{commit}\n${name}^{commit}\n`,
  });
  const [head, target] = out.stdout
    .toString('utf8')
    .split('\n')
    .map((line) => {
      const [sha, type] = line.split(' ');
      return type === 'commit' ? sha : undefined;
    });
  if (target === undefined || target === head) return WORKING_TREE;
  return { kind: 'commit', name, sha: target };
}

/**
 * Opens a commit's tree: its listing (with the repository's git facts) and its policy file's
 * text, read while the listing runs. The policy is the commit's own, as in a checkout of it.
 */
export async function openCommitTree(
  root: string,
  sha: string,
): Promise<{ repo: CommitTreeRepo; policy?: { file: string; text: string } }> {
  const policyTexts = readBlobsAtAsync(root, sha, POLICY_FILES, { followSymlinks: true });
  const repo = await openCommitRepo(root, sha, policyTexts);
  const texts = await policyTexts;
  const file = POLICY_FILES.find((f) => texts.get(f) !== undefined);
  return { repo, ...(file ? { policy: { file, text: texts.get(file) as string } } : {}) };
}
