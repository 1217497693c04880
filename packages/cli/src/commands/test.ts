import {
  type CaseOutcome,
  fromBase,
  initParsersForCases,
  judgedAsBaseCase,
  LIMITS,
  parsePolicyText,
  POLICY_FILES,
  POLICY_TEST_FILE,
  type PolicyDocument,
  type PolicyTestCase,
  printableLines,
  problemLine,
  readPolicyTestFile,
  runCase,
  type TestFileProblem,
  testFileTooLarge,
  verdictChanges,
} from '@slipway/policy-core';
import {
  baseTestFiles,
  basesAtCommit,
  findRoot,
  loadPolicy,
  nativeSha256,
  readPolicyAtBase,
  readTestFilesOnDisk,
  readTreeFile,
  type TestFileText,
} from '@slipway/policy-core/node';
import { applyExtendsFlags } from '../check-flags.js';
import { type Command, type CommandContext, UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { invalidPolicyError, missingPolicyError, policyErrorLine } from '../policy-errors.js';
import { type PolicyChangeReport, renderTestJson, renderTestText } from '../policy-test-report.js';
import { gitStep } from '../git-step.js';
import { repoDir } from '../repo-context.js';
import { colorEnv, paintFor } from '../terminal-style.js';

export const testCommand: Command = {
  name: 'test',
  usage: `Usage: slipway test [FILE|DIR ...] [--repo DIR] [--base REF] [--format text|json] [--color WHEN] [--allow-unpinned]
       [--allow-file-bases]

Runs the policy's test cases: ${POLICY_TEST_FILE} beside the policy (and the YAML files of a
slipway.tests/ folder). Each case is a change described without a repository (its branch,
commits and trailers, labels and who applied them, the files it adds, modifies, renames or
deletes, their text where a rule reads it) and the verdict the policy must give it: the exit
\`slipway check\` would give, and every finding (\`PATH003 backend/app/core/auth.py\`, or none).
Cases run offline through the same rules as \`slipway check\`; a failing case prints what it
expected (-) and what it got (+). \`slipway init\` writes starter cases from its policy.

  FILE|DIR          test files or folders to run instead of the ones beside the policy
  --repo DIR        the repository whose policy is tested (default: the current directory)
  --base REF        judge the policy change since REF (its merge base with HEAD): every case of
                    the base and of the working tree runs under the base's policy and under the
                    working tree's, and each verdict that moved is listed (loosened: the base's
                    policy failed the change and the new one lets it through)
  --format FORMAT   text (default) or json
  --color WHEN      auto (default), always or never
  --allow-unpinned  accept an \`extends:\` base named by a tag or branch (as for check)
  --allow-file-bases  read an \`extends:\` base named \`git+file://…\` (as for check)

Exit: 0 every case passed, 1 a case failed, 2 a test file or a policy cannot be read.`,
  run: runTestCommand,
};

const FORMATS = ['text', 'json'] as const;

async function runTestCommand(ctx: CommandContext): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseFlags('test', ctx.argv, {
    repo: { type: 'string' },
    base: { type: 'string' },
    format: { type: 'string' },
    color: { type: 'string' },
    'allow-unpinned': { type: 'boolean' },
    'allow-file-bases': { type: 'boolean' },
  });
  applyExtendsFlags(values);
  const format = (values.format ?? 'text') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new UserError(`--format ${values.format}: expected ${FORMATS.join(' or ')}`);
  const root = (await gitStep(() => findRoot(repoDir(ctx.cwd, values.repo)))).root;
  const loaded = loadPolicy(root);
  if (loaded.kind === 'missing') throw missingPolicyError(root);
  if (loaded.kind === 'invalid') throw invalidPolicyError(loaded.findings);
  const policy = loaded.document;
  const texts = readTestFilesOnDisk(root, positionals, ctx.cwd);
  const absent = texts.find((t) => t.missing);
  if (absent) throw new UserError(`${absent.path}: no such test file or folder`);
  // The cases of every base the policy extends run here too (named files: only those).
  const fromBases = positionals.length
    ? []
    : // The same environment as loadPolicy's reader of the bases (the cache, --allow-unpinned).
      baseTestFiles(policy, { readLocal: readTreeFile(root, LIMITS.policyTests.chars) });
  const unreadBase = fromBases.find((b) => b.problem !== undefined);
  if (unreadBase)
    throw new UserError(`${unreadBase.path}: the base's test cases cannot be read: ${unreadBase.problem}`);
  if (texts.length === 0 && fromBases.length === 0)
    throw new UserError(
      `no policy test cases beside ${policy.file} in ${root}: write ${POLICY_TEST_FILE} (\`slipway init --merge\` adds starter cases from the policy)`,
    );
  const read = readAll(texts);
  const baseRead = fromBases.map((b) => ({
    base: b.base,
    read: readAll([{ path: b.path, text: b.text as string }]),
  }));
  for (const b of baseRead)
    if ('problems' in b.read)
      for (const p of b.read.problems) ctx.stderr.write(`slipway test: ${printableLines(problemLine(p))}\n`);
  if (baseRead.some((b) => 'problems' in b.read)) return 2;
  const baseCases = baseRead.flatMap((b) =>
    'cases' in b.read ? b.read.cases.map((c) => fromBase(c, b.base)) : [],
  );
  if ('problems' in read) {
    for (const p of read.problems) ctx.stderr.write(`slipway test: ${printableLines(problemLine(p))}\n`);
    return 2;
  }
  const base = values.base === undefined ? undefined : await readBase(root, values.base, ctx);
  await initParsersForCases(
    [policy, ...(base?.policy ? [base.policy] : [])],
    [...read.cases, ...baseCases, ...(base?.cases ?? [])].map((c) => c.change),
  );
  const options = { sha256: nativeSha256 };
  const outcomes: CaseOutcome[] = [
    ...read.cases.map((c) => runCase(policy, c, options)),
    // A base's case may see this repository tighten the policy, never loosen it (judgedAsBaseCase).
    ...baseCases.map((c) => judgedAsBaseCase(runCase(policy, c, options))),
  ];
  const policyChange: PolicyChangeReport | undefined = base && {
    baseName: base.name,
    mergeBase: base.sha,
    ...(base.note ? { note: base.note } : {}),
    changes: base.policy ? verdictChanges(base.policy, policy, base.cases, read.cases, options) : [],
  };
  const ms = performance.now() - started;
  ctx.stdout.write(
    format === 'json'
      ? renderTestJson(policy.file, outcomes, ms, policyChange)
      : renderTestText(outcomes, paintFor(ctx.stdout, colorEnv(ctx.env, values.color)), ms, policyChange),
  );
  return outcomes.some((o) => !o.passed) ? 1 : 0;
}

