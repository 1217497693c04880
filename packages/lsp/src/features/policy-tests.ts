import {
  type BaseText,
  type CaseOutcome,
  type Finding,
  findingSpec,
  fromBase,
  initParsersForCases,
  judgedAsBaseCase,
  POLICY_TEST_FILE,
  type PolicyDocument,
  type PolicyTestCase,
  policyTestFiles,
  problemLine,
  type Range,
  type RepoView,
  readPolicyTestFile,
  runCase,
  type TestFileProblem,
} from '@slipway/policy-core';
import { type BaseTestFile, baseTestFiles, nativeSha256 } from '@slipway/policy-core/node';

/** The code of a failing case's diagnostic (and a broken test file's): no rule of the core. */
export const POLICY_TEST_RULE = 'policy-test';

/** One run of a project's policy test cases, as the editor shows it. */
export interface PolicyTestsRun {
  outcomes: CaseOutcome[];
  /** Why a test file could not be run (its cases then are not in `outcomes`). */
  problems: TestFileProblem[];
  /** Diagnostics-to-be, by test file: each failing case at its name, each problem at its place. */
  byFile: Map<string, Finding[]>;
  /** `11 cases: 10 passed, 1 failed`. */
  summary: string;
}

/**
 * The policy test cases of each project, run in the server's process through the same pure
 * runner as `slipway test` ("Run policy tests", the lens on the policy file). Once a project's
 * cases have run, diagnostics keep them current: a pull re-runs them when the policy or a test
 * file's text (an open buffer's included) is not the one they last ran with; they take
 * milliseconds. A revalidate forgets the results, not that the cases are wanted.
 *
 * A policy that `extends:` a base runs the base's own cases too, as `slipway test` does
 * (base-policy-tests.ts, judgedAsBaseCase): read through the reader that read the base (the
 * repository's files with open buffers, the verified cache), and shown at the policy's
 * `extends:` line, since the base's test file is not the workspace's to open. The key is the
 * merged policy: an edit of a local base, or of its cases, runs them again.
 */
export class PolicyTestRuns {
  private readonly last = new Map<string, { key: string; run: PolicyTestsRun }>();
  /** Git and npm bases' test files, read once each (pinned: they cannot change); see baseTestFiles. */
  private readonly remoteBaseTests = new Map<string, BaseText>();

  /** `fetchBases` false (Restricted Mode): a git or npm base's test file comes from the cache or is withheld, never fetched. */
  constructor(private readonly fetchBases = true) {}

  async run(root: string, repo: RepoView, policy: PolicyDocument): Promise<PolicyTestsRun> {
    const texts = testFileTexts(repo);
    // A few bases a session; a long one that named many is forgotten and read again.
    if (this.remoteBaseTests.size > 64) this.remoteBaseTests.clear();
    const fromBases = baseTestFiles(
      policy,
      { readLocal: (path) => repo.readFile(path), ...(this.fetchBases ? {} : { fetch: false }) },
      this.remoteBaseTests,
    );
    const key = JSON.stringify([policy.file, ...mergedTexts(policy), ...texts, ...fromBases]);
    const known = this.last.get(root);
    if (known?.key === key) return known.run;
    const run = await runCases(texts, fromBases, policy);
    this.last.set(root, { key, run });
    return run;
  }

  /** The last run's summary, for the lens; undefined before the first run. */
  summary(root: string): string | undefined {
    return this.last.get(root)?.run.summary;
  }

  /** Whether the project's cases have been run (then diagnostics keep them current). */
  wanted(root: string): boolean {
    return this.last.has(root);
  }

  /** The live findings of each file plus the failing cases', for a project whose cases are wanted. */
  async merge(
    root: string,
    repo: RepoView,
    policy: PolicyDocument | undefined,
    live: ReadonlyMap<string, Finding[]>,
  ): Promise<Map<string, Finding[]>> {
    const out = new Map(live);
    if (!policy || !this.wanted(root)) return out;
    const { byFile } = await this.run(root, repo, policy);
    for (const [file, found] of byFile) out.set(file, [...(live.get(file) ?? []), ...found]);
    return out;
  }

  /** A revalidate: the next pull runs them again. */
  forget(): void {
    for (const entry of this.last.values()) entry.key = '';
  }
}

