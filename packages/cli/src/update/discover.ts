import type { UpdateConfig } from '@slipway/policy-core';
import { compareReleases, isReleaseTag, latestRelease, parseReleaseTag } from '@slipway/policy-core';
import { type GitRunner, git, gitOk, isAncestor } from './git.js';
import { lastLine } from './run-process.js';
import { StepError } from './step-error.js';

/**
 * The remote's view is fetched into a private namespace, pruned on every run, so that what the
 * updater sees is exactly what the remote offers now: a tag deleted upstream disappears here too,
 * which is how a freeze or rollback attack shows up (the newest offered tag is older than ours).
 */
export const CHANNEL_REF = 'refs/slipway/update/channel';
export const TAGS_NS = 'refs/slipway/update/tags';

export async function fetchRemote(runner: GitRunner, config: UpdateConfig): Promise<void> {
  const args = [
    'fetch',
    '--prune',
    '--no-tags',
    '--quiet',
    config.remote,
    `+refs/heads/${config.channel}:${CHANNEL_REF}`,
    `+refs/tags/*:${TAGS_NS}/*`,
  ];
  const r = await git(runner, args);
  if (r.code === 0) return;
  // git's first fatal line says what went wrong; the lines after it are advice.
  const fatal = r.stderr.split('\n').find((l) => /^(fatal|error): /.test(l));
  const why = (fatal ?? lastLine(r)).replace(/^(fatal|error): /, '').trim();
  if (/couldn't find remote ref/.test(r.stderr))
    throw new StepError(
      'fetch',
      `the channel branch "${config.channel}" does not exist on ${config.remote} (${why})`,
    );
  throw new StepError('fetch', `cannot fetch from ${config.remote}: ${why}`);
}

export interface Target {
  version: string | null;
  commit: string;
  /** Full ref name to verify: the tag ref (tags track) or the commit (branch track). */
  ref: string;
  /** The tag is an annotated tag object (only those can carry a signature). */
  annotated: boolean;
  /** The name written inside the (signed) tag object; a ref may carry another tag's object. */
  signedName?: string;
}

export interface Discovery {
  target?: Target;
  /** Tags on the channel that look like releases but are not vX.Y.Z (reported, never installed). */
  ignoredTags: string[];
  /** Releases newer than the target that the channel does not contain (reported, never installed). */
  offChannelTags?: string[];
}

interface TagRow {
  name: string;
  type: string;
  commit: string;
  /** `tag` header of an annotated tag object. */
  tagName: string;
}

async function listTags(runner: GitRunner, extra: string[]): Promise<TagRow[]> {
  const out = await gitOk(runner, 'discover', [
    'for-each-ref',
    ...extra,
    '--format=%(refname:lstrip=4)%09%(objecttype)%09%(objectname)%09%(*objectname)%09%(tag)',
    TAGS_NS,
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', type = '', object = '', peeled = '', tagName = ''] = line.split('\t');
      return { name, type, commit: type === 'tag' ? peeled : object, tagName };
    });
}

/** Newest vX.Y.Z tag reachable from the channel (tags track), or the channel head (branch track). */
export async function discoverTarget(runner: GitRunner, config: UpdateConfig): Promise<Discovery> {
  if (config.track === 'branch') {
    const commit = await gitOk(runner, 'discover', ['rev-parse', '--verify', `${CHANNEL_REF}^{commit}`]);
    return { target: { version: null, commit, ref: commit, annotated: false }, ignoredTags: [] };
  }
  const rows = await listTags(runner, [`--merged=${CHANNEL_REF}`]);
  const ignoredTags = rows.filter((r) => /^v\d/.test(r.name) && !isReleaseTag(r.name)).map((r) => r.name);
  const best = latestRelease(rows.map((r) => r.name));
  const row = best && rows.find((r) => r.name === best.tag);
  // A newer release the channel does not contain is not installed (a stable channel lags main
  // on purpose), but it is said, so that a tag pushed to the wrong branch does not go unnoticed.
  const offChannelTags = (await listTags(runner, []))
    .map((r) => parseReleaseTag(r.name))
    .filter((v) => v && !rows.some((r) => r.name === v.tag) && (!best || compareReleases(v, best) > 0))
    .map((v) => v?.tag as string);
  if (!row) return { ignoredTags, offChannelTags };
  return {
    target: {
      version: row.name,
      commit: row.commit,
      ref: `${TAGS_NS}/${row.name}`,
      annotated: row.type === 'tag',
      signedName: row.type === 'tag' ? row.tagName : undefined,
    },
    ignoredTags,
    offChannelTags,
  };
}

/** The newest release tag the remote puts on `commit` (to know what runs without a version.json). */
export async function releaseAt(runner: GitRunner, commit: string): Promise<string | null> {
  const rows = await listTags(runner, [`--points-at=${commit}`]);
  return latestRelease(rows.map((r) => r.name))?.tag ?? null;
}

export async function onChannel(runner: GitRunner, commit: string): Promise<boolean> {
  return isAncestor(runner, commit, CHANNEL_REF);
}

/** The commit the remote's tag `version` names now (fetched and pruned), or null when it has none. */
export async function publishedAt(runner: GitRunner, version: string): Promise<string | null> {
  const r = await git(runner, ['rev-parse', '--verify', '--quiet', `${TAGS_NS}/${version}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : null;
}
