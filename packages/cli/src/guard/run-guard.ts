import type { GuardResult, PolicyDocument } from '@slipway/policy-core';
import { guard } from '@slipway/policy-core/node';
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
  /** Which policy applied, when that is not the usual choice: said whatever the format (stderr). */
  notice?(line: string): void;
  /** The tree's file listing, already asked for (`git ls-files -z --full-name` output). */
  listing?: Promise<Buffer>;
  /** Apply this policy rather than the tree's own (see openCheckContext's `governing`). */
  policy?: PolicyDocument;
}

export type { GuardResult };

/**
 * `slipway guard`: opens the change the flags name (or the tree, or a commit's tree) as
 * `slipway check` does, then runs the deploy layer's guard over it with the CLI's database audit.
 */
export async function runGuard(
  options: GuardOptions,
): Promise<GuardResult & { textOf(file: string): string | undefined }> {
  const opened = await openCheckContext(
    options.cwd,
    options.repo,
    options.tree ? undefined : options,
    options.env,
    options.listing,
    options.policy,
  );
  const { context } = opened;
  if (context.governing.notice) (options.notice ?? options.log)?.(context.governing.notice);
  // Nothing between the base and the head (the production branch itself): the guard judges what
  // a promote of it would, the tree less what production already ran, not an empty change that
  // passes whatever the tree holds (a "No findings" that promote's guard would then contradict).
  let change = opened.change;
  if (change && change.files.length === 0 && change.commits.length === 0) {
    // The governing policy's notice already says there was no change to judge, when it applied.
    if (!context.governing.notice)
      (options.notice ?? options.log)?.(
        `slipway guard: nothing changed from ${change.base.slice(0, 12)} to ${change.branch ?? change.head}; judging the tree, as a promote of it would`,
      );
    change = undefined;
  }
  const result = await guard(
    {
      root: context.root,
      env: options.env,
      policy: context.policy,
      // The change's own policy, when the base's governs: validated and its effect reported (POL).
      ...(context.governing.head ? { headPolicy: context.governing.head } : {}),
      repo: context.repo,
      ...(change ? { change } : {}),
      workspace: context.workspace,
      ...(options.only ? { only: options.only } : {}),
      steps: guardSteps,
    },
    { onProgress: (e) => options.log?.(e.message) },
  );
  // The files as the guard read them, for the terminal report's code frames.
  return { ...result, textOf: (file) => context.repo.readFile(file) };
}
