import * as z from 'zod/mini';
import { validatePattern } from '../../paths/validate-pattern.js';

export { defaulted, described, nonEmpty, optional, optionalString } from '../../zod-kit.js';

/**
 * A repo-relative path pattern (gitignore syntax), as written in the policy. A pattern that
 * matches nothing or surely means something else (`***`, `\` separators, an unclosed `[`) is a
 * POL001 error at that pattern, with what to write instead.
 */
export const pattern = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = validatePattern(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);
export const patternList = z.array(pattern);

/** A command given as an argv list: never a shell string built from input. */
export const argv = z.array(z.string()).check(z.minLength(1, 'a command needs at least the program name'));
