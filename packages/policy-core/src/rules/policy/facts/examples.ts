import { exampleIn } from '../../file-example.js';

/**
 * What the POL rules' docs share, written once: the example that shows a policy file, and the
 * small policy that protects auth behind a label.
 */

/** A POL example of the policy `text`; `more` adds the change or the files beside it. */
export const policyExample = exampleIn('slipway.yaml');

/** A valid policy that protects auth behind a label. */
export const AUTH_POLICY =
  'version: 1\n' + 'protected:\n' + '  paths: [backend/app/auth/]\n' + '  label: approved-core-change\n';
