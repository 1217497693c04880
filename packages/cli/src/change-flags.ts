import type { ReadChangeSetOptions } from '@slipway/policy-core/node';

/** The flags of `check` and `guard` that say which change to read. */
export interface ChangeFlags {
  base?: string;
  head?: string;
  branch?: string;
  labels?: string[];
}

/** The change-set request `check` and `guard` make for these flags. */
export function changeSetOptions(
  root: string,
  productionBranch: string,
  flags: ChangeFlags,
  env: Readonly<Record<string, string | undefined>>,
): ReadChangeSetOptions {
  return {
    repo: root,
    base: flags.base,
    head: flags.head,
    branch: flags.branch,
    labels: flags.labels?.length ? flags.labels : undefined,
    productionBranch,
    env,
  };
}
