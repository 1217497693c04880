import type { Finding } from '../../finding.js';
import type { PolicyDocument } from '../../policy/document.js';
import { type ExampleChange, findingOf, type Rule } from '../../rule.js';
import { weakenings } from './facts/policy-effect.js';
import type { PolicyRun } from './facts/policy-facts.js';
import { policyExample } from './facts/examples.js';

export const policyWeakened: Rule<PolicyRun> = {
  id: 'POL004',
  name: 'policy-weakened',
  family: 'POL',
  facts: 'policy',
  defaultSeverity: 'warning',
  title: 'the change weakens the policy that will judge the next changes',
  docs: {
    what:
      "A change's own policy file loosens the policy on its base: a protected path removed, " +
      '`agents.allowed` widened or dropped, an agent branch or identity dropped, a rule switched off or ' +
      'lowered, a section removed, label verification dropped, a policy-surface opt-out added, a ' +
      '`waivers:` entry added or changed, a ' +
      'runner named for the .sql migrations (its way back leaves the forward rules), the policy ' +
      'moved to another file. One finding per effect, at the line that causes it.',
    why:
      'A change is judged by the policy on its base, never by the one it carries, so that it cannot ' +
      'unprotect what it edits. Its policy edits take effect from the next change on; this rule says ' +
      'what they would allow then, so that the reviewer who approves the policy change (PATH004 asks ' +
      'for the protected label) sees it.',
    fix:
      'Keep the protection, or have a human review the weakening and approve the change with the ' +
      'protected label.',
    suppress:
      'The finding is informational for the reviewer; a suppression comment in the changed policy ' +
      "does not count (the base's policy text is read). Every finding: `rules: { POL004: off }` on " +
      'the base.',
    examples: [
      policyExample(
        'flagged',
        'version: 1\n' +
          'protected:\n' +
          '  label: approved-core-change\n' +
          '  paths: [billing/]          # unprotects ledger/core/\n' +
          'agents:\n' +
          '  allowed: [/docs/, tools/]  # widens what agents may edit\n',
        { change: policyEdit() },
      ),
      policyExample(
        'fine',
        'version: 1\n' +
          'protected:\n' +
          '  label: approved-core-change\n' +
          '  paths: [ledger/core/, billing/, tools/]   # tightening is not reported\n' +
          'agents:\n' +
          '  allowed: [/docs/]\n',
        { change: policyEdit() },
      ),
    ],
  },
  check: ({ ctx, governing, knownIds }) => (governing ? checkWeakened(governing, ctx.policy, knownIds) : []),
};

export function checkWeakened(
  base: PolicyDocument,
  head: PolicyDocument,
  knownIds: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  const finding = (what: string, range: Finding['range']): Finding =>
    findingOf(
      policyWeakened,
      head.file,
      range,
      `this change would ${what} from the next change on; the policy on the base (${base.file}) judges this one.`,
    );
  if (base.file !== head.file)
    out.push(finding(`move the policy from ${base.file} to ${head.file}`, head.locate([], 'key')));
  // At the key; a list item (`agents.allowed[2]`) is its own key in YAML and TOML alike.
  for (const e of weakenings(base.policy, head.policy, knownIds))
    out.push(finding(e.what, head.locate(e.at, 'key')));
  return out;
}

/** The docs examples' change: an approved edit of the policy over this base. */
function policyEdit(): ExampleChange {
  return {
    branch: 'feature/policy',
    labels: ['approved-core-change'],
    files: ['slipway.yaml'],
    base: {
      'slipway.yaml':
        'version: 1\n' +
        'protected:\n' +
        '  label: approved-core-change\n' +
        '  paths: [ledger/core/, billing/]\n' +
        'agents:\n' +
        '  allowed: [/docs/]\n',
    },
  };
}