/** [path, text] of every test file: the repository's, with open buffers' unsaved text. */
function testFileTexts(repo: RepoView): [string, string][] {
  const paths = new Set(policyTestFiles(repo.listFiles()));
  // Not yet committed (git does not list it), but on disk or open.
  if (repo.readFile(POLICY_TEST_FILE) !== undefined) paths.add(POLICY_TEST_FILE);
  return [...paths].sort().flatMap((p) => {
    const text = repo.readFile(p);
    return text === undefined ? [] : [[p, text] as [string, string]];
  });
}

/** The text of the policy and of every base it merged, in order: what its verdicts depend on. */
function mergedTexts(policy: PolicyDocument): string[] {
  const out = [policy.text];
  for (let from = policy.extended; from; from = from.base.extended) out.push(from.described, from.base.text);
  return out;
}

async function runCases(
  texts: readonly [string, string][],
  fromBases: readonly BaseTestFile[],
  policy: PolicyDocument,
): Promise<PolicyTestsRun> {
  const cases: PolicyTestCase[] = [];
  const problems: TestFileProblem[] = [];
  for (const [path, text] of texts) {
    const r = readPolicyTestFile(text, path);
    if (r.ok) cases.push(...r.tests.cases);
    else problems.push(...r.problems);
  }
  // A base's cases and problems stand at `extends:`; the message names the base's file.
  const atExtends: Range = policy.locate(['extends']);
  const baseCases: PolicyTestCase[] = [];
  for (const b of fromBases) {
    if (b.text === undefined) {
      problems.push({
        file: policy.file,
        range: atExtends,
        message: `${b.path}: the base's test cases cannot be read: ${b.problem}`,
      });
      continue;
    }
    const r = readPolicyTestFile(b.text, b.path);
    if (r.ok)
      for (const c of r.tests.cases)
        baseCases.push({ ...fromBase(c, b.base), file: policy.file, range: atExtends });
    else
      for (const p of r.problems)
        problems.push({
          file: policy.file,
          range: atExtends,
          message: problemLine(p),
        });
  }
  await initParsersForCases(
    [policy],
    [...cases, ...baseCases].map((c) => c.change),
  );
  const options = { sha256: nativeSha256 };
  const outcomes = [
    ...cases.map((c) => runCase(policy, c, options)),
    // A base's case may see this repository tighten the policy, never loosen it.
    ...baseCases.map((c) => judgedAsBaseCase(runCase(policy, c, options))),
  ];
  const byFile = new Map<string, Finding[]>();
  const add = (f: Finding) => byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const p of problems)
    add({ rule: POLICY_TEST_RULE, severity: 'error', file: p.file, range: p.range, message: p.message });
  for (const o of outcomes)
    if (!o.passed)
      add({
        rule: POLICY_TEST_RULE,
        severity: 'error',
        file: o.case.file,
        range: o.case.range,
        message: failure(o),
      });
  const failed = outcomes.filter((o) => !o.passed).length;
  const summary =
    texts.length === 0 && fromBases.length === 0
      ? `no policy test cases: write ${POLICY_TEST_FILE} beside ${policy.file}`
      : `${outcomes.length} case${outcomes.length === 1 ? '' : 's'}: ${outcomes.length - failed} passed${failed ? `, ${failed} failed` : ''}${problems.length ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'} in the test files` : ''}`;
  return { outcomes, problems, byFile, summary };
}

/** A failing case as one diagnostic: what it expected (-) and what it got (+). */
function failure(o: CaseOutcome): string {
  const lines = [`policy test failed: ${o.case.name}`];
  if (o.error) lines.push(`no verdict: ${o.error}`);
  if (o.exit) lines.push(`exit: expected ${o.exit.expected}, got ${o.exit.got}`);
  for (const m of o.missing) lines.push(`- ${m.spec}`);
  for (const f of o.unexpected) lines.push(`+ ${findingSpec(f)}: ${f.message}`);
  if (o.exit && !o.missing.length && !o.unexpected.length)
    for (const f of o.got.findings) lines.push(`got ${findingSpec(f)}: ${f.message}`);
  return lines.join('\n');
}
