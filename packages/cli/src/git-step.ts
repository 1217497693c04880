import { GitError } from '@slipway/policy-core/node';
import { UserError } from './command.js';

/**
 * Runs a git step so that a problem the user can fix (not a repository, an unknown ref, a
 * shallow clone) exits 2 in one line: a GitError it throws, or its promise rejects with, becomes
 * a UserError; anything else passes through as it is.
 */
export function gitStep<T>(step: () => T): T {
  try {
    const out = step();
    return (out instanceof Promise ? out.catch(asUserError) : out) as T;
  } catch (err) {
    return asUserError(err);
  }
}

function asUserError(err: unknown): never {
  if (err instanceof GitError) throw new UserError(err.message);
  throw err;
}
