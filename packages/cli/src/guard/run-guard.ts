import { nativeSha256 } from '@slipway/policy-core/node';
import {
  compareFindings,
  type Finding,
  matchesRuleFilter,
  type PolicyDocument,
  runCheck,
} from '@slipway/policy-core';
import { type ChangeFlags, openCheckContext } from '../repo-context.js';
import { guardSteps } from './steps.js';

export interface GuardOptions extends ChangeFlags {
  cwd: string;
  /** Repository directory (default: cwd). */
  repo?: string;
  env: Record<string, string | undefined>;
  /** Check the tree as it is, without a change set. */
  tree?: boolean;
  only?: string[];
  log?(line: string): void;
  /** The tree's file listing, already asked for (`git ls-files -z --full-name` output). */
  listing?: Promise<Buffer>;
  /** Apply this policy rather than the tree's own (see openCheckContext's `governing`). */
  policy?: PolicyDocument;
}

export interface GuardResult {
  findings: Finding[];
  filesChecked: number;
  /** The steps that ran, in order: "check", then each applicable guard step. */
  steps: string[];
  /**
   * What a step could not look at (a database it cannot read), one line each, prefixed with the
   * step ("database audit failed: dev: …"). Non-empty fails the guard whatever the findings: it
   * cannot vouch for what it did not read.
   */
  failures: string[];
}

/**
 * The deploy guard: every policy rule (`check`), then the steps that need more than files —
 * the database audit when databases are configured. `promote` calls this on the SHA it ships.
 */
export async function runGuard(options: GuardOptions): Promise<GuardResult> {
  const log = options.log ?? (() => {});
  const opened = await openCheckContext(
    options.cwd,
    options.repo,
    options.tree ? undefined : options,
    options.env,
    options.listing,
    options.policy,
  );
  const { context, change } = opened;
  if (context.governing.notice) log(context.governing.notice);
  const result = runCheck({
    policy: context.policy,
    // The change's own policy, when the base's governs: validated and its effect reported (POL).
    ...(context.governing.head ? { headPolicy: context.governing.head } : {}),
    repo: context.repo,
    change,
    env: options.env,
    only: options.only,
    sha256: nativeSha256,
    workspace: context.workspace,
  });
  const findings = [...result.findings];
  const steps = ['check'];
  const failures: string[] = [];
  for (const step of guardSteps) {
    if (!step.applies(context, options.env)) continue;
    log(`guard: ${step.name}`);
    steps.push(step.name);
    const found = await step.run({ context, change, env: options.env, log });
    // `--rule` narrows the steps' findings as it narrows check's (a rule id or a family prefix).
    findings.push(
      ...found.findings.filter((f) => !options.only?.length || matchesRuleFilter(f.rule, options.only)),
    );
    for (const f of found.failures) failures.push(`${step.name} failed: ${f}`);
  }
  findings.sort(compareFindings);
  return { findings, filesChecked: result.filesChecked.length, steps, failures };
}
