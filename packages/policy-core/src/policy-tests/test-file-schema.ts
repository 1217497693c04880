import * as z from 'zod/mini';
import { repoPath } from '../policy/schema/repo-path.js';
import { described, nonEmpty, optional, optionalString } from '../zod-kit.js';

/**
 * The policy test file (`slipway.tests.yaml`, or the YAML files of a `slipway.tests/` folder):
 * cases, each a change described without a repository and the verdict the policy must give it.
 * `slipway test` runs them (policy-tests/run-case.ts); `slipway schema --tests` prints this schema
 * as JSON Schema for editors.
 */

/** `Name <email>`, as git prints an author. */
const person = () =>
  z.string().check(z.regex(/^[^<>\n]*<[^<>\n]*>$/, 'write a person as `Name <email>`, as git shows one'));

/** The ways a change can touch a file, as `git diff --name-status` says them. */
export const FILE_STATUSES = ['added', 'modified', 'deleted', 'renamed', 'copied'] as const;
export type CaseFileStatus = (typeof FILE_STATUSES)[number];

const fileEntry = z
  .strictObject({
    added: optional(repoPath(), 'A file the change adds.'),
    modified: optional(repoPath(), 'A file the change modifies.'),
    deleted: optional(repoPath(), 'A file the change deletes.'),
    renamed: optional(repoPath(), 'Where a file the change renames ends up (`from:` is where it was).'),
    copied: optional(repoPath(), 'Where a copy the change makes ends up (`from:` is the original).'),
    from: optional(repoPath(), 'The path before a rename or copy.'),
    contents: optionalString(
      'The text after the change, for the rules that read it (requirements, migrations, the deploy record). Without it the file is judged by its path alone.',
    ),
    base: optionalString(
      'The text before the change, for the rules that compare with it (a dependency set, the audit log).',
    ),
  })
  .check(
    z.superRefine((entry, ctx) => {
      const statuses = FILE_STATUSES.filter((s) => entry[s] !== undefined);
      if (statuses.length !== 1)
        ctx.addIssue({
          code: 'custom',
          message:
            statuses.length === 0
              ? `say what the change does to the file: one of ${FILE_STATUSES.map((s) => `\`${s}: PATH\``).join(', ')}`
              : `one status a file: ${statuses.map((s) => `\`${s}\``).join(' and ')} both given`,
        });
      const moved = entry.renamed !== undefined || entry.copied !== undefined;
      if (moved && entry.from === undefined)
        ctx.addIssue({ code: 'custom', message: 'a rename or copy needs `from:`, the path it had before' });
      if (!moved && entry.from !== undefined)
        ctx.addIssue({ code: 'custom', message: '`from:` goes with `renamed:` or `copied:` only' });
    }),
  );

const commit = z.strictObject({
  author: described(person(), 'Who wrote the commit: `Name <email>`.'),
  committer: optional(person(), 'Who committed it (default: the author).'),
  message: optionalString(
    'The commit message: the subject, then the body after a blank line (default "change").',
  ),
  trailers: optional(
    z.array(nonEmpty()),
    'Trailer lines added at the end of the message, e.g. `Co-authored-by: Claude <noreply@anthropic.com>`.',
  ),
  files: optional(
    z.array(repoPath()),
    'The paths this commit touched (default: not said, as when git did not list them).',
  ),
});

const label = z.union([
  nonEmpty(),
  z.strictObject({
    name: described(nonEmpty(), 'The label.'),
    by: optional(
      nonEmpty(),
      'The GitHub login that applied it, as GitHub would report it (`labels.verify: github` judges it).',
    ),
  }),
]);

const change = z.strictObject({
  branch: optional(nonEmpty(), 'The branch under review (absent: not known).'),
  author: optional(
    person(),
    'Shorthand for one commit written and committed by this person: `Name <email>`.',
  ),
  commits: optional(
    z.array(commit).check(z.minLength(1, 'a change has at least one commit; leave the key out instead')),
    'The change\'s commits, newest first (default: one commit by "Test Person <person@example.com>").',
  ),
  pull_request: optional(
    z.strictObject({
      number: z.optional(z.number().check(z.int(), z.gte(1))),
      author: described(z.optional(nonEmpty()), "The pull request author's GitHub login."),
    }),
    'The pull request the change is, when it is one.',
  ),
  labels: optional(
    z.array(label),
    'Labels on the change: a name, or `{name, by}` with the login that applied it (default: none).',
  ),
  files: described(
    z.array(z.union([repoPath(), fileEntry])),
    'The files the change touches: a path (modified), or `{added|modified|deleted|renamed|copied: PATH}` with `from:`, `contents:` and `base:`.',
  ),
  unchanged: optional(
    z.record(repoPath(), z.string()),
    'Files the change leaves as they are that a rule reads (the lock beside requirements, earlier migrations), path to text.',
  ),
  lines: optional(
    z.strictObject({
      added: z.number().check(z.int(), z.gte(0)),
      removed: z.number().check(z.int(), z.gte(0)),
    }),
    'Lines the change adds and removes, for agents.limits.lines (default: not known).',
  ),
});

/** `RULE`, `RULE path` or `RULE path:line`, as the runner prints a finding. */
const findingSpec = described(
  z
    .string()
    .check(
      z.regex(/^\S+( \S.*)?$/, 'write a finding as `RULE path` (e.g. `PATH003 backend/app/core/auth.py`)'),
    ),
  'A finding the case must get: `RULE`, `RULE path`, or `RULE path:line`.',
);

const expectation = z
  .strictObject({
    exit: optional(
      z.union([z.literal(0), z.literal(1), z.literal(2)]),
      'The exit `slipway check` would give: 0 (passes), 1 (an error finding), 2 (the policy the change writes is invalid).',
    ),
    findings: optional(
      z.union([z.literal('none'), z.array(findingSpec)]),
      'Every finding the case must get, no more: `none`, or a list of `RULE path`.',
    ),
  })
  .check(
    z.refine((e) => e.exit !== undefined || e.findings !== undefined, {
      message: 'say what the case must get: `exit:`, `findings:`, or both',
    }),
  );

const testCase = z.strictObject({
  name: described(nonEmpty(), 'What the case proves, in a line: the runner prints it.'),
  change: described(change, 'The change, described without a repository.'),
  expect: described(expectation, 'The verdict the policy must give it.'),
});

export const policyTestFileSchema = z.strictObject({
  version: described(z.literal(1), 'The test file format: 1.'),
  cases: described(z.array(testCase), 'The cases, each run against the policy on its own.'),
});

export type PolicyTestFileInput = z.infer<typeof policyTestFileSchema>;
export type PolicyTestCaseInput = PolicyTestFileInput['cases'][number];
export type CaseChangeInput = PolicyTestCaseInput['change'];
export type CaseFileEntry = CaseChangeInput['files'][number];
