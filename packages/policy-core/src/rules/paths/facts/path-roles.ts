import { minimatch } from 'minimatch';
import { isVersionFile } from '../../../migrations/version-files.js';
import { djangoAppLabel, isDjangoMigrationFile } from '../../../migrations/django-files.js';
import { migrationsThatMayImport, substitutingMigrations } from '../../../migrations/js-import-candidates.js';
import { isJsMigrationFile } from '../../../migrations/js-migration-file.js';
import { JS_TOOLS, jsToolName } from '../../../migrations/js-tools.js';
import { migrationLocations } from '../../../migrations/migration-locations.js';
import { seriesName } from '../../../migrations/tree-folders.js';
import { normalizeRepoPath, PathMatcher } from '../../../paths/index.js';
import { dependencyPairs } from '../../../policy/dependency-pairs.js';
import {
  detectLockFormat,
  isNpmFormat,
  REGISTRY_FILE_NAMES,
} from '../../../requirements/dependency-file-names.js';
import { dirnameSlash } from '../../../repo-paths.js';
import { withoutTrailingSlashes } from '../../../trailing-slashes.js';
import type { PolicyDocument } from '../../../policy/document.js';
import type { RepoView } from '../../../repo.js';
import { pathPolicy } from '../../../policy/path-policy.js';
import { ciLocalActions } from '../../../policy/ci-local-actions.js';
import { dependencyReaders } from '../../dependency-readers.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';
import type { RuleFamilyId } from '../../../rule.js';

/**
 * What else Slipway does with a path, beyond protection and the agents' allow-list
 * (explain-path.ts): whether it is policy surface, a dependency file, a migration (and which
 * runner reads it), the deploy record or audit log, the updater's config or state. One sentence
 * each, for `slipway explain <path>`; an empty list when the policy reads it as nothing.
 */
export function pathRoles(doc: PolicyDocument, repo: RepoView, rawPath: string): string[] {
  return pathRoleReader(doc, repo)(rawPath).map((r) => r.text);
}

/** A file of SQL text that a migration may read or include (not itself a migration). */
const SQL_TEXT = /\.(?:sql|psql|pgsql)$/i;

/** One thing the policy does with a path: the rule family that reads it, and the sentence. */
export interface PathRole {
  family: RuleFamilyId;
  text: string;
  /**
   * Other files whose findings a write of this one may bring: the migrations that take values
   * from a module (a rewritten enum member changes what they run, the migration file untouched).
   */
  judgedWith?: readonly string[];
}

/**
 * pathRoles with the family of each, for many paths: the agent gate runs only the families the
 * paths a call writes concern. The workflows' local actions are read once per reader, when a path
 * first needs them, not once per path (a removed folder is thousands of paths).
 */
export function pathRoleReader(doc: PolicyDocument, repo: RepoView): (rawPath: string) => PathRole[] {
  let actions: ReturnType<typeof ciLocalActions> | undefined;
  let sources: ReturnType<typeof migrationLocations> | undefined;
  let includes: Map<string, string> | undefined;
  let substituting: Map<string, string> | undefined;
  const read: RepoReads = {
    localActions: () => {
      actions ??= ciLocalActions(repo, (p) => repo.readFile(p));
      return actions;
    },
    migrationLocations: (section) => {
      sources ??= migrationLocations(repo, section);
      return sources;
    },
    dependencyIncludes: () => {
      if (includes === undefined) {
        const pairs = dependencyPairs(doc.policy).map((p) => p.pair);
        // pip's parser reads the includes; a policy without pairs loads no reader (dependency-readers.ts).
        // Stryker disable next-line ConditionalExpression,EqualityOperator: no pair includes no file either way; the test spares loading the reader (dependency-readers.test.ts)
        includes = pairs.length > 0 ? dependencyReaders().dependencyIncludes(repo, pairs) : new Map();
      }
      return includes;
    },
    jsImporters: (folders, path) => {
      // The folders are the policy's, the same for every path of this reader.
      substituting ??= substitutingMigrations(repo.listFiles(), folders, (p) => repo.readFile(p));
      return migrationsThatMayImport(substituting, path);
    },
  };
  return (rawPath) => roleFacts(doc, rawPath, read);
}

