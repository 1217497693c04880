import type { Finding } from '../finding.js';
import type { DatabaseAudit } from './audit.js';
import { type DbFacts, type DbReadFailure, postgresMajor } from './db-facts.js';
import type { RecordedHistory } from './recorded-history.js';

/** The record's table as a summary names it (`alembic_version`, `django_migrations`). */
const tableName = (h: RecordedHistory) => h.table.slice(h.table.lastIndexOf('.') + 1);

/** The record as the summaries' JSON carries it: `alembicVersion` (its rows) or `djangoMigrations` (each app's latest). */
export function recordJson(h: RecordedHistory): Record<string, string[] | null> {
  return { [h.tool === 'django' ? 'djangoMigrations' : 'alembicVersion']: h.present ? h.positions : null };
}

/**
 * The files a team's db_audit.sh left in ops/db_audit/: `<name>-summary.txt` for people and a
 * JSON twin for tools. A database that could not be read still gets a summary (status ERROR),
 * so that an old summary never poses as the current state.
 */
export interface SummaryContext {
  /** When the audit ran (ISO 8601). */
  generatedAt: string;
  /** The graph's heads ([] without a graph). */
  heads: string[];
}

const where = (f: Finding) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;

/** The server's version as read (DB007 compares its major with the policy's); none for facts that did not read it. */
function serverVersionLine(f: DbFacts): string[] {
  const v = f.serverVersion;
  if (!v) return [];
  return [
    'num' in v
      ? `postgresql: ${postgresMajor(v.num)} (server_version_num ${v.num})`
      : `postgresql: (version not read: ${v.unreadable})`,
  ];
}

export function renderSummaryText(audit: DatabaseAudit, ctx: SummaryContext): string {
  const f = audit.facts;
  const h = audit.history;
  const lines = [
    `slipway db audit: ${f.name}`,
    `generated: ${ctx.generatedAt}`,
    `diagnosis: ${audit.diagnosis}`,
    `url: ${f.url}`,
    `database: ${f.database}`,
    `user: ${f.user}`,
    `search_path: ${f.searchPath}`,
    ...serverVersionLine(f),
    `schema: ${f.schema}${f.schemaExists ? '' : ' (does not exist)'}`,
    `${tableName(h)}: ${!h.present ? '(table missing)' : h.rows === 0 ? '(empty)' : h.positions.length === 0 ? '(no migration of the covered apps)' : h.positions.join(', ')}`,
    `head: ${ctx.heads.length > 0 ? ctx.heads.join(', ') : '(no revision graph)'}`,
    `pending: ${audit.pending.length > 0 ? audit.pending.join(', ') : '(none)'}`,
    `tables (${f.tables.length}):`,
    ...f.tables.map((t) => `  ${t}`),
    `findings (${audit.findings.length}):`,
    ...audit.findings.map((x) => `  ${x.severity} ${x.rule} ${where(x)} ${x.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderSummaryJson(audit: DatabaseAudit, ctx: SummaryContext): string {
  const f = audit.facts;
  const json = {
    version: 1,
    name: f.name,
    generatedAt: ctx.generatedAt,
    status: audit.diagnosis,
    url: f.url,
    database: f.database,
    user: f.user,
    searchPath: f.searchPath,
    ...(f.serverVersion ? { serverVersionNum: 'num' in f.serverVersion ? f.serverVersion.num : null } : {}),
    schema: f.schema,
    schemaExists: f.schemaExists,
    ...recordJson(audit.history),
    heads: ctx.heads,
    pending: audit.pending,
    tables: f.tables,
    findings: audit.findings.map((x) => ({
      rule: x.rule,
      severity: x.severity,
      message: x.message,
      file: x.file,
      line: x.range.start.line + 1,
      column: x.range.start.character + 1,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function renderFailureText(failure: DbReadFailure, ctx: SummaryContext): string {
  return [
    `slipway db audit: ${failure.name}`,
    `generated: ${ctx.generatedAt}`,
    'diagnosis: ERROR',
    `url: ${failure.url}`,
    `error: ${failure.error}`,
    '',
  ].join('\n');
}

export function renderFailureJson(failure: DbReadFailure, ctx: SummaryContext): string {
  const json = {
    version: 1,
    name: failure.name,
    generatedAt: ctx.generatedAt,
    status: 'ERROR',
    url: failure.url,
    error: failure.error,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** One console line per database, led by its diagnosis code. */
export function renderStatusLine(audit: DatabaseAudit): string {
  const f = audit.facts;
  const h = audit.history;
  const at = !h.present
    ? `no ${tableName(h)}`
    : h.rows === 0
      ? `${tableName(h)} empty`
      : h.positions.length === 0
        ? `${tableName(h)} without the covered apps`
        : `at ${h.positions.join('+')}`;
  const behind = audit.pending.length > 0 ? `, ${audit.pending.length} pending` : '';
  const tables = `${f.tables.length} table${f.tables.length === 1 ? '' : 's'}`;
  return `${audit.diagnosis.padEnd(8)} ${f.name}: ${f.database} as ${f.user}, ${at}${behind}, ${tables} in ${f.schema}`;
}
