import type { Finding } from '../../finding.js';
import { waivableInPolicy } from '../../suppressions/suppressible.js';
import type { CheckContext, Rule, RuleFamilyId } from '../../rule.js';
import type { PolicyRun } from './facts/policy-facts.js';
import { closestRuleId as closest } from '../closest-rule-id.js';
import { policyExample } from './facts/examples.js';
import { commentSuppressDocs } from '../suppress-docs.js';
import { severityOverride } from '../../severity-overrides.js';

export const unknownRuleSetting: Rule<PolicyRun> = {
  id: 'POL003',
  name: 'unknown-rule-setting',
  family: 'POL',
  facts: 'policy',
  defaultSeverity: 'error',
  title: 'unknown rule id or severity under `rules:`',
  docs: {
    what:
      'An entry under `rules:` names no known rule id (see `slipway explain`), or a severity other than ' +
      '`off`, `error`, `warning`, `info`; or an entry of `waivers:` names no known rule, or a SUP or POL ' +
      'rule, which a policy waiver cannot lift.',
    why: 'A misspelt id or severity would silently leave the rule at its default, so it is an error.',
    fix: 'Correct the id (the message suggests the nearest one) or the severity.',
    suppress: commentSuppressDocs('POL003'),
    examples: [
      policyExample(
        'flagged',
        'version: 1\n' +
          'rules:\n' +
          '  MIG01: off        # no such rule: MIG001 stays an error\n' +
          '  MIG037: loud      # not a severity\n',
      ),
      policyExample('fine', 'version: 1\n' + 'rules:\n' + '  MIG001: warning\n' + '  MIG037: off\n'),
    ],
  },
  check: ({ ctx, knownIds }) => checkRuleSettings(ctx, knownIds),
};

export function checkRuleSettings(ctx: CheckContext, knownIds: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const doc = ctx.policy;
  for (const [id, value] of Object.entries(doc.policy.rules)) {
    if (!knownIds.has(id)) {
      const near = closest(id, knownIds);
      findings.push({
        rule: 'POL003',
        severity: 'error',
        message: `unknown rule id \`${id}\` under \`rules:\`${near ? `; did you mean \`${near}\`?` : '; run `slipway explain` for the list of rules.'}`,
        file: doc.file,
        range: doc.locate(['rules', id], 'key'),
      });
    } else if (severityOverride(value) === undefined) {
      findings.push({
        rule: 'POL003',
        severity: 'error',
        message: `\`rules.${id}\` is ${JSON.stringify(value)}; use one of off, error, warning, info.`,
        file: doc.file,
        range: doc.locate(['rules', id]),
      });
    }
  }
  (doc.policy.waivers ?? []).forEach((w, i) => {
    const at = doc.locate(['waivers', i, 'rule']);
    if (!knownIds.has(w.rule)) {
      const near = closest(w.rule, knownIds);
      findings.push({
        rule: 'POL003',
        severity: 'error',
        message: `unknown rule id \`${w.rule}\` in \`waivers[${i}].rule\`: the waiver lifts nothing${near ? `; did you mean \`${near}\`?` : '; run `slipway explain` for the list of rules.'}`,
        file: doc.file,
        range: at,
      });
    } else if (!waivableInPolicy({ family: w.rule.replace(/\d+$/, '') as RuleFamilyId }))
      findings.push({
        rule: 'POL003',
        severity: 'error',
        message: `\`waivers[${i}].rule\` is ${w.rule}: the SUP and POL rules judge waivers and the policy itself, and a policy waiver cannot lift them; set its severity under \`rules:\` instead.`,
        file: doc.file,
        range: at,
      });
  });
  return findings;
}
