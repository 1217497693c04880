import * as z from 'zod/mini';
import { AGENT_PRESET_IDS } from '../../agents/presets.js';
import { described, nonEmpty, patternList } from './common.js';

const cap = () => z.number().check(z.int(), z.gte(0));

/** The keys of `agents.limits`, one AGT rule each; the schema below and POL004 read this list. */
export const AGENT_CAP_KEYS = ['files', 'lines', 'new_dependencies', 'migrations', 'deleted_files'] as const;
export type AgentCapKey = (typeof AGENT_CAP_KEYS)[number];

/** Agent branches, identities and the allow-list of what agents may edit. */
export const agentsSection = z.strictObject({
  branches: described(
    z._default(patternList, ['auto/*']),
    'Branch name patterns where agents work (`*` does not cross `/`).',
  ),
  identities: described(
    z._default(z.array(nonEmpty()), []),
    'Agent committer/author e-mails or names; `*` is the only wildcard.',
  ),
  accounts: described(
    z._default(z.array(nonEmpty()), []),
    'GitHub logins of agents (`*` is the only wildcard): a label they apply does not count under `labels.verify: github`.',
  ),
  // Absent and empty differ on purpose: `[]` is an allow-list that allows nothing (fail closed),
  // an absent key is no allow-list at all (PATH002 off, protected paths still apply).
  allowed: described(
    z.optional(patternList),
    'gitignore-style patterns agents may edit on their branches; `[]` allows nothing, leaving the key out leaves agent branches unlimited (PATH002 off).',
  ),
  presets_off: described(
    z._default(
      z.array(
        z.strictObject({
          preset: described(z.enum(AGENT_PRESET_IDS), 'The preset turned off (docs/agents.md lists them).'),
          reason: described(nonEmpty(), 'Why: a reviewer reads it in the POL005 finding.'),
        }),
      ),
      [],
    ),
    'Known agents and bots are recognised by default (their branches, accounts, e-mails and commit trailers); each entry here turns one preset off, with a reason (POL005 shows it).',
  ),
  limits: described(
    z.optional(
      z.strictObject({
        files: described(z.optional(cap()), 'Files an agent change may touch (a rename counts once).'),
        lines: described(
          z.optional(cap()),
          'Lines it may add and remove, together (binary files count none).',
        ),
        new_dependencies: described(
          z.optional(cap()),
          'Packages it may add to the requirements files under `dependencies`.',
        ),
        migrations: described(
          z.optional(cap()),
          'Migration files (Alembic revisions, .sql migrations) it may add.',
        ),
        deleted_files: described(z.optional(cap()), 'Files it may delete.'),
      } satisfies Record<AgentCapKey, unknown>),
    ),
    'Caps on what one agent change may do, against its base (AGT001–AGT005); the approval label lifts them.',
  ),
  dependency_branch: described(
    z._default(z.string(), 'auto/dependency-upgrade-YYYYMMDD-NNN'),
    'Name agents must use for dependency upgrades; YYYYMMDD is a date, NNN a number.',
  ),
});
