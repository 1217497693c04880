import type { MigrationLocations } from '../migrations/migration-locations.js';
import type { RepoView } from '../repo.js';
import type { Workspace } from '../workspace.js';
import type { RuleFamily, RuleFamilyId } from '../rule.js';
import { agentCapFamily } from './agents/family.js';
import { branchFamily } from './branches/family.js';
import { pathFamily } from './paths/family.js';

/**
 * The families the agent gate may run. Paths, caps and branches run on every call it judges
 * (gateFamilyIds): imported with it, so the CLI's build puts them in the gate's own file instead
 * of a dozen chunks of their own and the ones they share (each file costs Node's loader about
 * half a millisecond). The others are imported on demand.
 */
const LOADERS = {
  POL: () => import('./policy/family.js').then((m) => m.policyFamily),
  PATH: () => Promise.resolve(pathFamily),
  AGT: () => Promise.resolve(agentCapFamily),
  BR: () => Promise.resolve(branchFamily),
  DEP: () => import('./dependencies/family.js').then((m) => m.dependencyFamily),
  MIG: () => import('./migrations/family.js').then((m) => m.migrationFamily),
  REC: () => import('./deploy-record/family.js').then((m) => m.deployRecordFamily),
  AUD: () => import('./audit-log/family.js').then((m) => m.auditLogFamily),
  UPD: () => import('./update/family.js').then((m) => m.updateFamily),
} satisfies Partial<Record<RuleFamilyId, () => Promise<RuleFamily>>>;

export type LoadableFamilyId = keyof typeof LOADERS;

/**
 * The families named, each loaded (imported) only now: the same instances rules/families.ts
 * lists. An agent's hook runs before every tool call, and a write to docs needs the path rules,
 * not the SQL parser's rules or the lock-file readers.
 */
export function loadFamilies(ids: readonly LoadableFamilyId[]): Promise<RuleFamily[]> {
  return Promise.all(ids.map((id) => LOADERS[id]()));
}

/**
 * The parsers the migrations in `repo` need (`initParsersFor`, asking the workspace's analyzer
 * which .sql files it already knows), imported with them only now: a tool call that writes no
 * migration loads neither the SQL nor the Python parser's reader, nor the migration analyzer.
 */
export async function loadParsersFor(
  repo: RepoView,
  section: MigrationLocations,
  workspace: Workspace,
): Promise<void> {
  const [{ initParsersFor }, { migrationsOf }] = await Promise.all([
    import('../migrations/parsers-for.js'),
    import('../workspace-migrations.js'),
  ]);
  await initParsersFor(repo, section, migrationsOf(workspace));
}
