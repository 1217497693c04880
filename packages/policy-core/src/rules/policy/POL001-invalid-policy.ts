import type { RuleMeta } from '../rule.js';

/** POL001 findings are produced by the policy parser (`policy/parse.ts`), not by a check. */
export const invalidPolicy: RuleMeta = {
  id: 'POL001',
  family: 'POL',
  defaultSeverity: 'error',
  title: 'invalid policy file',
  description:
    'The policy file (slipway.yaml or slipway.toml) does not parse, or a key or value does not match the ' +
    'schema. Nothing else can be checked until it is fixed: the CLI exits 2 with the same message, the editor ' +
    'shows it at the offending key or value. `slipway schema` prints the JSON Schema your editor can use.',
};
