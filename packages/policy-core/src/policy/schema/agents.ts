import { z } from 'zod';
import { patternList } from './common.js';

/** Seed 000: agent branches, identities and the allow-list of what agents may edit. */
export const agentsSection = z
  .object({
    branches: patternList
      .default(['auto/*'])
      .describe('Branch name patterns where agents work (`*` does not cross `/`).'),
    identities: z
      .array(z.string().min(1))
      .default([])
      .describe('Agent committer/author e-mails or names; `*` is the only wildcard.'),
    allowed: patternList.default([]).describe('gitignore-style patterns agents may edit on their branches.'),
    dependency_branch: z
      .string()
      .default('auto/dependency-upgrade-YYYYMMDD-NNN')
      .describe('Name agents must use for dependency upgrades; YYYYMMDD is a date, NNN a number.'),
  })
  .strict();
