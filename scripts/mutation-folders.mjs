// What pnpm mutate measures: the folders with a target, the tests that judge each, and the
// parts a large folder is measured in (mutation-scores.mjs keeps the scores; mutate.mjs runs it).

import { readdirSync } from 'node:fs';

/** The folders the mutation score is promised on, with their targets (the security-critical code). */
export const TARGETS = {
  'packages/policy-core/src/rules': 90,
  'packages/policy-core/src/agents': 90,
  'packages/policy-core/src/suppressions': 90,
  'packages/policy-core/src/policy': 90,
  'packages/policy-core/src/deploy': 80,
};

/**
 * What judges every rule family's folder besides its own tests: the engine's, and what every rule
 * file declares besides its check — its docs against its page (docs/rules/, current), its name
 * against its file (the registry), its destructive steps against the generated list.
 */
const EVERY_RULES_JUDGES = [
  'packages/policy-core/test/engine/**/*.test.ts',
  'packages/policy-core/test/rules/rule-docs-pages.test.ts',
  'packages/policy-core/test/rules/registry.test.ts',
  'packages/policy-core/test/rules/rule-lists.test.ts',
];

/**
 * The tests that judge a folder's mutants, when not all of policy-core's: a module-level mutant
 * (a regular expression, a constant) has no per-test coverage and reruns every test that judges
 * it, and policy-core's ~4,000 take 90 s a time. A folder's own unit tests, the rule fixtures and
 * the engine's tests are where its decisions are asserted; the score counts only their kills
 * (docs/mutation-scores.md says so beside the table). `pnpm mutate --all-tests` uses them all.
 */
