import { compareFindings, type Finding } from '../finding.js';
import { runCheck } from '../engine.js';
import { exitCodeFor } from '../output/summary.js';
import type { PolicyDocument } from '../policy/document.js';
import { extendPolicy } from '../policy/extends/merge-policy.js';
import { parseExtendsSpec } from '../policy/schema/extends-spec.js';
import { governingPolicy } from '../policy/governing-policy.js';
import { parsePolicyText } from '../policy/parse.js';
import { POLICY_FILES } from '../policy/policy-files.js';
import { RULE_IDS } from '../rule-ids.generated.js';
import type { RuleFamily } from '../rule.js';
import { ruleFamilies } from '../rules/families.js';
import { Workspace } from '../workspace.js';
import { CASE_BASE, caseInputs } from './case-change.js';
import type { CaseChangeInput } from './test-file-schema.js';
import type { CaseVerdict, ExpectedFinding, PolicyTestCase } from './types.js';

export interface CaseOutcome {
  case: PolicyTestCase;
  got: CaseVerdict;
  passed: boolean;
  /** Set when the case names an exit and got another. */
  exit?: { expected: 0 | 1 | 2; got: 0 | 1 | 2 };
  /** Expected findings the check did not give. */
  missing: ExpectedFinding[];
  /** Findings the check gave that the case does not expect (when it lists its findings). */
  unexpected: Finding[];
  ms: number;
  /** The engine failed on the case (a rule family threw): no verdict, the case fails. */
  error?: string;
}

export interface CaseRunOptions {
  /** The check's clock (waivers' days): default now. */
  now?: Date;
  /** A native SHA-256 for the audit log's chain; default policy-core's pure one. */
  sha256?: (text: string) => string;
}

/**
 * The rules that judge a change by its paths, its commits, branch, labels and size, and what it
 * does to the policy: the whole of a verdict about a file the case names without its text, and
 * about the policy file. Every other rule reads a file's text, and a file without `contents:` is
 * judged by its path alone; on the policy file they say the repository lacks a file the policy
 * names, or judge the policy's own text (POL002, POL003, POL005): a case describes no repository,
 * and `slipway check` reports those.
 */
const CHANGE_RULES = /^(PATH|AGT|BR)\d/;
const CHANGE_RULE_IDS: ReadonlySet<string> = new Set([
  RULE_IDS.policyWeakened,
  RULE_IDS.dependencyChangeWithoutLabel,
  RULE_IDS.declarationsChangedWithoutLock,
]);
const judgesChange = (rule: string) => CHANGE_RULES.test(rule) || CHANGE_RULE_IDS.has(rule);
/**
 * The families that hold a change rule. A case that gives no file's text runs only these (and
 * POL, for POL004, when it rewrites the policy): the other families' findings could only be about
 * text, and would all be left out of the verdict. The same verdict, for a fraction of the work.
 */
const CHANGE_FAMILIES: ReadonlySet<string> = new Set(['PATH', 'AGT', 'BR', 'DEP']);
/** Those families, with POL or without, picked from the registry once: each case shares the list (and the engine's map of its rules). */
const changeFamilyLists = new Map<boolean, readonly RuleFamily[]>();
function changeFamilies(withPolicy: boolean): readonly RuleFamily[] {
  let list = changeFamilyLists.get(withPolicy);
  if (!list) {
    list = ruleFamilies().filter((f) => CHANGE_FAMILIES.has(f.id) || (withPolicy && f.id === 'POL'));
    changeFamilyLists.set(withPolicy, list);
  }
  return list;
}

/**
 * The verdict a policy gives one described change: the engine (`runCheck`, every family) over
 * the tree and ChangeSet the case describes (case-change.ts), the policy under test governing as
 * the base's policy does. The verdict is the findings about the change: every rule's on the files
 * whose text the case gives, the change rules' on the other files it names and on the policy
 * file; nothing about files it does not name (there is no repository to judge). A case that
 * rewrites the policy into one that does not parse gets exit 2 and its POL001 findings, as
 * `slipway check` would.
 */
