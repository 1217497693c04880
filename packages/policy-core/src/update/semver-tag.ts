/**
 * Release tags are exactly `vMAJOR.MINOR.PATCH` (no pre-release, no build metadata, no leading
 * zeros): the updater compares them to refuse rollbacks, so anything it cannot order is refused.
 */
export interface ReleaseVersion {
  tag: string;
  major: number;
  minor: number;
  patch: number;
}

const TAG = /^v(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

export function parseReleaseTag(tag: string): ReleaseVersion | undefined {
  const m = TAG.exec(tag);
  if (!m) return undefined;
  return { tag, major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

export function isReleaseTag(tag: string): boolean {
  return TAG.test(tag);
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareReleases(a: ReleaseVersion, b: ReleaseVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The highest release among `tags`; tags that are not `vX.Y.Z` are ignored. */
export function latestRelease(tags: readonly string[]): ReleaseVersion | undefined {
  let best: ReleaseVersion | undefined;
  for (const tag of tags) {
    const v = parseReleaseTag(tag);
    if (v && (!best || compareReleases(v, best) > 0)) best = v;
  }
  return best;
}
