import type { SqlRunner } from '../policy/schema/migrations.js';
import { legacyDriverDatabase, notReadReason, type ToolDatabase, toolDatabase } from './tool-dialects.js';
import { readDrizzleJournal } from '../migrations/drizzle-journal.js';
import type { LayoutReader } from './layout-reader.js';
import { basename, dirnameSlash } from '../repo-paths.js';
import { type DrizzleOut, drizzleOut } from './drizzle-out.js';

/**
 * Migration series a JavaScript tool writes, found by the tool's own files: Prisma Migrate's
 * `migrations/migration_lock.toml` (or `<timestamp>_<name>/migration.sql` folders beside a
 * `schema.prisma`), Drizzle's `meta/_journal.json` (or the `out:` folder a `drizzle.config.*`
 * names). Each is ONE series, however many migrations it holds: one `migrations.sql` pattern,
 * one decision line, one `applied_through` entry (issue 51: 163 Prisma folders were 163 of each).
 */
export interface ToolSeries {
  tool: 'prisma' | 'drizzle';
  /** The series' folder, with its trailing slash. */
  folder: string;
  /** The `migrations.sql` pattern of its migrations. */
  pattern: string;
  /** Its migration files. */
  migrations: string[];
  /** The file that said so. */
  said: string;
  /** The database the tool says it runs on: a dialect Slipway reads, or another name. */
  database?: ToolDatabase;
}

export const TOOL_RUNNER: Record<ToolSeries['tool'], SqlRunner> = { prisma: 'prisma', drizzle: 'drizzle' };

const VENDORED = /(^|\/)node_modules\//;
/** A Prisma migration folder's name: a timestamp (or any digits) then the name. */
const PRISMA_FOLDER = /^\d+_[^/]*$/;

export function toolMigrationSeries(
  files: readonly string[],
  reader: LayoutReader,
  notes?: string[],
): ToolSeries[] {
  const out = new Map<string, ToolSeries>();
  const add = (s: Omit<ToolSeries, 'migrations' | 'pattern'>, migrations: string[], pattern: string) => {
    if (!out.has(s.folder) && migrations.length > 0) out.set(s.folder, { ...s, migrations, pattern });
  };
  const live = files.filter((f) => !VENDORED.test(f));
  // Prisma: the lock file, else folders of migration.sql beside a schema.prisma.
  const prismaFolders = new Map<string, string>();
  for (const f of live) if (basename(f) === 'migration_lock.toml') prismaFolders.set(dirnameSlash(f), f);
  for (const f of live)
    if (basename(f) === 'schema.prisma' && live.some((g) => g.startsWith(`${dirnameSlash(f)}migrations/`)))
      if (!prismaFolders.has(`${dirnameSlash(f)}migrations/`))
        prismaFolders.set(`${dirnameSlash(f)}migrations/`, f);
  for (const [folder, said] of prismaFolders) {
    const migrations = live.filter((f) => {
      const rest = f.slice(folder.length);
      return (
        f.startsWith(folder) && rest.endsWith('/migration.sql') && PRISMA_FOLDER.test(rest.slice(0, -14))
      );
    });
    const provider = prismaProvider(said, folder, live, reader);
    add(
      { tool: 'prisma', folder, said, ...(provider ? { database: provider } : {}) },
      migrations,
      `${folder}*/migration.sql`,
    );
  }
  // Drizzle: each journal, then the `out:` of each config.
  for (const f of live) {
    if (!f.endsWith('meta/_journal.json')) continue;
    const folder = f.slice(0, -'meta/_journal.json'.length);
    const read = readDrizzleJournal(reader.readFile(f) ?? '');
    const dialect = 'journal' in read ? read.journal.dialect : undefined;
    add(
      { tool: 'drizzle', folder, said: f, ...(dialect ? { database: toolDatabase(dialect) } : {}) },
      drizzleFiles(folder, live),
      `${folder}**/*.sql`,
    );
  }
  for (const config of live.filter((f) => /^drizzle\.config\.(ts|js|mjs|cjs|mts|json)$/.test(basename(f)))) {
    const text = reader.readFile(config) ?? '';
    // `out:` from where drizzle-kit runs, which is not always the config's folder (drizzle-out.ts).
    const o = drizzleOut(config, text, live, reader);
    if (o.folder === undefined) continue;
    const migrations = drizzleFiles(o.folder, live);
    if (migrations.length === 0 && o.besideConfig !== undefined && !out.has(o.folder))
      notes?.push(outNotFound(config, o, drizzleFiles(o.besideConfig, live).length));
    const database = configDatabase(text);
    add(
      { tool: 'drizzle', folder: o.folder, said: config, ...(database ? { database } : {}) },
      migrations,
      `${o.folder}**/*.sql`,
    );
  }
  return [...out.values()].sort((a, b) => (a.folder < b.folder ? -1 : 1));
}

