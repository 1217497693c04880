import { parsePolicyText } from '../../policy/parse.js';
import type { Rule } from '../../rule.js';
import type { PolicyTextRun } from './facts/policy-facts.js';
import { AUTH_POLICY, policyExample } from './facts/examples.js';
import { commentSuppressDocs } from '../suppress-docs.js';

/**
 * POL001: the policy does not parse or fit the schema. The parser (`policy/parse.ts`) finds the
 * problems, since every host must parse the policy before anything else can run; this rule is
 * that parse, for a host that holds only the text.
 */
export const invalidPolicy: Rule<PolicyTextRun> = {
  id: 'POL001',
  name: 'invalid-policy',
  family: 'POL',
  // Any facts but the family's 'policy' keep it out of the family's run (facts/family.ts): the host
  // runs it, as parsePolicyText, before there is a policy to run the family on.
  // Stryker disable next-line StringLiteral: nothing else reads this name
  facts: 'policy-text',
  defaultSeverity: 'error',
  // The policy did not parse: there are no rules to suppress with.
  suppressible: false,
  withoutFixtures: 'policy/*.test.ts (the parser)',
  title: 'invalid policy file',
  docs: {
    what:
      'The policy file (slipway.yaml or slipway.toml) does not parse, or a key or value does not match ' +
      'the schema. The policy parser reports it at the offending key or value.',
    why:
      'Nothing else can be checked until it is fixed: the CLI exits 2 with the same message, the editor ' +
      'shows it in place.',
    fix:
      'Correct the key or value as the message says; `slipway schema` prints the JSON Schema your ' +
      'editor can use for completion.',
    suppress: commentSuppressDocs('POL001'),
    examples: [
      policyExample(
        'flagged',
        'version: 1\n' +
          'protected:\n' +
          '  path: [backend/app/auth/]   # the key is `paths`\n' +
          '  label: approved-core-change\n',
      ),
      policyExample('fine', AUTH_POLICY),
    ],
  },
  check: ({ file, text }) => parsePolicyText(text, file).findings,
};
