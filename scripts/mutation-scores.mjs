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
  // A rule family's folder: its own tests (each rule's unit tests and its fixtures, run by the
  // family's test) and the engine's; not every family's fixtures, which a module-level mutant
  // (a rule's regular expression) would rerun whole, unless the family has no tests of its own.
  'packages/policy-core/src/rules/agents': [
    'packages/policy-core/test/agents/**/*.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/audit-log': [
    'packages/policy-core/test/rules/audit-log/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/branches': [
    'packages/policy-core/test/rules/branches/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/database': [
    'packages/policy-core/test/db/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/dependencies': [
    'packages/policy-core/test/rules/dependencies/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/deploy-record': [
    'packages/policy-core/test/rules/deploy-record/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/migrations': [
    'packages/policy-core/test/rules/migrations/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/not-judged': [
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/paths': [
    'packages/policy-core/test/rules/paths/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/policy': [
    'packages/policy-core/test/rules/policy/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/suppressions': [
    'packages/policy-core/test/suppressions/**/*.test.ts',
    'packages/policy-core/test/rules/migrations/suppressions.test.ts',
    'packages/policy-core/test/rules/fixture-snapshots.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
  ],
  'packages/policy-core/src/rules/update': [
    'packages/policy-core/test/rules/update/**/*.test.ts',
    'packages/policy-core/test/engine/**/*.test.ts',
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

/**
 * A table of docs/mutation-scores.md between its two markers: one row per key, in `keys()` order,
 * a key's row starting with it in backquotes; `empty(key)` the row of a key never measured.
 */
const SCORES = {
  name: 'scores',
  begin: '<!-- mutation-scores:begin -->',
  end: '<!-- mutation-scores:end -->',
  header: [
    '| Folder | Score | Target | Killed | Survived | No coverage | Justified | Folder tree | Measured |',
    '|---|---|---|---|---|---|---|---|---|',
  ],
  keys: () => Object.keys(TARGETS),
  empty: (f) => `| \`${f}\` | not measured | ≥ ${TARGETS[f]} % | | | | | | |`,
};

/** A table's rows, by key, read back from the document. */
function tableRows(doc, table) {
  const start = doc.indexOf(table.begin);
  const end = doc.indexOf(table.end);
  if (start < 0 || end < start)
    throw new Error(`the ${table.name} table's markers (${table.begin} … ${table.end}) are missing`);
  const known = new Set(table.keys());
  const rows = new Map();
  for (const line of doc.slice(start + table.begin.length, end).split('\n')) {
    const key = line.split('|')[1]?.trim().replace(/`/g, '');
    if (key && known.has(key)) rows.set(key, line);
  }
  return rows;
}

/** The document with one key's row put in (replacing its old one), rows in the table's order. */
function withTableRow(doc, table, key, row) {
  const rows = tableRows(doc, table);
  rows.set(key, row);
  const ordered = table.keys().map((k) => rows.get(k) ?? table.empty(k));
  const start = doc.indexOf(table.begin);
  const end = doc.indexOf(table.end);
  return `${doc.slice(0, start)}${table.begin}\n${[...table.header, ...ordered].join('\n')}\n${doc.slice(end)}`;
}

/** The scores table's rows, by folder, read back from the document. */
export function rowsOf(doc) {
  return tableRows(doc, SCORES);
}

/** One folder's row: its score beside its target, and the tree it was measured on. */
export function rowFor(folder, s, tree, day) {
  const score = s.score === null ? 'no mutants' : `${s.score.toFixed(1)} %`;
  const verdict = s.score !== null && s.score >= TARGETS[folder] ? 'PASS' : 'FAIL';
  return `| \`${folder}\` | ${score} ${verdict} | ≥ ${TARGETS[folder]} % | ${s.detected} | ${s.survived} | ${s.noCoverage} | ${s.ignored} | \`${tree.slice(0, 12)}\` | ${day} |`;
}

/** The document with one folder's row put in (replacing its old one), rows in the targets' order. */
export function withRow(doc, folder, row) {
  return withTableRow(doc, SCORES, folder, row);
}

/** The tree hash a row was measured on (to tell whether the folder changed since). */
export function treeOf(row) {
  return row.split('|')[8]?.trim().replace(/`/g, '') ?? '';
}

/**
 * Folders measured in parts: a whole run of deploy/ is about three and a half hours on two cores,
 * longer than one sitting, while each part fits in one. A part is a subfolder or one file; the parts of a folder cover it exactly (partsCover, tested). Each part's
 * result is a row of its own (the parts table), on the part's own tree; once every part's row is
 * on the part as it is now, the folder's row is their sum (assembledRow).
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
};

/** The folder `part` is a part of, or undefined. */
export function folderOfPart(part) {
  return Object.keys(PARTS).find((f) => PARTS[f].includes(part));
}

const PARTS_TABLE = {
  name: 'parts',
  begin: '<!-- mutation-parts:begin -->',
  end: '<!-- mutation-parts:end -->',
  header: [
    '| Part | Score | Killed | Survived | No coverage | Justified | Part tree | Measured |',
    '|---|---|---|---|---|---|---|---|',
  ],
  keys: () => Object.values(PARTS).flat(),
  empty: (p) => `| \`${p}\` | not measured | | | | | | |`,
};

/** The part's tree a part's row was measured on (to tell whether the part changed since). */
export function partTreeOf(row) {
  return row.split('|')[7]?.trim().replace(/`/g, '') ?? '';
}

/** The parts table's rows, by part. */
export function partRowsOf(doc) {
  return tableRows(doc, PARTS_TABLE);
}

/** One part's row: its counts, and the part's tree (partTree) it was measured on. */
export function partRowFor(part, s, tree, day) {
  const score = s.score === null ? 'no mutants' : `${s.score.toFixed(1)} %`;
  return `| \`${part}\` | ${score} | ${s.detected} | ${s.survived} | ${s.noCoverage} | ${s.ignored} | \`${tree.slice(0, 12)}\` | ${day} |`;
}

/** The document with one part's row put in, rows in PARTS' order. */
export function withPartRow(doc, part, row) {
  return withTableRow(doc, PARTS_TABLE, part, row);
}

/**
 * The folder's row summed from its parts' rows, when every part has one measured on the part's
 * tree as it is now (`trees`: part → its current tree hash); undefined while one is missing or
 * stale. The folder's row then records the folder's own tree and the latest part's day.
 */
export function assembledRow(folder, partRows, trees, folderTree) {
  const sum = { detected: 0, survived: 0, noCoverage: 0, ignored: 0 };
  let day = '';
  for (const part of PARTS[folder] ?? []) {
    const row = partRows.get(part);
    const cells = row?.split('|').map((c) => c.trim());
    if (!cells || cells[2] === 'not measured') return undefined;
    const tree = partTreeOf(row);
    if (!tree || !(trees.get(part) ?? '').startsWith(tree)) return undefined;
    sum.detected += Number(cells[3]);
    sum.survived += Number(cells[4]);
    sum.noCoverage += Number(cells[5]);
    sum.ignored += Number(cells[6]);
    if ((cells[8] ?? '') > day) day = cells[8] ?? '';
  }
  const valid = sum.detected + sum.survived + sum.noCoverage;
  const score = valid === 0 ? null : (100 * sum.detected) / valid;
  return rowFor(folder, { ...sum, score }, folderTree, day);
}

/**
 * Whether `parts` cover `folder`'s files exactly once: `files` are the folder's .ts files (paths
 * relative to the repository), each in one part (a subfolder part holds what is under it, a
 * file part that file).
 */
export function partsCover(folder, parts, files) {
  const owners = (file) => parts.filter((p) => p === file || file.startsWith(`${p}/`));
  return files.filter((f) => f.startsWith(`${folder}/`)).every((f) => owners(f).length === 1);
}
