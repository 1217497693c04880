import { z } from 'zod';
import { agentsSection } from './agents.js';
import { dependenciesSection } from './dependencies.js';
import { deploySection } from './deploy.js';
import { migrationsSection } from './migrations.js';
import { protectedSection } from './protected.js';
import { updateSection } from './update.js';

/**
 * The v1 policy file. Every section is optional: a rule family runs only when its section is
 * present. Objects are strict so that a misspelt key is an error at that key, not silence.
 * `rules:` values are checked by POL003 (not here) so that one bad entry does not hide the rest.
 */
export const policySchema = z
  .object({
    version: z.literal(1),
    production_branch: z.string().min(1).default('main'),
    protected: protectedSection.optional(),
    agents: agentsSection.optional(),
    dependencies: dependenciesSection.optional(),
    migrations: migrationsSection.optional(),
    deploy: deploySection.optional(),
    update: updateSection.optional(),
    rules: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
