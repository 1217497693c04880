import { closestRuleId } from '../rules/closest-rule-id.js';
import { knownRuleIds } from '../rules/registry.js';
import type { PolicyTestCase, TestFileProblem } from './types.js';
import { FILE_STATUSES } from './test-file-schema.js';

/**
 * What the schema cannot say about a test file's cases: an expected finding of a rule Slipway
 * does not have (the case could never pass, and a typo would read as a policy that lost a rule),
 * two cases of one name (a runner's output and the editor's diagnostics name cases), both
 * `author:` and `commits:`, and a path the change touches twice.
 */
export function checkCases(cases: readonly PolicyTestCase[], file: string): TestFileProblem[] {
  const problems: TestFileProblem[] = [];
  const known = knownRuleIds();
  const named = new Map<string, PolicyTestCase>();
  for (const c of cases) {
    const earlier = named.get(c.name);
    if (earlier)
      problems.push({
        file,
        range: c.range,
        message: `a second case named "${c.name}" (the first is on line ${earlier.range.start.line + 1}); give each case its own name`,
      });
    else named.set(c.name, c);
    if (c.change.author !== undefined && c.change.commits !== undefined)
      problems.push({
        file,
        range: c.locate(['change', 'author'], 'key'),
        message:
          '`author:` is shorthand for one commit; with `commits:` given, write the author in each commit',
      });
    const seen = new Set<string>();
    c.change.files.forEach((entry, i) => {
      const path =
        typeof entry === 'string'
          ? entry
          : (FILE_STATUSES.map((s) => entry[s]).find((p) => p !== undefined) ?? '');
      if (seen.has(path))
        problems.push({
          file,
          range: c.locate(['change', 'files', i]),
          message: `\`${path}\` is listed twice in the change's files; list each path once`,
        });
      seen.add(path);
    });
    for (const expected of c.expect.findings ?? []) {
      if (known.has(expected.rule)) continue;
      const near = closestRuleId(expected.rule, known);
      problems.push({
        file,
        range: c.locate(expected.path),
        message: `unknown rule \`${expected.rule}\` in the expected findings${near ? ` (did you mean \`${near}\`?)` : ''}; \`slipway explain RULE\` describes each rule`,
      });
    }
  }
  return problems;
}
