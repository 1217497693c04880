import type { MigrationDialect, SqlRunner } from '../policy/schema/migrations.js';
import { agentPresetsFound } from './agent-files.js';
import { guessAppliedThrough } from './applied-through.js';
import { databaseAudit, detectDialect } from './database-dialect.js';
import { type DetectedPair, detectDependencies } from './dependency-layout.js';
import type { LayoutReader } from './layout-reader.js';
import { detectMigrations } from './migration-layout.js';
import { detectDjango, djangoSettingsSurface } from './django-layout.js';
import { detectJsMigrations } from './js-migration-layout.js';
import { unjudgedAtInit } from './unjudged-at-init.js';
import { basename, dirnameSlash, foldersOf } from '../repo-paths.js';
import { RULE_IDS } from '../rule-ids.generated.js';
import type { JsSeriesEntry } from '../migrations/js-series-entries.js';

export type { LayoutReader } from './layout-reader.js';
export type { DetectedPair } from './dependency-layout.js';

/** What `slipway init` found in a repository, to write a policy that fits it. */
export interface Detected {
  protectedPaths: string[];
  agentAllowed: string[];
  dependencies: DetectedPair[];
  alembic: string[];
  sql: string[];
  /** `migrations.django`: Django apps' migrations folders (globs where exact). */
  django: string[];
  /** `migrations.knex`, `migrations.typeorm`, `migrations.sequelize`, ...: their migrations folders. */
  /** A folder, or `{ folders }` for a knexfile's list of directories (one series). */
  knex: JsSeriesEntry[];
  /** A folder, or `{ folders }` for one data source's array drawing on several (one series). */
  typeorm: JsSeriesEntry[];
  sequelize: string[];
  kysely: string[];
  mikro_orm: string[];
  /** What runs the .sql migrations, when init recognised it. */
  sqlRunner?: SqlRunner;
  /** The database the migrations run on, when a URL or image names it, and where it was found. */
  dialect?: { name: MigrationDialect; evidence: string };
  /** Whether `migrations.databases` is written: the audit reads PostgreSQL only (databaseAudit). */
  auditDatabases: boolean;
  /** `migrations.applied_through` without a deploy record: what is committed is taken as run. */
  appliedThrough: string[];
  deployRecord?: string;
  auditLog?: string;
  updateConfig?: string;
  /** The agent presets the repository's own files point to (CLAUDE.md: claude). */
  agentPresets: { preset: string; file: string }[];
  /**
   * The histories and dependency layouts the proposed policy leaves unjudged (layouts/), one line
   * each: in the decisions, and a comment of the policy.
   */
  unjudged: string[];
  /** One line per decision, what was found and why it is (or is not) in the policy. */
  decisions: string[];
}

/** The file init writes; it protects itself, since whoever edits it can loosen every rule. */
export const POLICY_FILE = 'slipway.yaml';

/** Where agents may work when nothing else is known: documentation, and only when it exists. */
const CONSERVATIVE_AGENT_FOLDERS = ['docs/'];

/**
 * Finds the parts of a repository a policy has sections for (dependency pairs, Alembic trees,
 * SQL migrations, the deploy record, the updater config) and proposes protected and agent paths
 * from what exists, never from a template. Pure: `files` are repository paths, `reader` answers
 * for their contents.
 */