/**
 * A drizzle.config whose `out:` names no migrations from where drizzle-kit runs, said rather than
 * passed over: the same `out:` beside the config is another folder, and may be the one meant.
 */
function outNotFound(config: string, o: DrizzleOut, beside: number): string {
  const where = `${o.cwd || 'the repository root'}, ${o.why}`;
  const other =
    beside > 0
      ? `${o.besideConfig} beside the config holds ${beside} migration${beside === 1 ? '' : 's'}, but drizzle-kit does not read it from there`
      : `nor does ${o.besideConfig} beside the config`;
  return `${config}: drizzle-kit reads \`out: "${o.out}"\` from the folder it runs in (${where}), and ${o.folder || './'} holds no migrations; ${other}. Not read as Drizzle's: fix \`out:\` or the script's --config`;
}

/** One line for a tool's series, however many migrations it holds. */
export function toolDecision(t: ToolSeries): string {
  const n = `${t.migrations.length} migration${t.migrations.length === 1 ? '' : 's'}`;
  const tool = t.tool === 'prisma' ? 'Prisma Migrate' : 'Drizzle';
  const order = t.tool === 'prisma' ? 'folder-name order' : 'the order of meta/_journal.json';
  if (t.database && !t.database.dialect)
    return `${t.folder}: ${tool} migrations for ${t.database.name} (${t.said}); not judged (${notReadReason(t.database.name)}), protected`;
  const db = t.database ? `, ${t.database.name}` : '';
  return `${t.folder}: ${tool} (${t.said}${db}), ${n} in ${order}; checked as one series (${t.pattern})`;
}

/** The runner of the tools' series: one policy has one `sql_runner`, so two tools are said. */
export function toolRunner(
  judged: ToolSeries[],
  decisions: string[],
): { runner: SqlRunner; said: string } | undefined {
  const first = judged[0];
  if (!first) return undefined;
  const others = judged.filter((t) => t.tool !== first.tool);
  decisions.push(
    `${first.said}: sql_runner ${TOOL_RUNNER[first.tool]} (${first.tool === 'prisma' ? 'no way back; each migration.sql runs as Prisma sends it' : 'statements cut at --> statement-breakpoint, all pending migrations in one transaction'})` +
      (others.length
        ? `; ${others.map((t) => t.folder).join(', ')} is ${others[0]?.tool}'s, read as ${first.tool} runs it (one sql_runner per policy)`
        : ''),
  );
  return { runner: TOOL_RUNNER[first.tool], said: first.said };
}

/** A Drizzle folder's migrations: `NNNN_name.sql` beside the journal, or `<timestamp>_<name>/migration.sql`. */
function drizzleFiles(folder: string, files: readonly string[]): string[] {
  return files.filter((f) => {
    if (!f.startsWith(folder) || !f.endsWith('.sql')) return false;
    const rest = f.slice(folder.length);
    return !rest.includes('/') || /^[^/]+\/migration\.sql$/.test(rest);
  });
}

/** A drizzle.config's database: its `dialect:`, else (a config from before drizzle-kit 0.21) its `driver:`. */
function configDatabase(text: string): ToolDatabase | undefined {
  const dialect = /\bdialect\s*:\s*["'`](\w+)["'`]/.exec(text)?.[1];
  if (dialect) return toolDatabase(dialect);
  const driver = /\bdriver\s*:\s*["'`]([\w-]+)["'`]/.exec(text)?.[1];
  return driver === undefined ? undefined : legacyDriverDatabase(driver);
}

/** `provider = "postgresql"` of migration_lock.toml, else of schema.prisma's `datasource` block. */
function prismaProvider(
  said: string,
  folder: string,
  files: readonly string[],
  reader: LayoutReader,
): ToolDatabase | undefined {
  const provider = (text: string | undefined) =>
    text === undefined ? undefined : /^\s*provider\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  const fromLock = basename(said) === 'migration_lock.toml' ? provider(reader.readFile(said)) : undefined;
  if (fromLock) return toolDatabase(fromLock);
  const schema = files.find((f) => f === `${folder.replace(/migrations\/$/, '')}schema.prisma`);
  const text = schema === undefined ? undefined : reader.readFile(schema);
  const datasource = text === undefined ? undefined : /datasource\s+\w+\s*\{([^}]*)\}/.exec(text)?.[1];
  const found = provider(datasource);
  return found ? toolDatabase(found) : undefined;
}
