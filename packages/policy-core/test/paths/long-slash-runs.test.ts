import { parsePolicyText, withoutTrailingSlashes } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { PathMatcher } from '../../src/paths/index.js';
import { MemoryRepo } from '../../src/repo.js';
import { pathRoles } from '../../src/rules/paths/facts/path-roles.js';

// The slashes at a path's end were trimmed with `/\/+$/`, which tries every start in a run of
// slashes and reads the run to its end each time: a run of n slashes before another character
// costs n²/2 steps (60,000 of them: 4.6 s). A policy is input like any other: one pattern of
// 600,000 slashes (a pattern the policy refuses, but a matcher built from patterns elsewhere
// reads it) held it for minutes. Each entry point below finishes at once.
const RUN = `${'/'.repeat(600_000)}x/`;

describe('a long run of slashes in a path or a pattern', () => {
  it('is trimmed in one scan', () => {
    expect(withoutTrailingSlashes(RUN)).toBe(`${'/'.repeat(600_000)}x`);
    expect(withoutTrailingSlashes('db/migrations///')).toBe('db/migrations');
    expect(withoutTrailingSlashes('///')).toBe('');
    expect(withoutTrailingSlashes('a/b')).toBe('a/b');
  });

  it('in a protected path of the policy: read, matching what it names', () => {
    const matcher = new PathMatcher([RUN]);
    expect(matcher.matches('x/y.py')).toBe(true);
    expect(matcher.matches('y/x.py')).toBe(false);
  });

  it('in a pattern of the policy file: refused at once, naming the empty folder names', () => {
    const parsed = parsePolicyText(
      `version: 1\nproduction_branch: main\nmigrations:\n  sql: ["${RUN}*.sql"]\n`,
    );
    expect(parsed.findings.map((f) => f.message)).toEqual([
      'invalid policy: `migrations.sql[0]`: the pattern has an empty directory name (`//`); use a single `/`.',
    ]);
  });
});

describe('a long run of slashes at the end of the updater state folder', () => {
  it("is trimmed in one scan when the path roles ask whether a file is the updater's state", () => {
    const state = `meta${'/'.repeat(600_000)}`;
    const parsed = parsePolicyText(`version: 1\nupdate:\n  state: "${state}"\n`);
    expect(parsed.document).toBeDefined();
    const doc = parsed.document as NonNullable<typeof parsed.document>;
    expect(pathRoles(doc, new MemoryRepo({}), 'meta/version.json')).toEqual([
      'meta/version.json: a state file of the self-updater (UPD003)',
    ]);
  });
});
