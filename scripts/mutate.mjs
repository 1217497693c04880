// `pnpm mutate [folder, part or file ...] [--since <ref>] [--all-tests] [--force] [--concurrency <n>] [--status]`: mutation testing with StrykerJS
// (stryker.config.mjs) over policy-core's sources, one folder at a time, each with its own
// incremental file (reports/mutation/<folder>.incremental.json: a re-run tests only the mutants
// whose code or covering tests changed). Without a folder: the five security-critical folders.
// `--since <ref>` mutates only the files a change touched (git diff <ref>) inside those folders.
// `--all-tests` judges with all of policy-core's tests, not the folder's own (mutation-scores.mjs
// JUDGES). `--force`: every mutant tested again (an incremental run keeps a survivor whose code did
// not change, even when a test added since would kill it). `--concurrency <n>`: Stryker's test
// runners at once (stryker.config.mjs says 2, the cores here; 1 beside other work). `--status` runs nothing: it says which recorded scores were measured on a folder that has
// changed since. After a whole folder's run, its row in docs/mutation-scores.md is rewritten
// (score beside target, the folder's git tree it was measured on); a folder too long for one run is
// measured in parts (PARTS: `pnpm mutate packages/policy-core/src/deploy/audit-chain.ts`, each of
// its files and subfolders in turn), each part's row kept, the folder's row their sum once all are on the folder as it
// is. Not part of CI: hours on 2 cores.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  assembledPartRow,
  assembledRow,
  folderOfPart,
  judgesOf,
  PARTS,
  partRowFor,
  partRowsOf,
  partTreeOf,
  rowFor,
  rowsOf,
  scoreOf,
  TARGETS,
  treeOf,
  withPartRow,
  withRow,
} from './mutation-scores.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(root, 'docs/mutation-scores.md');
const OUT = join(root, 'reports/mutation');

function fail(message) {
  console.error(`pnpm mutate: ${message}`);
  process.exit(2);
}
/** git in the repository, in `env`; a failure ends the run in one line. */
const gitIn =
  (env) =>
  (...args) => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', env });
    if (r.status !== 0) fail(`git ${args.join(' ')}: ${r.stderr.trim()}`);
    return r.stdout.trim();
  };
const git = gitIn(process.env);

const args = process.argv.slice(2);
// Takes a flag (and its value, unless it is a switch) out of the arguments.
function take(name, { switch: isSwitch = false } = {}) {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, isSwitch ? 1 : 2);
  if (isSwitch) return true;
  if (!value) fail(`${name} needs a value`);
  return value;
}
const status = take('--status', { switch: true }) === true;
const allTests = take('--all-tests', { switch: true }) === true;
// Stryker's incremental mode reuses a survivor whose code did not change even when tests were
// added since that would kill it: after writing tests for survivors, `--force` tests every mutant
// again (and still writes the incremental file for the next run).
const force = take('--force', { switch: true }) === true;
const since = take('--since');
const concurrency = take('--concurrency');
if (concurrency !== undefined && !/^[1-9]\d{0,2}$/.test(concurrency))
  fail(`--concurrency takes a whole number of test runners (1 to 999), not "${concurrency}"`);
const folders = (args.length ? args : Object.keys(TARGETS)).map((f) =>
  relative(root, join(process.cwd(), f)).replace(/\/$/, ''),
);
for (const f of folders) {
  if (!folderOfPart(f) && !existsSync(join(root, f)))
    fail(`${f} does not exist; name a folder (or a .ts file) of packages/policy-core/src`);
  if (!f.startsWith('packages/policy-core/src'))
    fail(
      `${f}: only policy-core's sources are mutated (its own tests load them; every other test loads the built bundle)`,
    );
}

/** A part's tree: a subfolder's git tree, or a file's blob. */
function partTree(part) {
  return git('rev-parse', `HEAD:${part}`);
}

/**
 * The tree (or blob) of `path` as the working tree has it now, committed or not: what Stryker
 * copies into its sandbox when the run starts, and so what a row measured. HEAD's would claim a
 * measurement of code that was not there when the folder had changes not yet committed. Asked
 * through a temporary index, so the repository's own index is left as it is.
 */
function workingTree(path) {
  const index = join(tmpdir(), `slipway-mutate-index-${process.pid}`);
  const run = gitIn({ ...process.env, GIT_INDEX_FILE: index });
  try {
    run('read-tree', 'HEAD');
    run('add', '-A', '--', path);
    return run('rev-parse', `${run('write-tree')}:${path}`);
  } finally {
    rmSync(index, { force: true });
  }
}

if (status) {
  const parts = partRowsOf(readFileSync(DOC, 'utf8'));
  for (const part of Object.values(PARTS).flat()) {
    const row = parts.get(part);
    const then = row ? partTreeOf(row) : '';
    console.log(
      `${part}: ${!then ? 'not measured' : partTree(part).startsWith(then) ? 'current' : `changed since it was measured (tree ${then}); run pnpm mutate '${part}'`}`,
    );
  }
  const rows = rowsOf(readFileSync(DOC, 'utf8'));
  for (const f of Object.keys(TARGETS)) {
    const row = rows.get(f);
    const now = git('rev-parse', `HEAD:${f}`);
    const then = row ? treeOf(row) : '';
    console.log(
      `${f}: ${!then ? 'not measured' : now.startsWith(then) ? 'current' : `changed since it was measured (tree ${then}); run pnpm mutate ${f}`}`,
    );
  }
  process.exit(0);
}