/** What the roles read of the repository, each read once per reader. */
interface RepoReads {
  localActions(): ReturnType<typeof ciLocalActions>;
  migrationLocations(
    section: NonNullable<PolicyDocument['policy']['migrations']>,
  ): ReturnType<typeof migrationLocations>;
  /** The files requirements-style pairs include with -r/-c, each with the pair file leading to it. */
  dependencyIncludes(): Map<string, string>;
  /** The JS/TS migrations of `folders` that may import `path` (js-import-candidates.ts). */
  jsImporters(folders: readonly string[], path: string): string[];
}

function roleFacts(doc: PolicyDocument, rawPath: string, read: RepoReads): PathRole[] {
  const path = normalizeRepoPath(rawPath);
  const { policy, file } = doc;
  const out: PathRole[] = [];
  const push = (family: RuleFamilyId) => (text: string) => out.push({ family, text });
  const pp = pathPolicy(doc);
  if (pp.surfaceMatcher.matches(path)) {
    const pattern = pp.surfaceMatcher.explain(path).source?.pattern ?? '';
    const what = pp.surfaceWhat.get(pattern) ?? `policy surface by \`${pattern}\` (policy_surface.extra)`;
    push('PATH')(
      `${path}: ${what}, part of the policy surface: agents never change it, people need the label (${RULE_IDS.policySurfaceChanged})`,
    );
  } else {
    const action = read.localActions().which(path);
    if (action)
      push('PATH')(
        `${path}: part of the local action \`./${action.dir}\` CI runs (${action.usedBy} line ${action.line}), policy surface: agents never change it, people need the label (${RULE_IDS.policySurfaceChanged})`,
      );
  }
  for (const { pair, path: at } of dependencyPairs(policy)) {
    const where = `${file} line ${doc.locate(at, 'key').start.line + 1}`;
    if (normalizeRepoPath(pair.requirements) === path)
      push('DEP')(
        `${path}: the requirements file of a dependency pair, with lock ${pair.lock} (${where}; DEP rules)`,
      );
    const lock = normalizeRepoPath(pair.lock);
    if (lock === path)
      push('DEP')(`${path}: the lock of a dependency pair, for ${pair.requirements} (${where}; DEP rules)`);
    if (!isNpmFormat(detectLockFormat(lock, pair.lock_format))) continue;
    const dir = dirnameSlash(lock);
    if (REGISTRY_FILE_NAMES.some((name) => `${dir}${name}` === path))
      push('DEP')(
        `${path}: where installs beside the lock ${pair.lock} fetch from (${where}; an agent's change pointing it at a registry outside the pair's: ${RULE_IDS.npmrcRegistryOnAgentChange})`,
      );
    else if (path === `${dir}pnpm-workspace.yaml`)
      push('DEP')(`${path}: the workspace file beside the lock ${pair.lock} (${where}; DEP rules)`);
    else if (
      path !== normalizeRepoPath(pair.requirements) &&
      path.startsWith(dir) &&
      (path.endsWith('/package.json') || path === 'package.json') &&
      !path.slice(dir.length).split('/').includes('node_modules')
    )
      // A workspace's package.json is read with the pair (npm-pair-facts.ts): judging every
      // manifest under the lock's folder costs a read of the lock; missing a member lets an
      // agent's new dependency or install script past the gate.
      push('DEP')(
        `${path}: a package.json under the folder of the lock ${pair.lock}; if the lock or the workspace globs name it, its declarations are judged with the pair (${where}; DEP rules)`,
      );
  }
  const includedBy = out.some((r) => r.family === 'DEP') ? undefined : read.dependencyIncludes().get(path);
  if (includedBy !== undefined)
    push('DEP')(`${path}: included (-r/-c) by ${includedBy}, so judged with its dependency pair (DEP rules)`);
  const migrations = policy.migrations;
  if (migrations) {
    // Where the migrations are takes a listing of the repository: asked only for a path that
    // could be one (a write to docs/ in the agent gate lists nothing).
    const sources = () => read.migrationLocations(migrations);
    // The folders the MIG rules read (Alembic's usual alembic/versions when the key is absent).
    const root = isVersionFile(path) ? sources().alembic.find((r) => path.startsWith(`${r}/`)) : undefined;
    if (root)
      push('MIG')(
        `${path}: an Alembic revision of the tree ${root}, run on ${migrations.dialect} (MIG rules)`,
      );
    const app = isDjangoMigrationFile(path)
      ? sources().django?.find((r) => path.startsWith(`${r}/`) && !path.slice(r.length + 1).includes('/'))
      : undefined;
    if (app)
      push('MIG')(
        `${path}: a Django migration of the app ${djangoAppLabel(app)} (migrations.django), run on ${migrations.dialect}: its operations judged as the tables and columns Django makes of them, its dependencies as the app's migration graph (MIG rules)`,
      );
    // Each JS/TS tool's folder: the JS/TS files directly in it (js-tree.ts).
    for (const tool of isJsMigrationFile(path) ? JS_TOOLS : []) {
      const name = jsToolName(tool);
      const folder = sources()[tool]?.find((r) => dirnameSlash(path) === (r === '' ? '' : `${r}/`));
      // A folder of a series over several (TypeORM's `{ folders }`) is judged with the others.
      const series = sources().jsSeries?.[tool]?.find((g) => folder !== undefined && g.includes(folder));
      if (folder !== undefined)
        push('MIG')(
          `${path}: a ${name} migration of the ${series ? `series ${seriesName({ root: series[0] as string, folders: series })}` : `folder ${folder || '.'}`} (migrations.${tool}), run on ${migrations.dialect} (MIG rules)`,
        );
    }
    // A module a JS/TS migration takes strings from (`${Enum.MEMBER}`): judged with the migrations
    // that read it (js-import-changes.ts), when one may.
    if (!out.some((r) => r.family === 'MIG') && /\.[mc]?[jt]s$/.test(path)) {
      const folders = JS_TOOLS.flatMap((tool) => sources()[tool] ?? []);
      const readers = folders.length > 0 ? read.jsImporters(folders, path) : [];
      if (readers.length > 0)
        out.push({
          family: 'MIG',
          text: `${path}: a module ${readers.length === 1 ? `the migration ${readers[0]}` : `${readers.length} migrations`} may take values from: judged with each migration that reads it, on ${migrations.dialect} (MIG rules)`,
          judgedWith: readers,
        });
    }
    // Stryker disable next-line ArrayDeclaration: without migrations.sql, a list of a pattern no .sql path has matches nothing either
    const sql = migrations.sql ?? [];
    // An empty list matches nothing: no migrations.sql, no .sql migration.
    if (path.endsWith('.sql') && new PathMatcher(sql).matches(path))
      push('MIG')(
        `${path}: a .sql migration (migrations.sql) run on ${migrations.dialect}, read as ${migrations.sql_runner ?? 'plain'} runs it (MIG rules)`,
      );
    else if (SQL_TEXT.test(path))
      // Which revision reads it is known only once every migration is read: a change to it is
      // judged at the revisions that run it (loaded-sql.ts, psql-include.ts), so the gate runs
      // the MIG rules on any SQL written while the policy has migrations. (No other MIG role
      // above reads a .sql, .psql or .pgsql file.)
      push('MIG')(
        `${path}: SQL a migration may run (a revision's op.execute reading the file, a psql \\i including it): judged with each migration that runs it, on ${migrations.dialect} (MIG rules)`,
      );
  }
  const deploy = policy.deploy;
  if (deploy && normalizeRepoPath(deploy.record) === path)
    push('REC')(`${path}: the deploy record (REC rules; written by promote and rollback)`);
  if (deploy && normalizeRepoPath(deploy.audit_log) === path)
    push('AUD')(`${path}: the deploy audit log (AUD rules; hash-chained, appended by every deploy)`);
  const update = policy.update;
  if (update && normalizeRepoPath(update.config) === path)
    push('UPD')(`${path}: the self-updater's config (UPD rules)`);
  if (
    update &&
    minimatch(path, `${withoutTrailingSlashes(update.state)}/{version,update_state}.json`, { dot: true })
  )
    push('UPD')(`${path}: a state file of the self-updater (${RULE_IDS.invalidStateFile})`);
  return out;
}