export function caseVerdict(
  policy: PolicyDocument,
  input: CaseChangeInput,
  options: CaseRunOptions = {},
): CaseVerdict {
  const inputs = caseInputs(policy, input);
  let governing = policy;
  let headPolicy: PolicyDocument | undefined;
  if (typeof inputs.headPolicyText === 'string') {
    const parsed = parsePolicyText(inputs.headPolicyText, policy.file);
    if (!parsed.document) return { exit: 2, findings: parsed.findings };
    const decided = governingPolicy({
      head: parsed.document,
      base: {
        sha: CASE_BASE,
        texts: new Map(POLICY_FILES.map((f) => [f, f === policy.file ? policy.text : undefined])),
      },
      ...(policy.extended ? { extend: overSameBase(policy) } : {}),
    });
    if (decided.ok) {
      governing = decided.policy.document;
      headPolicy = decided.policy.head;
    }
  }
  const families = inputs.withText.size === 0 ? changeFamilies(headPolicy !== undefined) : undefined;
  const result = runCheck({
    policy: governing,
    ...(families ? { families } : {}),
    ...(headPolicy ? { headPolicy } : {}),
    repo: inputs.repo,
    change: inputs.change,
    now: options.now ?? new Date(),
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
    workspace: new Workspace(),
  });
  // A family that threw leaves its findings out: no verdict can be trusted then.
  if (result.failures.length > 0)
    throw new Error(result.failures.map((f) => `the ${f.family} rules failed (${f.message})`).join('; '));
  const policyFiles = new Set<string>([policy.file, ...POLICY_FILES]);
  const findings = result.findings.filter((f) =>
    inputs.withText.has(f.file)
      ? true
      : (policyFiles.has(f.file) || inputs.described.has(f.file)) && judgesChange(f.rule),
  );
  findings.sort(compareFindings);
  return { exit: exitCodeFor(findings), findings };
}

/** Runs one case and compares what it got with what it expects. */
export function runCase(
  policy: PolicyDocument,
  c: PolicyTestCase,
  options: CaseRunOptions = {},
): CaseOutcome {
  const started = now();
  let got: CaseVerdict;
  try {
    got = caseVerdict(policy, c.change, options);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return {
      case: c,
      got: { exit: 2, findings: [] },
      passed: false,
      missing: [],
      unexpected: [],
      ms: now() - started,
      error,
    };
  }
  const ms = now() - started;
  const { exit } = c.expect;
  const exitDiffers = exit !== undefined && exit !== got.exit ? { expected: exit, got: got.exit } : undefined;
  const { missing, unexpected } =
    c.expect.findings === undefined
      ? { missing: [], unexpected: [] }
      : matchFindings(c.expect.findings, got.findings);
  return {
    case: c,
    got,
    passed: !exitDiffers && missing.length === 0 && unexpected.length === 0,
    ...(exitDiffers ? { exit: exitDiffers } : {}),
    missing,
    unexpected,
    ms,
  };
}

/**
 * Pairs each expected finding with one finding got (rule, then file and line where it says
 * them), the most specific first, so that `PATH003` alone takes whatever is left after
 * `PATH003 a.py:3` took its own.
 */
export function matchFindings(
  expected: readonly ExpectedFinding[],
  got: readonly Finding[],
): { missing: ExpectedFinding[]; unexpected: Finding[] } {
  const left = [...got];
  const missing: ExpectedFinding[] = [];
  const specificity = (e: ExpectedFinding) => (e.line !== undefined ? 2 : e.file !== undefined ? 1 : 0);
  for (const e of [...expected].sort((a, b) => specificity(b) - specificity(a))) {
    const i = left.findIndex(
      (f) =>
        f.rule === e.rule &&
        (e.file === undefined || f.file === e.file) &&
        (e.line === undefined || f.range.start.line + 1 === e.line),
    );
    if (i === -1) missing.push(e);
    else left.splice(i, 1);
  }
  // In the order they are written.
  missing.sort((a, b) => expected.indexOf(a) - expected.indexOf(b));
  return { missing, unexpected: left };
}

/** A finding as a case writes it: `RULE path`. */
export function findingSpec(f: Finding): string {
  return `${f.rule} ${f.file}`;
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/**
 * How a case that rewrites an extending policy is judged: the policy under test (already merged
 * over its base) governs as the base commit's would, and the case's text is merged over the same
 * base while it still extends it, as a check reads both. A rewrite naming another base cannot be
 * read offline: it is judged as written.
 */
function overSameBase(policy: PolicyDocument) {
  const from = policy.extended as NonNullable<PolicyDocument['extended']>;
  return (doc: PolicyDocument) => {
    if (doc.file === policy.file && doc.text === policy.text) return { document: policy };
    if (doc.policy.extends !== from.spec) return { document: doc };
    const spec = parseExtendsSpec(from.spec);
    const merged = extendPolicy(doc, from.base, {
      spec: from.spec,
      described: from.described,
      ...(from.pinned ? { pinned: from.pinned } : {}),
      ...(!('problem' in spec) && spec.kind === 'local' ? { localPath: spec.path } : {}),
    });
    if ('document' in merged) return merged;
    return {
      findings: [
        {
          rule: RULE_IDS.invalidPolicy,
          severity: 'error' as const,
          message: `invalid policy: \`extends:\` ${merged.problem}.`,
          file: doc.file,
          range: doc.locate(['extends']),
        },
      ],
    };
  };
}
