import { z } from 'zod';

/** A repo-relative path or gitignore-style pattern, as written in the policy. */
export const pattern = z.string().min(1, 'a pattern must not be empty');
export const patternList = z.array(pattern);

/** A command given as an argv list: never a shell string built from input. */
export const argv = z.array(z.string()).min(1, 'a command needs at least the program name');
