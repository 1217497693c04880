import * as z from 'zod/mini';
import { DEFAULT_PRODUCTION_BRANCH } from '../policy-files.js';
import { agentsSection } from './agents.js';
import { defaulted, described, nonEmpty, optional } from './common.js';
import { dependenciesSection } from './dependencies.js';
import { deploySection } from './deploy.js';
import { migrationsSection } from './migrations.js';
import { hooksSection, labelsSection, policySurfaceSection } from './policy-surface.js';
import { protectedSection } from './protected.js';
import { extendsSpec } from './extends.js';
import { repoPath } from './repo-path.js';
import { updateSection } from './update.js';
import { waiversSection } from './waivers.js';

/**
 * The v1 policy file. Every section is optional: a rule family runs only when its section is
 * present. Objects are strict so that a misspelt key is an error at that key, not silence.
 * `rules:` values are checked by POL003 (not here) so that one bad entry does not hide the rest.
 */
export const policySchema = z.strictObject({
  version: described(z.literal(1), 'Policy format version; always 1.'),
  extends: optional(
    extendsSpec,
    'A base policy this one extends: a repository path, `github:OWNER/REPO/PATH@SHA` or `git+URL#PATH@SHA` (pinned by a full commit SHA), or `npm:NAME@VERSION/PATH#sha512-…` (pinned by the tarball integrity). Tables merge, lists append, other values override; loosening the base is POL006 (docs/guides/extends.md).',
  ),
  production_branch: defaulted(
    nonEmpty(),
    DEFAULT_PRODUCTION_BRANCH,
    'The branch production deploys from; agents never commit to it directly (BR001).',
  ),
  protected: optional(
    protectedSection,
    'Paths whose changes need a human review, recorded as a label (PATH001, PATH003).',
  ),
  agents: optional(
    agentsSection,
    'Where AI agents work, who they are and what they may edit (PATH002, PATH003, BR001–BR003).',
  ),
  policy_surface: optional(
    policySurfaceSection,
    'The policy file, CI workflows and agent instruction files need the protected label to change, never on an agent branch (PATH004); extend or opt out here.',
  ),
  hooks: optional(
    hooksSection,
    'The agent gate `slipway hook <agent>`: `fail_open` lets a call through when it cannot be judged (off: refused), `log_allows` logs allowed calls too.',
  ),
  labels: optional(
    labelsSection,
    'Where approval labels must come from (`verify: github`: applied by neither the author nor an agent account).',
  ),
  dependencies: z.optional(dependenciesSection),
  migrations: optional(
    migrationsSection,
    'Alembic trees, SQL migration files and the databases they run on (MIG*, DB*).',
  ),
  deploy: optional(
    deploySection,
    'The deploy record, its audit log and the environments promote and rollback use (REC*, AUD*).',
  ),
  update: z.optional(updateSection),
  baseline: optional(
    repoPath(),
    'The findings baseline `slipway baseline` writes and `check`/`guard` read (default `.slipway/baseline.json`): findings it holds are reported as baselined, not as findings. Policy surface (PATH004): a change may drop entries, adding one needs the protected label.',
  ),
  max_waiver_days: optional(
    z.number().check(z.int(), z.gte(1)),
    'The longest a `slipway: allow` comment may last: each must end (`allow RULE until YYYY-MM-DD -- reason`) within this many days of the check. One with no end, or ending later, lifts nothing and is SUP004. Raising or dropping it loosens the policy (POL004).',
  ),
  waivers: optional(
    waiversSection,
    'Exceptions that end by themselves: a rule, the files, the last day, the reason and who approved it. Past `until` the findings come back (SUP003); longer than `max_waiver_days` lifts nothing (SUP004).',
  ),
  rules: defaulted(
    z.record(z.string(), z.unknown()),
    {},
    'Severity per rule id: off, error, warning or info (POL003 checks the ids and values).',
  ),
});

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
export { DEFAULT_POSTGRES_VERSION, type SqlRunner } from './migrations.js';
export type { PolicyWaiver } from './waivers.js';
export { AGENT_PRESET_IDS, type AgentPresetId } from './agents.js';