export function detectLayout(files: readonly string[], reader: LayoutReader): Detected {
  const dirs = foldersOf(files);
  const deps = detectDependencies(files, reader);
  const migrations = detectMigrations(files, reader);
  const django = detectDjango(files, reader);
  const js = detectJsMigrations(files, reader);
  const decisions = [...deps.decisions, ...migrations.decisions, ...django.decisions, ...js.decisions];
  // pip-tools inputs hold ranges by design; DEP001 would flag every one (see renderPolicy).
  // Elsewhere the requirements are the pins: say up front what DEP001 will flag.
  for (const p of deps.pairs)
    if (p.unpinned > 0)
      decisions.push(
        p.layout === 'pip-tools'
          ? `${p.requirements}: ${p.unpinned} requirement${p.unpinned === 1 ? ' is a range' : 's are ranges'} (pip-tools input); ${RULE_IDS.unpinnedRequirement} off, ${p.lock} holds the pins`
          : `${p.requirements}: ${p.unpinned} requirement${p.unpinned === 1 ? ' is' : 's are'} not pinned with ==; ${RULE_IDS.unpinnedRequirement} flags ${p.unpinned === 1 ? 'it (pin it' : 'them (pin them'}, or compile ${p.lock} from a .in file with pip-tools)`,
      );

  const deployRecord = files.find((f) => basename(f) === 'LAST_PROD_DEPLOY.json');
  const auditLog = deployRecord ? `${dirnameSlash(deployRecord)}deploy-audit.jsonl` : undefined;
  if (deployRecord)
    decisions.push(
      `${deployRecord}: deploy record, with its audit log ${auditLog}${files.includes(auditLog ?? '') ? '' : ' (written by the first promote)'}`,
    );
  // Before the first promote there is no record of what production runs: today's migrations
  // are taken as run, and said so. With a record, the record decides.
  const applied = deployRecord
    ? { entries: [], decisions: [] }
    : guessAppliedThrough(files, reader, migrations.alembic, migrations.sqlMigrations, django.folders, js);
  decisions.push(...applied.decisions);
  // A migration tool's own word (Prisma's provider, Drizzle's dialect) beats a URL found elsewhere.
  const tool = migrations.dialect;
  const database = tool
    ? {
        dialect: tool.name,
        evidence: tool.evidence,
        decisions: [
          `database: ${tool.name} (from ${tool.evidence}); ${tool.name === 'postgresql' ? 'the PostgreSQL lock rules apply' : "PostgreSQL's lock rules stay silent, the rules on lost data and reversibility still judge"} (migrations.dialect)`,
        ],
      }
    : migrations.alembic.length ||
        migrations.sqlMigrations.length ||
        django.folders.length ||
        js.knex.length ||
        js.typeorm.length ||
        js.sequelize.length ||
        js.kysely.length ||
        js.mikro_orm.length
      ? detectDialect(files, reader, migrations.alembic)
      : { decisions: [] };
  decisions.push(...database.decisions);
  const audit = databaseAudit(database);
  if (audit.decision && migrations.alembic.length > 0) decisions.push(audit.decision);
  const unjudged = unjudgedAtInit(files, reader, {
    alembic: migrations.alembic,
    sql: migrations.sqlPatterns,
    django: django.entries,
    knex: js.knex,
    typeorm: js.typeorm,
    sequelize: js.sequelize,
    kysely: js.kysely,
    mikro_orm: js.mikro_orm,
    dependencies: deps.pairs,
  });
  for (const line of unjudged.lines) decisions.push(`not judged: ${line}`);
  const updateConfig =
    files.find((f) => f === 'config/update.toml') ?? files.find((f) => f.endsWith('/config/update.toml'));
  if (updateConfig) decisions.push(`${updateConfig}: self-update config`);

  const protectedPaths = [
    // The whole Alembic tree (env.py and script.py.mako shape every migration too), and the
    // migrations of every database, PostgreSQL's or not.
    ...migrations.protect,
    ...django.entries.map((e) => `${e}/`),
    // The settings MIG037 reads for a lock_timeout on every connection, and the entry points that
    // pick them: an edit there could silence it, so an agent's edit is a protected-path finding.
    ...(django.folders.length ? djangoSettingsSurface(files, reader) : []),
    ...js.protect,
    // Migrations no reader judges: no rule reviews an agent's edit there, a person does.
    ...unjudged.migrationFolders,
    ...(dirs.has('.github/workflows/') ? ['.github/workflows/'] : []),
    POLICY_FILE,
    ...(deployRecord ? [deployRecord] : []),
    ...(auditLog && files.includes(auditLog) ? [auditLog] : []),
  ];
  decisions.push(
    `protected: ${protectedPaths.join(', ')} (migrations${django.folders.length ? ', the Django settings MIG037 reads' : ''}, CI workflows, the policy and the deploy state that exist)`,
  );
  const agentPresets = agentPresetsFound(files);
  if (agentPresets.length)
    decisions.push(
      `agents at work here: ${agentPresets.map((a) => `${a.preset} (${a.file})`).join(', ')}; their presets are on, so their changes are judged as agents'`,
    );
  const agentAllowed = CONSERVATIVE_AGENT_FOLDERS.filter((d) => dirs.has(d)).map((d) => `/${d}`);
  decisions.push(
    agentAllowed.length
      ? `agents may edit: ${agentAllowed.join(', ')} (documentation; widen by hand)`
      : 'agents may edit: nothing yet (no docs/ folder); list what agents may change by hand',
  );
  return {
    protectedPaths,
    agentAllowed,
    dependencies: deps.pairs,
    alembic: migrations.alembic,
    sql: migrations.sqlPatterns,
    django: django.entries,
    knex: js.knex,
    typeorm: js.typeorm,
    sequelize: js.sequelize,
    kysely: js.kysely,
    mikro_orm: js.mikro_orm,
    ...(migrations.sqlRunner ? { sqlRunner: migrations.sqlRunner } : {}),
    ...(database.dialect ? { dialect: { name: database.dialect, evidence: database.evidence ?? '' } } : {}),
    auditDatabases: audit.write,
    appliedThrough: applied.entries,
    deployRecord,
    auditLog,
    updateConfig,
    agentPresets,
    unjudged: unjudged.lines,
    decisions,
  };
}
