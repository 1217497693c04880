import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';
import { botPathPolicy, pathPolicy } from '../../src/policy/path-policy.js';

const docOf = (text: string) => {
  const doc = parsePolicyText(text).document;
  if (!doc) throw new Error(`invalid test policy: ${text}`);
  return doc;
};

/**
 * The path sections compiled: each pattern keeps where it is written in the policy (a finding
 * points at the line that decided), the bots' list stands in for the agents' on a bot's change,
 * and a policy is compiled once.
 */
describe('pathPolicy', () => {
  // A fresh document for each test: pathPolicy compiles once per document, and a mutation run
  // credits the compiling to the first test that asked.
  const policy = () =>
    docOf(`version: 1
agents:
  allowed: [docs/**, tests/**]
  bots:
    allowed: [requirements*.txt]
policy_surface:
  extra: [ops/deploy.sh]
  opt_out: [Jenkinsfile]
`);

  it('each pattern says where the policy writes it', () => {
    const pp = pathPolicy(policy());
    expect(pp.allowedMatcher?.explain('tests/a.py').source).toEqual({
      pattern: 'tests/**',
      file: 'slipway.yaml',
      policyPath: ['agents', 'allowed', 1],
    });
    expect(pp.allowedKey).toEqual(['agents', 'allowed']);
    expect(pp.surfaceMatcher.explain('ops/deploy.sh').source).toEqual({
      pattern: 'ops/deploy.sh',
      file: 'slipway.yaml',
      policyPath: ['policy_surface', 'extra', 0],
    });
    expect(pp.surfaceMatcher.explain('Jenkinsfile')).toMatchObject({
      matched: false,
      source: { pattern: '!Jenkinsfile', policyPath: ['policy_surface', 'opt_out', 0] },
    });
  });

  it("a bot's change is held to the bots' list, under its own key; without one there is none", () => {
    const bot = botPathPolicy(pathPolicy(policy()));
    expect(bot?.allowedKey).toEqual(['agents', 'bots', 'allowed']);
    expect(bot?.allowedMatcher?.explain('requirements-dev.txt').source).toEqual({
      pattern: 'requirements*.txt',
      file: 'slipway.yaml',
      policyPath: ['agents', 'bots', 'allowed', 0],
    });
    expect(bot?.allowedMatcher?.matches('docs/a.md')).toBe(false);
    expect(botPathPolicy(pathPolicy(docOf('version: 1\nagents:\n  allowed: [docs/**]\n')))).toBeUndefined();
  });

  it('is compiled once per policy; an empty allow-list allows nothing, none allows all', () => {
    const doc = policy();
    expect(pathPolicy(doc)).toBe(pathPolicy(doc));
    expect(
      pathPolicy(docOf('version: 1\nagents:\n  allowed: []\n')).allowedMatcher?.matches('docs/a.md'),
    ).toBe(false);
    expect(pathPolicy(docOf('version: 1\n')).allowedMatcher).toBeUndefined();
    expect(pathPolicy(docOf('version: 1\n')).label).toBe('approved-core-change');
    expect(pathPolicy(docOf('version: 1\nprotected:\n  label: core-ok\n  paths: [core/]\n')).label).toBe(
      'core-ok',
    );
  });
});
