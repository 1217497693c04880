import { MemoryRepo, parsePolicyText, resolveExtends, runCheck } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * POL006 and what a repository names for itself: its production branch and where its deploy
 * record and audit log live differ from the base's without loosening it, while a raised cap beside
 * them is still named.
 */
const BASE =
  'version: 1\n' +
  'production_branch: release\n' +
  'deploy:\n' +
  '  record: ops/deploy-record.json\n' +
  '  audit_log: ops/audit.jsonl\n' +
  'agents:\n' +
  '  limits: { files: 20 }\n';

const check = (policy: string) => {
  const read = parsePolicyText(policy, 'slipway.yaml');
  if (!read.document) throw new Error(read.findings.map((f) => f.message).join('; '));
  const merged = resolveExtends(read.document, (spec) =>
    spec.kind === 'local' && spec.path === 'base.yaml' ? { text: BASE } : { problem: 'no such base' },
  );
  if (!('document' in merged)) throw new Error(merged.findings.map((f) => f.message).join('; '));
  const repo = new MemoryRepo({ 'slipway.yaml': policy, 'base.yaml': BASE, 'app.py': 'x = 1\n' });
  return runCheck({ policy: merged.document, repo, now: new Date('2026-01-01T00:00:00Z'), env: {} })
    .findings.filter((f) => f.rule === 'POL006')
    .map((f) => `${f.range.start.line + 1} ${f.message}`);
};

describe('POL006: the repository’s own keys', () => {
  it('takes its own deploy record and audit log paths, different from the base’s, as its own', () => {
    expect(
      check(
        'version: 1\nextends: base.yaml\ndeploy:\n  record: deploy/record.json\n  audit_log: deploy/audit.jsonl\n',
      ),
    ).toEqual([]);
  });

  it('takes its own production branch as its own', () => {
    expect(check('version: 1\nextends: base.yaml\nproduction_branch: main\n')).toEqual([]);
  });

  it('still names a loosening written beside them', () => {
    const found = check(
      'version: 1\nextends: base.yaml\nproduction_branch: main\ndeploy:\n  record: deploy/record.json\nagents:\n  limits: { files: 50 }\n',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^7 this policy would .*files.*loosening its base/);
  });
});
