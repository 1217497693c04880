import type { ExampleCommit, RuleExample } from '../../../rule.js';

/**
 * What the BR rules' docs share, written once: codex-bot's mail fix on one branch or another
 * (BR001, BR002), a dependency upgrade on one lane or another (BR003), and the "how to suppress"
 * section of rules whose findings point at the policy.
 */

/** The policy the agent-commit examples judge, shown as the example's own file. */
const AGENT_POLICY =
  'version: 1\n' +
  'production_branch: main\n' +
  'agents:\n' +
  '  branches: ["auto/*"]\n' +
  '  identities: ["codex-bot@example.com"]\n' +
  '  allowed: [docs/, backend/app/services/]\n';

/**
 * codex-bot's commit of a mail fix on `branch`; `landed` is how it reached there (by default
 * codex-bot committed it itself).
 */
export function mailFixExample(
  verdict: RuleExample['verdict'],
  branch: string,
  landed: Omit<ExampleCommit, 'author' | 'files'> = { message: 'Retry mail delivery on timeouts' },
): RuleExample {
  const files = ['backend/app/services/mail.py'];
  return {
    verdict,
    file: 'slipway.yaml',
    text: AGENT_POLICY,
    change: {
      branch,
      labels: [],
      files,
      commits: [{ author: 'codex-bot <codex-bot@example.com>', ...landed, files }],
    },
  };
}

/** An approved upgrade of the requirements and their lock on `branch`, an agent branch. */
export function dependencyUpgradeExample(verdict: RuleExample['verdict'], branch: string): RuleExample {
  const pins = 'fastapi==0.110.0\n' + 'requests==2.32.3\n';
  return {
    verdict,
    file: 'backend/requirements.txt',
    text: pins,
    change: {
      branch,
      labels: ['approved-dependency-upgrade'],
      files: ['backend/requirements.txt', 'backend/requirements.lock'],
    },
    beside: {
      'backend/requirements.lock': pins,
      'slipway.yaml':
        'version: 1\n' +
        'dependencies:\n' +
        '  requirements: backend/requirements.txt\n' +
        '  lock: backend/requirements.lock\n' +
        'agents:\n' +
        '  branches: ["auto/*"]\n' +
        '  allowed: [backend/]\n',
    },
  };
}

/** The "how to suppress" section: a commit has no line, so the finding stands on the policy. */
export function brSuppressDocs(id: string): string {
  return (
    'A commit has no line to point at, so the finding points at the policy: one finding, ' +
    `\`# slipway: allow ${id} -- reason\` on that line of the policy or the line above. Every finding: ` +
    `\`rules: { ${id}: off }\` (or another severity) in the policy.`
  );
}
