/** The file `slipway init` writes beside the policy, and `slipway test` reads. */
export const POLICY_TEST_FILE = 'slipway.tests.yaml';
/** A folder of test files beside the policy, for a policy whose cases outgrow one file. */
export const POLICY_TEST_FOLDER = 'slipway.tests';

/** The test files among a repository's (or commit's) files, in order. */
export function policyTestFiles(files: Iterable<string>): string[] {
  const out: string[] = [];
  for (const f of files)
    if (f === POLICY_TEST_FILE || (f.startsWith(`${POLICY_TEST_FOLDER}/`) && /\.ya?ml$/.test(f))) out.push(f);
  return out.sort();
}
