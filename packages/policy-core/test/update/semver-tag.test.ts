import { describe, expect, it } from 'vitest';
import { compareReleases, latestRelease, parseReleaseTag } from '../../src/update/index.js';

describe('release tags', () => {
  it('accepts only vMAJOR.MINOR.PATCH', () => {
    expect(parseReleaseTag('v1.2.3')).toEqual({ tag: 'v1.2.3', major: 1, minor: 2, patch: 3 });
    for (const bad of ['1.2.3', 'v1.2', 'v1.2.3-rc1', 'v01.2.3', 'v1.2.3+b', 'release-1', 'v1.2.3.4'])
      expect(parseReleaseTag(bad)).toBeUndefined();
  });

  it('orders numerically, not as text', () => {
    const a = parseReleaseTag('v1.10.0')!;
    const b = parseReleaseTag('v1.9.9')!;
    expect(compareReleases(a, b)).toBeGreaterThan(0);
    expect(latestRelease(['v1.9.9', 'v1.10.0', 'v2.0.0-rc1', 'junk'])?.tag).toBe('v1.10.0');
    expect(latestRelease(['junk'])).toBeUndefined();
  });
});
