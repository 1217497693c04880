import type { DeploySection } from '@slipway/policy-core';
import { GitError, resolveCommit, runGit, writeRepoFile } from '@slipway/policy-core/node';
import { UserError } from '../command.js';
import type { CommitFiles, RestackPlan } from './restack-plan.js';

export type { CommitFiles };

export interface RestackGit {
  commitsToRestack(onto: string): Promise<{ ontoSha: string; head: string; commits: CommitFiles[] }>;
  fileAt(commit: string, path: string): Promise<string | undefined>;
  recommit(plan: RestackPlan): Promise<string>;
}

const text = async (root: string, args: string[], okCodes?: number[]) =>
  (await runGit(root, args, { okCodes })).stdout.toString('utf8');

/** The git work of `slipway restack`: reading the commits, then moving HEAD and committing again. */
export function restackGit(root: string, deploy: DeploySection): RestackGit {
  const fileAt = async (commit: string, path: string) => {
    const r = await runGit(root, ['cat-file', 'blob', `${commit}:${path}`], { okCodes: [128] });
    return r.code === 0 ? r.stdout.toString('utf8') : undefined;
  };

  return {
    fileAt,

    async commitsToRestack(onto) {
      const ontoSha = await resolveCommit(root, onto);
      const head = await resolveCommit(root, 'HEAD');
      const dirty = (await text(root, ['status', '--porcelain', '--untracked-files=no']))
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3));
      if (dirty.length > 0) {
        throw new UserError(
          `the working tree has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); restack moves HEAD, so commit or stash them first.`,
          1,
        );
      }
      // HEAD already has everything ONTO has: a plain push would succeed, nothing to move.
      const contained = await runGit(root, ['merge-base', '--is-ancestor', ontoSha, head], { okCodes: [1] });
      if (contained.code === 0) return { ontoSha, head, commits: [] };
      const list = await text(root, ['rev-list', '--reverse', '--parents', `${ontoSha}..${head}`]);
      const commits: CommitFiles[] = [];
      for (const line of list.split('\n').filter(Boolean)) {
        const [sha = '', ...parents] = line.split(' ');
        if (parents.length !== 1) {
          throw new UserError(
            `commit ${sha.slice(0, 12)} is a merge${parents.length === 0 ? ' root' : ''} commit; restack moves only the record commits Slipway made on top of ${onto}.`,
            1,
          );
        }
        const parent = parents[0] as string;
        const [message, body, paths] = await Promise.all([
          text(root, ['log', '-1', '--format=%B', sha]),
          text(root, ['log', '-1', '--format=%b', sha]),
          text(root, ['diff-tree', '--no-commit-id', '--name-only', '-r', '--no-renames', '-z', parent, sha]),
        ]);
        const [parentRecord, record, parentLog, log] = await Promise.all([
          fileAt(parent, deploy.record),
          fileAt(sha, deploy.record),
          fileAt(parent, deploy.audit_log),
          fileAt(sha, deploy.audit_log),
        ]);
        commits.push({
          sha,
          message,
          body,
          paths: paths.split('\0').filter(Boolean),
          ...(parentRecord !== undefined ? { parentRecord } : {}),
          ...(record !== undefined ? { record } : {}),
          ...(parentLog !== undefined ? { parentLog } : {}),
          ...(log !== undefined ? { log } : {}),
        });
      }
      return { ontoSha, head, commits };
    },

    async recommit(plan) {
      await runGit(root, ['reset', '-q', '--keep', plan.ontoSha]);
      try {
        for (const c of plan.commits) {
          const paths = [deploy.audit_log];
          writeRepoFile(root, deploy.audit_log, c.logText);
          if (c.recordText !== undefined) {
            writeRepoFile(root, deploy.record, c.recordText);
            paths.push(deploy.record);
          }
          await runGit(root, ['add', '--', ...paths]);
          // -C: the original message (trailer included) and author; the committer is whoever restacks.
          await runGit(root, ['commit', '-q', '-C', c.original.sha]);
        }
      } catch (err) {
        if (!(err instanceof GitError)) throw err;
        // Put HEAD back where it was: the original commits are intact, nothing is lost.
        await runGit(root, ['reset', '-q', '--hard', plan.originalHead]).catch(() => undefined);
        throw new UserError(
          `could not commit the restacked record: ${err.message}; HEAD is back at ${plan.originalHead.slice(0, 12)}, as before.`,
          1,
        );
      }
      return (await text(root, ['rev-parse', 'HEAD'])).trim();
    },
  };
}