export const JUDGES = {
  'packages/policy-core/src/suppressions': [
    'packages/policy-core/test/suppressions/**/*.test.ts',
    'packages/policy-core/test/rules/migrations/suppressions.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  // Not the rule fixtures: they run every family's 700 cases for each module-level mutant (an
  // hour and a half for agents/ on two cores); the agent rules' decisions are asserted here.
  'packages/policy-core/src/agents': [
    'packages/policy-core/test/agents/**/*.test.ts',
    'packages/policy-core/test/rules/paths/**/*.test.ts',
    'packages/policy-core/test/node/agent-presets-git.test.ts',
    'packages/policy-core/test/node/shallow-hint.test.ts',
    'packages/policy-core/test/node/label-provenance.test.ts',
    'packages/policy-core/test/policy-tests/**/*.test.ts',
  ],
  // The path rules' tests too: the policy surface's defaults and the CI local actions it reads
  // (surface-defaults.ts, ci-local-actions.ts) are decided there (PATH004).
  'packages/policy-core/src/policy': [
    'packages/policy-core/test/policy/**/*.test.ts',
    'packages/policy-core/test/rules/policy/**/*.test.ts',
    'packages/policy-core/test/rules/paths/**/*.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
    'packages/policy-core/test/property/**/*.test.ts',
  ],
  // A rule family's folder: its own tests (each rule's unit tests and its fixture cases, run by
  // the family's `*-fixture-cases.test.ts`) and EVERY_RULES_JUDGES; not every family's fixtures,
  // which a module-level mutant (a rule's regular expression) would rerun whole.
  'packages/policy-core/src/rules/agents': [
    'packages/policy-core/test/agents/**/*.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/audit-log': [
    'packages/policy-core/test/rules/audit-log/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/branches': [
    'packages/policy-core/test/rules/branches/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/database': [
    'packages/policy-core/test/db/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/dependencies': [
    'packages/policy-core/test/rules/dependencies/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/deploy-record': [
    'packages/policy-core/test/rules/deploy-record/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/migrations': [
    'packages/policy-core/test/rules/migrations/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/not-judged': [
    'packages/policy-core/test/rules/not-judged/**/*.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  // The agent gate's tests too: the path facts it reads (agent-path-verdict, policy-surface-asks,
  // pattern-coverage, path-roles …) are decided there, as PATH001–PATH004 decide them for check.
  'packages/policy-core/src/rules/paths': [
    'packages/policy-core/test/rules/paths/**/*.test.ts',
    'packages/policy-core/test/agents/**/*.test.ts',
    'packages/policy-core/test/agent-gate/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/policy': [
    'packages/policy-core/test/rules/policy/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/suppressions': [
    'packages/policy-core/test/suppressions/**/*.test.ts',
    'packages/policy-core/test/rules/migrations/suppressions.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  'packages/policy-core/src/rules/update': [
    'packages/policy-core/test/rules/update/**/*.test.ts',
    ...EVERY_RULES_JUDGES,
  ],
  // The finding REC001 and AUD001 share (a record or an audit log that is a folder): their tests.
  'packages/policy-core/src/rules/directory-path-finding.ts': [
    'packages/policy-core/test/rules/directory-path-finding.test.ts',
    'packages/policy-core/test/rules/deploy-record/**/*.test.ts',
    'packages/policy-core/test/rules/audit-log/**/*.test.ts',
  ],
  // The generated list of every rule: the own-files judges without generated-files.test.ts, which
  // compares the file's text with what `pnpm gen-rules` writes and so fails on Stryker's
  // instrumented copy before any mutant runs.
  'packages/policy-core/src/rules/rule-list.generated.ts': [
    'packages/policy-core/test/rules/registry.test.ts',
    'packages/policy-core/test/rules/rule-docs-pages.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  // rules/'s own files, not its subfolders (`<folder>/*.ts`: the registry, the families' runners,
  // the rule docs, the rule filter): the tests of the rule set as a whole, the engine's, the
  // policy test cases' (closest-rule-id, the registry), POL003's (an unknown rule id), the SARIF
  // output's (the rule docs). The folder as a whole is still judged by all of policy-core's tests.
  'packages/policy-core/src/rules/*.ts': [
    'packages/policy-core/test/rules/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
    'packages/policy-core/test/policy-tests/**/*.test.ts',
    'packages/policy-core/test/rules/policy/**/*.test.ts',
    'packages/policy-core/test/output/**/*.test.ts',
  ],
  // The timestamp reader: its own tests (against ajv-formats' date-time) and those of the
  // deploy files it judges the times of. Its pattern's mutants are module-level, each a rerun of
  // every judge: with deploy/'s (the rule fixtures, the property tests) 100 mutants took 15 min.
  'packages/policy-core/src/deploy/timestamp.ts': [
    'packages/policy-core/test/deploy/**/*.test.ts',
    'packages/policy-core/test/rules/deploy-record/**/*.test.ts',
    'packages/policy-core/test/rules/audit-log/**/*.test.ts',
  ],
  'packages/policy-core/src/deploy': [
    'packages/policy-core/test/deploy/**/*.test.ts',
    'packages/policy-core/test/node/deploy/**/*.test.ts',
    'packages/policy-core/test/rules/deploy-record/**/*.test.ts',
    'packages/policy-core/test/rules/audit-log/**/*.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    'packages/policy-core/test/property/**/*.test.ts',
  ],
};

/** Does the key of JUDGES hold `path`: a folder (and all below it), or `<folder>/*.ts`, its own files. */
function holds(key, path) {
  if (key.endsWith('/*.ts'))
    return path.endsWith('.ts') && path.slice(0, path.lastIndexOf('/')) === key.slice(0, -5);
  return path === key || path.startsWith(`${key}/`);
}

/** The judges of a file or folder: those of the first key of JUDGES that holds it. */
export function judgesOf(path) {
  const key = Object.keys(JUDGES).find((k) => holds(k, path));
  return key === undefined ? undefined : JUDGES[key];
}

/**
 * A folder's .ts files and subfolders, each a part: for the folders too large for one sitting
 * whose files come and go with the rules (a new rule file is a part without an edit here).
 */
function entriesOf(folder) {
  const dir = new URL(`../${folder}/`, import.meta.url);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.isFile() && e.name.endsWith('.ts')))
    .map((e) => `${folder}/${e.name}`)
    .sort();
}

/**
 * Folders measured in parts: a whole run of deploy/ is about three and a half hours on two cores,
 * longer than one sitting, while each part fits in one. A part is a subfolder or one file; the parts of a folder cover it exactly (partsCover, tested). Each part's
 * result is a row of its own (the parts table), on the part's own tree; once every part's row is
 * on the part as it is now, the folder's row is their sum (assembledRow). A part may be measured
 * in parts of its own (rules/dependencies, a part of rules/): its row is then their sum
 * (assembledPartRow), and so on up.
 */
export const PARTS = {
  'packages/policy-core/src/deploy': [
    // Its own files one by one: together about 1,800 mutants (some five hours), one file a run.
    'packages/policy-core/src/deploy/audit-chain.ts',
    'packages/policy-core/src/deploy/audit-event-fast-check.ts',
    'packages/policy-core/src/deploy/audit-event.ts',
    'packages/policy-core/src/deploy/commit-trailers.ts',
    'packages/policy-core/src/deploy/flow-commit.ts',
    'packages/policy-core/src/deploy/index.ts',
    'packages/policy-core/src/deploy/json-node.ts',
    'packages/policy-core/src/deploy/json-schemas.ts',
    'packages/policy-core/src/deploy/json-token-kinds.ts',
    'packages/policy-core/src/deploy/json-tree-scan.ts',
    'packages/policy-core/src/deploy/json-with-ranges.ts',
    'packages/policy-core/src/deploy/log-pin.ts',
    'packages/policy-core/src/deploy/record-parse.ts',
    'packages/policy-core/src/deploy/record-schema.ts',
    'packages/policy-core/src/deploy/sha256.ts',
    'packages/policy-core/src/deploy/slipway-commit.ts',
    'packages/policy-core/src/deploy/timestamp.ts',
    'packages/policy-core/src/deploy/verified-audit-log.ts',
    'packages/policy-core/src/deploy/written-audit-line.ts',
    'packages/policy-core/src/deploy/flow',
    'packages/policy-core/src/deploy/metrics',
  ],
  // Some 22,000 lines: its own files one by one, and each family's folder (migrations/ and
  // dependencies/, the largest, several hours each).
  'packages/policy-core/src/rules': [
    'packages/policy-core/src/rules/closest-rule-id.ts',
    'packages/policy-core/src/rules/dependency-reader-set.ts',
    'packages/policy-core/src/rules/dependency-readers.ts',
    'packages/policy-core/src/rules/directory-path-finding.ts',
    'packages/policy-core/src/rules/families.ts',
    'packages/policy-core/src/rules/file-example.ts',
    'packages/policy-core/src/rules/known-rule-ids.ts',
    'packages/policy-core/src/rules/load-families.ts',
    'packages/policy-core/src/rules/one-run-family.ts',
    'packages/policy-core/src/rules/registry.ts',
    'packages/policy-core/src/rules/rule-docs.ts',
    'packages/policy-core/src/rules/rule-filter.ts',
    'packages/policy-core/src/rules/rule-list.generated.ts',
    'packages/policy-core/src/rules/section-family.ts',
    'packages/policy-core/src/rules/suppress-docs.ts',
    'packages/policy-core/src/rules/agents',
    'packages/policy-core/src/rules/audit-log',
    'packages/policy-core/src/rules/branches',
    'packages/policy-core/src/rules/database',
    'packages/policy-core/src/rules/dependencies',
    'packages/policy-core/src/rules/deploy-record',
    'packages/policy-core/src/rules/migrations',
    'packages/policy-core/src/rules/not-judged',
    'packages/policy-core/src/rules/paths',
    'packages/policy-core/src/rules/policy',
    'packages/policy-core/src/rules/suppressions',
    'packages/policy-core/src/rules/update',
  ],
  // The largest families and deploy's flow, hours each whole: a file a part, their facts too.
  'packages/policy-core/src/rules/dependencies': entriesOf('packages/policy-core/src/rules/dependencies'),
  'packages/policy-core/src/rules/dependencies/facts': entriesOf(
    'packages/policy-core/src/rules/dependencies/facts',
  ),
  'packages/policy-core/src/rules/migrations': entriesOf('packages/policy-core/src/rules/migrations'),
  'packages/policy-core/src/rules/migrations/facts': entriesOf(
    'packages/policy-core/src/rules/migrations/facts',
  ),
  'packages/policy-core/src/deploy/flow': entriesOf('packages/policy-core/src/deploy/flow'),
};

/** The folder `part` is a part of, or undefined. */
export function folderOfPart(part) {
  return Object.keys(PARTS).find((f) => PARTS[f].includes(part));
}