mkdirSync(OUT, { recursive: true });
let failed = false;
for (const folder of folders) {
  let mutate = [folder.endsWith('.ts') ? folder : `${folder}/**/*.ts`];
  if (since) {
    const changed = git('diff', '--name-only', '--diff-filter=d', since, '--', folder)
      .split('\n')
      .filter((p) => p.endsWith('.ts'));
    if (changed.length === 0) {
      console.log(`${folder}: no file changed since ${since}; nothing to mutate`);
      continue;
    }
    mutate = changed;
  }
  const slug = folder.replace(/^packages\/policy-core\/src\/?/, '').replace(/\//g, '-') || 'all';
  const judges = allTests ? undefined : judgesOf(folder);
  // A file of types alone compiles to nothing: no mutant to make, and Stryker's vitest runner
  // refuses a run with none ("no test related").
  const typesOnly = folder.endsWith('.ts') && emitsNothing(readFileSync(join(root, folder), 'utf8'));
  // Taken before the run: Stryker copies the sources when it starts, and edits made during a run
  // (hours, sometimes) are not what it measured.
  const measured = workingTree(folder);
  const whole = folderOfPart(folder);
  // The folders this part is a part of, innermost first (rules/dependencies/facts, then
  // rules/dependencies, then rules/), each with its tree as the run starts.
  const wholes = [];
  for (let up = whole; up; up = folderOfPart(up)) wholes.push([up, workingTree(up)]);
  if (typesOnly) console.log(`${folder}: types only (it compiles to no code): no mutants`);
  const s = typesOnly ? scoreOf({ files: {} }) : runStryker(folder, mutate, slug, judges);
  for (const m of s.survivors)
    console.log(
      `  ${m.status === 'Survived' ? 'survived' : 'no test'}  ${m.file}:${m.line}  ${m.mutator}  → ${m.replacement ?? ''}`.slice(
        0,
        200,
      ),
    );
  const score = s.score === null ? 'no mutants' : `${s.score.toFixed(1)} %`;
  console.log(
    `${folder}: ${score} (${s.detected} detected, ${s.survived} survived, ${s.noCoverage} without a test, ${s.ignored} justified)`,
  );
  const day = new Date().toISOString().slice(0, 10);
  if (folder in TARGETS && !since) {
    const row = rowFor(folder, s, measured, day);
    writeFileSync(DOC, withRow(readFileSync(DOC, 'utf8'), folder, row));
    if (s.score === null || s.score < TARGETS[folder]) failed = true;
  }
  if (whole && !since) {
    // A part's row; then, up the folders it is a part of, each one's row once every one of its
    // parts is measured on what it is now (a part made of parts gets a part's row, their sum).
    writeFileSync(DOC, withPartRow(readFileSync(DOC, 'utf8'), folder, partRowFor(folder, s, measured, day)));
    for (const [up, upTree] of wholes) {
      const doc = readFileSync(DOC, 'utf8');
      const trees = new Map(PARTS[up].map((p) => [p, partTree(p)]));
      const isPart = folderOfPart(up) !== undefined;
      const row = isPart
        ? assembledPartRow(up, partRowsOf(doc), trees, upTree)
        : assembledRow(up, partRowsOf(doc), trees, upTree);
      if (!row) {
        console.log(
          `${up}: its row waits for the parts not yet measured on the folder as it is (pnpm mutate --status)`,
        );
        break;
      }
      writeFileSync(DOC, isPart ? withPartRow(doc, up, row) : withRow(doc, up, row));
      console.log(`${up}: every part measured on the folder as it is: its row is their sum`);
    }
  }
}
process.exit(failed ? 1 : 0);

/** Whether a TypeScript source holds types alone: what it compiles to is empty but for `export {}`. */
function emitsNothing(source) {
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true },
  }).outputText;
  return js.replace(/export \{\};?/g, '').trim() === '';
}

/** One Stryker run over `mutate`, judged by `judges` (all of policy-core's tests when absent): its score. */
function runStryker(folder, mutate, slug, judges) {
  console.log(`${folder}: judged by ${judges ? judges.join(', ') : "all of policy-core's tests"}`);
  const r = spawnSync(
    join(root, 'node_modules/.bin/stryker'),
    [
      'run',
      '--incremental',
      '--incrementalFile',
      join(OUT, `${slug}.incremental.json`),
      '--mutate',
      mutate.join(','),
      ...(force ? ['--force'] : []),
      ...(concurrency ? ['--concurrency', concurrency] : []),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        SLIPWAY_MUTATE_SLUG: slug,
        // Read by test/mutation/vitest.config.ts: absent, all of policy-core's tests judge.
        ...(judges ? { SLIPWAY_MUTATE_TESTS: JSON.stringify(judges) } : {}),
      },
    },
  );
  if (r.status !== 0) fail(`Stryker failed on ${folder} (exit ${r.status ?? r.signal})`);
  return scoreOf(JSON.parse(readFileSync(join(OUT, `${slug}.json`), 'utf8')));
}
