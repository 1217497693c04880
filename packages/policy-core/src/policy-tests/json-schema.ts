import { inputJsonSchema } from '../policy/json-schema.js';
import { schemaUrl } from '../schema-urls.js';
import { policyTestFileSchema } from './test-file-schema.js';

/**
 * The policy test file's JSON Schema (`slipway schema --tests`), generated from the zod schema
 * `slipway test` validates with, so that editors complete and check `slipway.tests.yaml`:
 *   # yaml-language-server: $schema=https://raw.githubusercontent.com/slipway-dev/slipway/main/docs/schemas/policy-tests.schema.json
 */
export function policyTestsJsonSchema(): Record<string, unknown> {
  const schema = inputJsonSchema(policyTestFileSchema);
  return {
    ...schema,
    $id: schemaUrl('policy-tests.schema.json'),
    title: 'Slipway policy test cases (slipway.tests.yaml), version 1',
  };
}
