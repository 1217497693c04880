import type { RuleExample } from '../../../rule.js';

/**
 * What the DEP rules' docs share, written once: the hashed pins of a pip-compile lock and the
 * example that shows a lock.
 */

/** idna's pin with its hash, as `pip-compile --generate-hashes` writes it. */
export const IDNA_HASHED =
  'idna==3.6 \\\n' + '    --hash=sha256:c05567e9c24a6b9faaa835c4821bad0590fbb9d5779e7caa6e1cc4978e7eb24f\n';

/** requests' pin with its hash. */
export const REQUESTS_HASHED =
  'requests==2.31.0 \\\n' +
  '    --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f\n';

/** A DEP example of the lock `text`, with the files it is compared with beside it. */
export function lockExample(
  verdict: RuleExample['verdict'],
  text: string,
  beside: Readonly<Record<string, string>>,
): RuleExample {
  return { verdict, file: 'backend/requirements.lock', text, beside };
}
