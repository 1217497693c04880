// The pure half of `pnpm mutate` (scripts/mutate.mjs): a folder's score from Stryker's JSON report
// (mutation-testing-report-schema), and the table of scores in docs/mutation-scores.md.

import { folderOfPart, judgesOf, JUDGES, PARTS, TARGETS } from './mutation-folders.mjs';

export { folderOfPart, judgesOf, JUDGES, PARTS, TARGETS };

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
 * The counts of `folder`'s parts summed, with the latest part's day, when every part has a row
 * measured on the part's tree as it is now (`trees`: part → its current tree hash); undefined while
 * one is missing or stale.
 */
function partsSum(folder, partRows, trees) {
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
  return { ...sum, score: valid === 0 ? null : (100 * sum.detected) / valid, day };
}

/**
 * The folder's row (scores table) summed from its parts' rows (partsSum), recording the folder's
 * own tree and the latest part's day; undefined while a part is missing or stale.
 */
export function assembledRow(folder, partRows, trees, folderTree) {
  const sum = partsSum(folder, partRows, trees);
  return sum && rowFor(folder, sum, folderTree, sum.day);
}

/**
 * The row (parts table) of a part that is measured in parts of its own (rules/dependencies, a
 * part of rules/): the sum of its parts' rows, as assembledRow sums a folder's.
 */
export function assembledPartRow(part, partRows, trees, partTree) {
  const sum = partsSum(part, partRows, trees);
  return sum && partRowFor(part, sum, partTree, sum.day);
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
