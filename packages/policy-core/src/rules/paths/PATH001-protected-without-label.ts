import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { PathPolicy } from '../../policy/path-policy.js';
import { protectedFindings } from './facts/protected-findings.js';
import type { PathRun } from './facts/path-policy.js';
import { loginChangeExamples, pathSuppressDocs } from './facts/examples.js';

export const protectedWithoutLabel: Rule<PathRun> = {
  id: 'PATH001',
  name: 'protected-without-label',
  family: 'PATH',
  // Stryker disable next-line StringLiteral: read by no one: the PATH family's one run judges every rule (one-run-family.ts filters on `facts` only for a family that names its own)
  facts: 'path-change',
  defaultSeverity: 'error',
  // The change must not approve itself with a comment in the files it changes.
  suppressible: false,
  title: 'protected path changed without the approval label',
  docs: {
    what:
      'A changed file matches `protected.paths` (gitignore patterns; a rename touches its old and its ' +
      'new path) and the change does not carry `protected.label`. Where labels are unknown (in the ' +
      'editor, on a push) this is a warning that names the label the change will need.',
    why:
      'Protected code (auth, encryption, payments, migrations) is changed only after a human review ' +
      'that is recorded as the label.',
    fix:
      'Add the label after that review, or revert the change to the file. On an agent branch PATH003 ' +
      'reports this instead.',
    suppress: pathSuppressDocs('PATH001'),
    examples: loginChangeExamples('feature/login'),
  },
  check: ({ ctx, change, pp, agent }) => (agent ? [] : checkProtectedWithoutLabel(ctx, change, pp)),
};

export function checkProtectedWithoutLabel(ctx: CheckContext, change: ChangeSet, pp: PathPolicy): Finding[] {
  return protectedFindings(
    ctx,
    change,
    pp,
    protectedWithoutLabel,
    (what, pattern, where, needs) =>
      `${what} is protected by pattern \`${pattern}\` (${where}) and ${needs}: ` +
      `add it after a human review, or revert the change to this file.`,
  );
}
