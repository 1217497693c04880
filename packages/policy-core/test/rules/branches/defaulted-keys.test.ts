import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { BOT, change, commit, GITHUB, modified, POLICY, run } from './branch-fixture.js';

/**
 * Findings about a key the policy leaves at its default cannot point at that key: the locator
 * answers with the nearest key that is written, or the file's first line (document.ts), and
 * never with the whole document.
 */
describe('findings about defaulted policy keys', () => {
  it('a missing top-level key locates at the start of the first line, in YAML as in TOML', () => {
    const yaml = parsePolicyText('version: 1\nagents:\n  branches: ["auto/*"]\n').document;
    expect(yaml?.locate(['production_branch'])).toEqual({
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
    const toml = parsePolicyText('version = 1\n[agents]\nbranches = ["auto/*"]\n', 'slipway.toml').document;
    expect(toml?.locate(['production_branch'])).toEqual(yaml?.locate(['production_branch']));
  });

  it('a written key still locates at itself (near miss)', () => {
    const doc = parsePolicyText('version: 1\nproduction_branch: trunk\n').document;
    expect(doc?.locate(['production_branch'], 'key')).toEqual({
      start: { line: 1, character: 0 },
      end: { line: 1, character: 17 },
    });
  });

  it('BR001 says the production branch is the default, at the first line', () => {
    const policy = POLICY.replace('production_branch: main\n', '');
    const [f] = run(
      change({ branch: 'main', commits: [commit({ committer: BOT })], files: modified('a') }),
      policy,
    );
    expect(f?.rule).toBe('BR001');
    expect(f?.related?.[1]).toEqual({
      file: 'slipway.yaml',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: 'production branch `main` (the default of `production_branch`)',
    });
  });
});

describe('BR001 and the hosting service', () => {
  const broad = POLICY.replace('"*[bot]@users.noreply.github.com"', '"*@*"');
  it('a squash merge committed by GitHub is fine even when an identity pattern would cover it', () => {
    const squash = commit({ author: BOT, committer: GITHUB, subject: 'Agent change (#12)' });
    expect(run(change({ branch: 'main', commits: [squash] }), broad)).toEqual([]);
  });

  it('an agent that pushes directly is still caught by the same pattern (near miss)', () => {
    const direct = commit({ author: BOT, committer: BOT });
    expect(run(change({ branch: 'main', commits: [direct] }), broad).map((f) => f.rule)).toEqual(['BR001']);
  });
});
