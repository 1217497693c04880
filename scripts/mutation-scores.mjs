// The pure half of `pnpm mutate` (scripts/mutate.mjs): a folder's score from Stryker's JSON report
// (mutation-testing-report-schema), and the table of scores in docs/mutation-scores.md.

/** The folders the mutation score is promised on, with their targets (the security-critical code). */
export const TARGETS = {
  'packages/policy-core/src/rules': 90,
  'packages/policy-core/src/agents': 90,
  'packages/policy-core/src/suppressions': 90,
  'packages/policy-core/src/policy': 90,
  'packages/policy-core/src/deploy': 80,
};

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
  'packages/policy-core/src/deploy': [
    'packages/policy-core/test/deploy/**/*.test.ts',
    'packages/policy-core/test/node/deploy/**/*.test.ts',
    'packages/policy-core/test/rules/deploy-record/**/*.test.ts',
    'packages/policy-core/test/rules/audit-log/**/*.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    'packages/policy-core/test/property/**/*.test.ts',
  ],
};

/** The judges of a file or folder: those of the nearest folder of JUDGES that holds it. */
export function judgesOf(path) {
  const folder = Object.keys(JUDGES).find((f) => path === f || path.startsWith(`${f}/`));
  return folder === undefined ? undefined : JUDGES[folder];
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/**
 * Stryker's mutation score: detected mutants over valid ones. A mutant that does not compile, or
 * that a `// Stryker disable` comment justifies in the source, is not valid and counts for nothing.
 */
export function scoreOf(report) {
  let detected = 0;
  let survived = 0;
  let noCoverage = 0;
  let ignored = 0;
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files ?? {})) {
    for (const m of mutants) {
      if (DETECTED.has(m.status)) detected++;
      else if (UNDETECTED.has(m.status)) {
        if (m.status === 'Survived') survived++;
        else noCoverage++;
        survivors.push({
          file,
          line: m.location.start.line,
          mutator: m.mutatorName,
          status: m.status,
          replacement: m.replacement,
        });
      } else if (m.status === 'Ignored') ignored++;
    }
  }
  const valid = detected + survived + noCoverage;
  return {
    score: valid === 0 ? null : (100 * detected) / valid,
    detected,
    survived,
    noCoverage,
    ignored,
    survivors,
  };
}

const BEGIN = '<!-- mutation-scores:begin -->';
const END = '<!-- mutation-scores:end -->';
const HEADER = [
  '| Folder | Score | Target | Killed | Survived | No coverage | Justified | Folder tree | Measured |',
  '|---|---|---|---|---|---|---|---|---|',
];

/** The table's rows, by folder, read back from the document. */
export function rowsOf(doc) {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the scores table's markers (${BEGIN} … ${END}) are missing`);
  const rows = new Map();
  for (const line of doc.slice(start + BEGIN.length, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const folder = cells[1]?.replace(/`/g, '');
    if (folder && folder in TARGETS) rows.set(folder, line);
  }
  return rows;
}

/** One folder's row: its score beside its target, and the tree it was measured on. */
export function rowFor(folder, s, tree, day) {
  const score = s.score === null ? 'no mutants' : `${s.score.toFixed(1)} %`;
  const verdict = s.score !== null && s.score >= TARGETS[folder] ? 'PASS' : 'FAIL';
  return `| \`${folder}\` | ${score} ${verdict} | ≥ ${TARGETS[folder]} % | ${s.detected} | ${s.survived} | ${s.noCoverage} | ${s.ignored} | \`${tree.slice(0, 12)}\` | ${day} |`;
}

/** The document with one folder's row put in (replacing its old one), rows in the targets' order. */
export function withRow(doc, folder, row) {
  const rows = rowsOf(doc);
  rows.set(folder, row);
  const ordered = Object.keys(TARGETS).map(
    (f) => rows.get(f) ?? `| \`${f}\` | not measured | ≥ ${TARGETS[f]} % | | | | | | |`,
  );
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  return `${doc.slice(0, start)}${BEGIN}\n${[...HEADER, ...ordered].join('\n')}\n${doc.slice(end)}`;
}

/** The tree hash a row was measured on (to tell whether the folder changed since). */
export function treeOf(row) {
  return row.split('|')[8]?.trim().replace(/`/g, '') ?? '';
}
