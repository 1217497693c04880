import { z } from 'zod';
import { patternList } from './common.js';

/** Seed 000/001: protected paths need an approval label. */
export const protectedSection = z
  .object({
    label: z
      .string()
      .min(1)
      .default('approved-core-change')
      .describe('Label that approves changes to protected paths.'),
    paths: patternList.describe('gitignore-style patterns of protected paths.'),
  })
  .strict();
