import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule, RuleMeta } from '../../rule.js';
import {
  alteredPaths,
  decidingPath,
  describeChange,
  findingLocation,
  labelNote,
  labelState,
  matchForm,
  policyLine,
  relatedPolicy,
} from './facts/path-policy.js';
import type { PathPolicy } from '../../policy/path-policy.js';
import type { PathRun } from './facts/path-policy.js';
import { loginChangeExample, pathSuppressDocs } from './facts/examples.js';

export const protectedWithoutLabel: Rule<PathRun> = {
  id: 'PATH001',
  name: 'protected-without-label',
  family: 'PATH',
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
    examples: [
      loginChangeExample('flagged', 'feature/login', []),
      loginChangeExample('fine', 'feature/login', ['approved-core-change']),
    ],
  },
  check: ({ ctx, change, pp, agent }) => (agent ? [] : checkProtectedWithoutLabel(ctx, change, pp)),
};

/** One finding per changed file that touches a protected path, at `severity` for the label state. */
export function protectedFindings(
  ctx: CheckContext,
  change: ChangeSet,
  pp: PathPolicy,
  rule: RuleMeta,
  explainWhy: (what: string, pattern: string, where: string, needs: string) => string,
  extraRelated: Finding['related'] = [],
): Finding[] {
  const matcher = pp.protectedMatcher;
  if (matcher === undefined) return [];
  const state = labelState(change, pp.label);
  if (state === 'present') return [];
  // Unknown labels (editor, push): say what the pull request will need, as a warning.
  const needs = `${state === 'unknown' ? 'this change needs' : 'this change lacks'} the \`${pp.label}\` label${labelNote(change, pp.label)}`;
  const out: Finding[] = [];
  for (const f of change.files) {
    for (const path of alteredPaths(f)) {
      // The combined test first: most changed files are not protected, and explain() costs more.
      if (!matcher.matches(matchForm(f, path))) continue;
      const d = matcher.explain(matchForm(f, path));
      const where = decidingPath(d, ['protected', 'paths']);
      const pattern = d.source?.pattern ?? '';
      const line = policyLine(ctx, where);
      out.push({
        rule: rule.id,
        severity: state === 'unknown' ? 'warning' : rule.defaultSeverity,
        message: explainWhy(describeChange(f, path), pattern, line, needs),
        ...findingLocation(ctx, f, where),
        related: [relatedPolicy(ctx, where, `protected by pattern \`${pattern}\``), ...extraRelated],
      });
      break;
    }
  }
  return out;
}

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
