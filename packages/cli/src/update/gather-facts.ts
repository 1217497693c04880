import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdateConfig, UpdateFacts, VersionFile } from '@slipway/policy-core';
import { type Discovery, onChannel, publishedAt, releaseAt } from './discover.js';
import { type GitRunner, git, isAncestor } from './git.js';
import { StepError } from './step-error.js';
import { verifySignature } from './verify-signature.js';

export interface FactsInput {
  runner: GitRunner;
  config: UpdateConfig;
  profile: string;
  head: string;
  versionFile: VersionFile | undefined;
  discovery: Discovery;
}

/** Everything decideUpdate needs, read from git, gpg and the persistence directory. */
export async function gatherFacts(input: FactsInput): Promise<UpdateFacts> {
  const { runner, config, head, discovery } = input;
  const target = discovery.target;
  const dirtyPaths = await dirty(runner, [config.backup_dir, config.persistence_dir]);
  // version.json names the running release only while HEAD is still the commit it recorded.
  const version =
    input.versionFile?.commit === head ? input.versionFile.version : await releaseAt(runner, head);
  return {
    treeDirty: dirtyPaths.length > 0,
    dirtyPaths,
    current: { version, commit: head },
    currentPublished: version !== null && (await publishedAt(runner, version)) === head,
    target: target && { version: target.version, commit: target.commit },
    onChannel: target ? await onChannel(runner, target.commit) : false,
    fastForward: target ? await isAncestor(runner, head, target.commit) : false,
    // Only what runs now needs no signature check: a new release tag on the running commit
    // (v1.1.1 re-tagging v1.1.0) is a new target, and its signature must be read like any other.
    signature:
      target && (target.commit !== head || (target.version !== null && target.version !== version))
        ? await verifySignature(runner, config, target)
        : { status: 'missing' },
    lastSaveAt: newestSave(join(runner.root, config.persistence_dir, input.profile)),
  };
}

/** Changed or untracked paths, ignoring the updater's own directories (backups, persistence). */
async function dirty(runner: GitRunner, own: string[]): Promise<string[]> {
  const r = await git(runner, ['status', '--porcelain=v1', '--untracked-files=all']);
  if (r.code !== 0) throw new StepError('discover', `git status failed: ${r.stderr.trim()}`);
  // Not trimmed: the first column of a porcelain line may be a space.
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3).replace(/^"|"$/g, ''))
    .filter((p) => !own.some((d) => p === d || p.startsWith(`${d}/`)));
}

/** mtime of the newest file the bot saved (its persistence directory, minus the updater's meta/). */
function newestSave(profileDir: string): Date | null {
  if (!existsSync(profileDir)) return null;
  let newest = -1;
  const walk = (dir: string, top: boolean) => {
    for (const entry of readdirSync(dir)) {
      if (top && entry === 'meta') continue;
      const st = lstatSync(join(dir, entry));
      if (st.isDirectory()) walk(join(dir, entry), false);
      else if (st.isFile()) newest = Math.max(newest, st.mtimeMs);
    }
  };
  walk(profileDir, true);
  return newest < 0 ? null : new Date(newest);
}
