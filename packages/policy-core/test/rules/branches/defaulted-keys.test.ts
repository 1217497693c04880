import { MemoryRepo, parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { isWritten } from '../../../src/rules/branches/facts/branch-policy.js';
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

describe('a written key, however it is written', () => {
  const written = (policy: string, file = 'slipway.yaml') => {
    const [f] = run(change({ branch: 'auto/x', files: modified('backend/requirements.txt') }), policy, file);
    return f?.message.match(/belong on a branch named like `[^`]+` \(([^)]+)\)/)?.[1];
  };

  it('agents.dependency_branch in a TOML table, at the table line’s column', () => {
    const toml = [
      'version = 1',
      '',
      '[agents]',
      'dependency_branch = "auto/deps-YYYYMMDD"',
      'branches = ["auto/*"]',
      '',
      '[dependencies]',
      'requirements = "backend/requirements.txt"',
      'lock = "backend/requirements.lock"',
      '',
    ].join('\n');
    expect(written(toml, 'slipway.toml')).toBe('slipway.toml line 4');
    expect(written(toml.replace('dependency_branch = "auto/deps-YYYYMMDD"\n', ''), 'slipway.toml')).toMatch(
      /^the default of/,
    );
  });

  it('agents.dependency_branch in a flow mapping, on the `agents:` line', () => {
    const flow = POLICY.replace(
      /agents:\n(?: {2}.*\n)+/,
      'agents: {branches: ["auto/*"], dependency_branch: auto/deps-YYYYMMDD}\n',
    );
    expect(written(flow)).toBe('slipway.yaml line 3');
  });

  it('production_branch on the first line of the file', () => {
    const first = `production_branch: main\n${POLICY.replace('production_branch: main\n', '')}`;
    const [f] = run(change({ branch: 'main', commits: [commit({ committer: BOT })] }), first);
    expect(f?.related?.[1]?.message).toBe('production branch `main`');
  });

  it('a key three levels down: written under its parent, defaulted when only the parent is written', () => {
    const text = 'version: 1\ndeploy:\n  environments:\n    production: {guard: true}\n    staging: {}\n';
    const policy = parsePolicyText(text, 'slipway.yaml').document!;
    const ctx = { policy, repo: new MemoryRepo({}), now: new Date(), env: {} };
    expect(isWritten(ctx, ['deploy', 'environments', 'production', 'guard'])).toBe(true);
    expect(isWritten(ctx, ['deploy', 'environments', 'staging', 'guard'])).toBe(false);
  });
});