function readAll(
  texts: readonly TestFileText[],
): { cases: PolicyTestCase[] } | { problems: TestFileProblem[] } {
  const cases: PolicyTestCase[] = [];
  const problems: TestFileProblem[] = [];
  for (const t of texts) {
    if (t.text === undefined) {
      problems.push(testFileTooLarge(t.path, t.bytes ?? 0));
      continue;
    }
    const r = readPolicyTestFile(t.text, t.path);
    if (r.ok) cases.push(...r.tests.cases);
    else problems.push(...r.problems);
  }
  return problems.length ? { problems } : { cases };
}

/**
 * The base's policy and cases (at the merge base of `name` and HEAD). A base policy that does
 * not parse stops the run (exit 2, one line): no verdict under it can be compared. Broken base
 * test files are said on stderr and their cases left out: the head's are what this run tests.
 */
async function readBase(
  root: string,
  name: string,
  ctx: CommandContext,
): Promise<{ name: string; sha: string; policy?: PolicyDocument; cases: PolicyTestCase[]; note?: string }> {
  const at = await gitStep(() => readPolicyAtBase(root, name));
  const short = at.sha.slice(0, 12);
  const file = POLICY_FILES.find((f) => at.policyTexts.get(f) !== undefined);
  if (file === undefined)
    return {
      name,
      sha: at.sha,
      cases: [],
      note: `the base (commit ${short}) has no policy file: no verdict to compare`,
    };
  const parsed = parsePolicyText(at.policyTexts.get(file) as string, file);
  // A base that extends a shared policy is judged merged with it, as `check` judges it.
  const merged = parsed.document && basesAtCommit(root, at.sha)(parsed.document);
  if (merged && !('document' in merged)) {
    const first = merged.findings[0];
    throw new UserError(
      `${file} on the base (commit ${short}) cannot be merged with what it extends (${first ? policyErrorLine(first) : 'invalid'}); verdicts under it cannot be compared`,
    );
  }
  if (!parsed.document) {
    const first = parsed.findings[0];
    throw new UserError(
      `${file} on the base (commit ${short}) does not parse (${first ? policyErrorLine(first) : 'invalid'}); verdicts under it cannot be compared: repair the policy on ${name} first`,
    );
  }
  const cases: PolicyTestCase[] = [];
  for (const t of at.tests) {
    const r = readPolicyTestFile(t.text ?? '', t.path);
    if (r.ok) cases.push(...r.tests.cases);
    else
      ctx.stderr.write(
        `slipway test: ${printableLines(`the base's ${t.path} (commit ${short}) cannot be read, its cases are not compared: ${problemLine(r.problems[0] as TestFileProblem)}`)}\n`,
      );
  }
  return {
    name,
    sha: at.sha,
    policy: merged && 'document' in merged ? merged.document : parsed.document,
    cases,
  };
}
