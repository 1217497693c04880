import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { pathFamily } from '../../../src/rules/families.js';

// PATH004 on a person's change whose labels are unknown (in the editor, on a push): a warning
// that names the label the change will need, at the file, beside the pattern that made it surface.
const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [backend/app/core/]
policy_surface:
  extra:
    - deploy/release.sh
`;

function run(files: ChangedFile[]) {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const repo = new MemoryRepo(Object.fromEntries(files.map((f) => [f.path, `# ${f.path}\n`])));
  const change = { base: 'b', head: 'h', files, branch: 'feature/x', commits: [] };
  return pathFamily.check({ policy: parsed.document, repo, change, now: new Date(0), env: {} }).findings;
}

describe('PATH004 where the labels are unknown', () => {
  it('an extra surface file: a warning naming the label it needs, beside its pattern', () => {
    expect(run([{ status: 'modified', path: 'deploy/release.sh' }])).toEqual([
      {
        rule: 'PATH004',
        severity: 'warning',
        message:
          '`deploy/release.sh` is policy surface by `deploy/release.sh` (policy_surface.extra), part of the policy surface that decides how every change is judged, and this change needs the `approved-core-change` label: have a human review it and add the label, or revert the change to this file.',
        file: 'deploy/release.sh',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 19 } },
        related: [
          {
            file: 'slipway.yaml',
            range: { start: { line: 6, character: 6 }, end: { line: 6, character: 23 } },
            message: 'policy surface pattern `deploy/release.sh`',
          },
        ],
      },
    ]);
  });
});
