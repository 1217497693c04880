import { existsSync } from 'node:fs';
import { writeRepoFile } from '../confined-write.js';
import { join } from 'node:path';
import { parsePolicyText } from '../../policy/parse.js';
import { starterTestFile } from '../../policy-tests/starter-cases.js';
import { POLICY_TEST_FILE, POLICY_TEST_FOLDER } from '../../policy-tests/test-files.js';

export type StarterTestsResult =
  | { written: true; path: string; cases: number }
  | { written: false; path: string; reason: string };

/**
 * Writes `slipway.tests.yaml` beside a policy init wrote or merged: starter cases derived from
 * that policy (policy-tests/starter-cases.ts), each of which passes on it. Never replaces test
 * cases a person wrote: an existing file (or `slipway.tests/` folder) is kept, whatever init's
 * `--force` or `--merge` did to the policy. `files` is the repository's listing, which gives each
 * pattern a real path.
 */
export async function writeStarterTests(
  root: string,
  policy: { path: string; text: string },
  files: readonly string[],
): Promise<StarterTestsResult> {
  const path = POLICY_TEST_FILE;
  if (existsSync(join(root, path)) || existsSync(join(root, POLICY_TEST_FOLDER)))
    return {
      written: false,
      path,
      reason: `${path} (or ${POLICY_TEST_FOLDER}/) already holds test cases; kept`,
    };
  const doc = parsePolicyText(policy.text, policy.path).document;
  if (!doc) return { written: false, path, reason: `${policy.path} is not valid; no starter cases` };
  const { text, count } = await starterTestFile(doc, { files });
  if (count === 0) return { written: false, path, reason: 'the policy gave no starter case' };
  writeRepoFile(root, path, text, 'create');
  return { written: true, path, cases: count };
}

/** What init says about the test file, one line. */
export function starterTestsLine(result: StarterTestsResult): string {
  return result.written
    ? `wrote ${result.path}: ${result.cases} starter case${result.cases === 1 ? '' : 's'} that pass on the policy (\`slipway test\` runs them)`
    : `${result.path}: ${result.reason}`;
}
