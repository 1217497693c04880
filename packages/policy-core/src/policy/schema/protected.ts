import * as z from 'zod/mini';
import { defaulted, described, nonEmpty, patternList } from './common.js';

/** Protected paths: a change to them needs a person's approval label. */
export const protectedSection = z.strictObject({
  label: defaulted(nonEmpty(), 'approved-core-change', 'Label that approves changes to protected paths.'),
  paths: described(patternList, 'gitignore-style patterns of protected paths.'),
});
