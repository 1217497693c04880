import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { pathFamily } from '../../../src/rules/families.js';

// PATH002 for a bot that the policy gives an allow-list of its own (agents.bots.allowed): the
// finding names the bots' list, not the agents'.
const POLICY = `version: 1
agents:
  branches: ["auto/*"]
  allowed:
    - /docs/
  bots:
    allowed:
      - /requirements.txt
      - "!/requirements-dev.txt"
`;

function run(files: ChangedFile[], branch: string) {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const repo = new MemoryRepo(Object.fromEntries(files.map((f) => [f.path, `# ${f.path}\n`])));
  const change = { base: 'b', head: 'h', files, branch, labels: [], commits: [] };
  return pathFamily.check({ policy: parsed.document, repo, change, now: new Date(0), env: {} }).findings;
}

const BRANCH = 'dependabot/pip/requests-2.32.0';
const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

describe('PATH002 for a bot with its own allow-list', () => {
  it('a file outside agents.bots.allowed: what bots may edit, at the list', () => {
    expect(run([{ status: 'modified', path: 'setup.py' }], BRANCH)).toEqual([
      {
        rule: 'PATH002',
        severity: 'error',
        message: `\`setup.py\` is outside what bots may edit on agent branch \`${BRANCH}\` (the dependabot preset) (agents.bots.allowed, slipway.yaml line 7: matched by no pattern); make this change on a human branch, or revert it here.`,
        file: 'setup.py',
        range: at(0, 0, 10),
        related: [{ file: 'slipway.yaml', range: at(6, 4, 11), message: 'what bots may edit' }],
      },
    ]);
  });

  it('a file a negated pattern of the bots excludes: the pattern, at its line', () => {
    expect(run([{ status: 'modified', path: 'requirements-dev.txt' }], BRANCH)).toEqual([
      {
        rule: 'PATH002',
        severity: 'error',
        message: `\`requirements-dev.txt\` is outside what bots may edit on agent branch \`${BRANCH}\` (the dependabot preset) (agents.bots.allowed, slipway.yaml line 9: excluded by \`!/requirements-dev.txt\`); make this change on a human branch, or revert it here.`,
        file: 'requirements-dev.txt',
        range: at(0, 0, 22),
        related: [
          { file: 'slipway.yaml', range: at(8, 8, 32), message: 'excluded by `!/requirements-dev.txt`' },
        ],
      },
    ]);
  });
});
