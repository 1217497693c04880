import * as z from 'zod/mini';

/**
 * Why a configured path would lead outside the repository, or undefined when it stays inside.
 * Slipway reads (and `--fix` writes) the files the policy names; a policy in a pull request must
 * not make CI read `/etc/passwd` or `../../secrets` and quote them back in findings.
 */
export function pathOutsideRepo(path: string): string | undefined {
  if (/^(\/|\\|[A-Za-z]:[\\/]|~)/.test(path))
    return `\`${path}\` is an absolute path; paths in the policy are relative to the repository root`;
  if (path.split(/[\\/]/).includes('..'))
    return `\`${path}\` climbs out with \`..\`; paths in the policy stay inside the repository`;
  return undefined;
}

/** A non-empty repository-relative path that stays inside the repository. */
export const repoPath = () =>
  z.string().check(
    z.minLength(1, 'must not be empty'),
    z.superRefine((value, ctx) => {
      const problem = pathOutsideRepo(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );
