import { type ReadBase, resolveExtends } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { policyDoc } from '../policy-doc.js';

/**
 * `extends:` at its edges: a scalar both files write, POL006 kept from the base, where a list entry
 * the repository appended is located, a local base joining the policy surface, a merge the schema
 * refuses, an invalid base named at its line, a pinned base and a withheld one carried up a chain.
 */
const doc = policyDoc;
const reader =
  (files: Record<string, string>, extra: Partial<Record<string, { withheld: string }>> = {}): ReadBase =>
  (spec) => {
    const path = spec.kind === 'local' ? spec.path : '';
    const withheld = extra[path];
    if (withheld) return withheld;
    const text = files[path];
    return text === undefined ? { problem: 'no such file' } : { text };
  };
const resolved = (text: string, read: ReadBase) => resolveExtends(doc(text), read);
const effective = (text: string, read: ReadBase) => {
  const r = resolved(text, read);
  if (!('document' in r)) throw new Error(r.findings.map((f) => f.message).join('; '));
  return r;
};
const REPO = 'version: 1\nextends: base.yaml\n';

describe('extends: edges of the merge', () => {
  it('a scalar both write: the repository wins', () => {
    const r = effective(
      `${REPO}production_branch: main\n`,
      reader({ 'base.yaml': 'version: 1\nproduction_branch: release\n' }),
    );
    expect(r.document.policy.production_branch).toBe('main');
  });

  it("POL006 stays as the base set it, whatever the repository says; without one there, the repository's is dropped", () => {
    const base = 'version: 1\nrules:\n  POL006: error\n';
    const kept = effective(
      `${REPO}rules:\n  POL006: off\n  MIG001: warning\n`,
      reader({ 'base.yaml': base }),
    );
    expect(kept.document.policy.rules).toMatchObject({ POL006: 'error', MIG001: 'warning' });
    const dropped = effective(`${REPO}rules:\n  POL006: off\n`, reader({ 'base.yaml': 'version: 1\n' }));
    expect(dropped.document.policy.rules?.POL006).toBeUndefined();
  });

  it("an entry the repository appended after the base's is located at its own line", () => {
    const r = effective(
      `${REPO}protected:\n  paths:\n    - c/\n    - d/\n`,
      reader({ 'base.yaml': 'version: 1\nprotected:\n  paths: [a/, b/]\n' }),
    );
    expect(r.document.policy.protected?.paths).toEqual(['a/', 'b/', 'c/', 'd/']);
    expect(r.document.locate(['protected', 'paths', 3]).start.line).toBe(5);
    expect(r.document.locate(['protected', 'paths', 2]).start.line).toBe(4);
    // A base entry has no line here: the extends: value stands for it.
    expect(r.document.locate(['protected', 'paths', 1])).toEqual(r.document.locate(['extends']));
  });

  it('a local base joins the policy surface, after the entries the two files list', () => {
    const r = effective(
      `${REPO}policy_surface:\n  extra: [ops/]\n`,
      reader({ 'base.yaml': 'version: 1\npolicy_surface:\n  extra: [infra/]\n' }),
    );
    expect(r.document.policy.policy_surface?.extra).toEqual(['infra/', 'ops/', '/base.yaml']);
  });

  it('a merge the schema refuses: the path and the reason, at the extends: line', () => {
    const base =
      'version: 1\ndeploy:\n  production: prod\n  environments:\n    prod: {}\n    staging: { guard: false }\n';
    const r = resolved(
      `${REPO}deploy:\n  production: staging\n  environments:\n    staging: {}\n`,
      reader({ 'base.yaml': base }),
    );
    expect('findings' in r && r.findings.map((f) => [f.message, f.range.start.line])).toEqual([
      [
        'invalid policy: `extends:` the policy and its base base.yaml do not combine: `deploy.environments.staging.guard`: "staging" is the production environment, which the deploy guard always protects; remove `guard: false`.',
        1,
      ],
    ]);
  });

  it('an invalid base: its first problem with its line and column, without the "invalid policy:" prefix', () => {
    const r = resolved(REPO, reader({ 'base.yaml': 'version: 1\nmigrations:\n  dialect: oracle\n' }));
    expect('findings' in r && r.findings[0]?.message).toBe(
      'invalid policy: `extends:` the base base.yaml is invalid (line 3:12: `migrations.dialect`: expected one of "postgresql"|"sqlite"|"mysql"); fix the base, or pin a commit where it is valid.',
    );
  });

  it('a pinned base is recorded; a base withheld further down the chain is carried up', () => {
    const pinned = {
      url: 'https://example.com/p.git',
      commit: 'a'.repeat(40),
      path: 'base.yaml',
      cacheFile: '/c',
    };
    const withPin: ReadBase = (spec) =>
      spec.kind === 'local' ? { text: 'version: 1\n', pinned } : { problem: 'x' };
    expect(effective(REPO, withPin).document.extended?.pinned).toEqual(pinned);
    const chain = effective(
      REPO,
      reader(
        { 'base.yaml': 'version: 1\nextends: lower.yaml\nmax_waiver_days: 30\n' },
        { 'lower.yaml': { withheld: 'not trusted' } },
      ),
    );
    expect(chain.withheld).toEqual({ base: 'lower.yaml', reason: 'not trusted' });
    expect(chain.document.policy.max_waiver_days).toBe(30);
    // Withheld at the first base: the policy is judged alone, and says so.
    const first = effective(REPO, reader({}, { 'base.yaml': { withheld: 'offline' } }));
    expect(first.withheld).toEqual({ base: 'base.yaml', reason: 'offline' });
  });
});
