import { join } from 'node:path';
import {
  DB_RULES,
  type AuditReport,
  buildAuditReport,
  type DbFacts,
  type DbGraphView,
  type DbReadFailure,
  type PolicyDocument,
  renderFailureJson,
  renderFailureText,
  renderSummaryJson,
  renderSummaryText,
  type SummaryContext,
} from '../../index.js';
import type { DbTarget } from '../../index.js';
import { describeDbError } from './db-error.js';
import { DbOpenError, type OpenDbOptions, openDb } from './open-db.js';
import { readDbFacts } from './read-db-facts.js';
import { redactUrl } from './redact-url.js';
import { AUDIT_DIR, writeSummaryFile } from './write-summaries.js';

export interface AuditRunOptions {
  policy: PolicyDocument;
  graph?: DbGraphView;
  targets: readonly DbTarget[];
  /** Base for relative `pglite://` paths: the repository root. */
  cwd: string;
  now: Date;
  /** Directory the summaries go to (absolute); omitted: no files written. */
  outDir?: string;
  connectTimeoutMs?: number;
  /** The host's opener of embedded (`pglite://`) databases; without one they are refused (see openDb). */
  openEmbedded?: OpenDbOptions['openEmbedded'];
}

export interface AuditRun {
  report: AuditReport;
  /** Databases that could not be read, each with its one-line reason. */
  failures: DbReadFailure[];
  /** Files written, absolute. */
  written: string[];
}

/** `ops/db_audit` under a repository root. */
export const auditDirIn = (root: string) => join(root, AUDIT_DIR);

/** Reads one database's facts; every failure becomes one password-free line. */
async function readTarget(target: DbTarget, opts: AuditRunOptions): Promise<DbFacts | DbReadFailure> {
  const url = redactUrl(target.url);
  let client: Awaited<ReturnType<typeof openDb>>;
  try {
    client = await openDb(target, {
      cwd: opts.cwd,
      ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
      ...(opts.openEmbedded ? { openEmbedded: opts.openEmbedded } : {}),
    });
  } catch (err) {
    const error = err instanceof DbOpenError ? err.message : describeDbError(err, target.name, target.url);
    return { name: target.name, url, error };
  }
  try {
    return await readDbFacts(client, target.name, url);
  } catch (err) {
    return { name: target.name, url, error: describeDbError(err, target.name, target.url) };
  } finally {
    await client.close().catch(() => {});
  }
}

const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, '_');

/**
 * The database audit: reads every target, runs DB001–DB005 over what was read through the
 * engine (database-audit.ts), and writes `<name>-summary.txt` and `<name>-summary.json`.
 */
export async function runAudit(opts: AuditRunOptions): Promise<AuditRun> {
  const facts: DbFacts[] = [];
  const failures: DbReadFailure[] = [];
  // In parallel (each PGlite database takes seconds to start, a remote server a round trip),
  // but each URL once: two PGlite instances on one directory would corrupt it.
  const byUrl = new Map<string, Promise<DbFacts | DbReadFailure>>();
  for (const t of opts.targets) if (!byUrl.has(t.url)) byUrl.set(t.url, readTarget(t, opts));
  const reads = await Promise.all(
    opts.targets.map(async (t) => ({ ...(await byUrl.get(t.url)!), name: t.name })),
  );
  for (const read of reads) {
    if ('error' in read) failures.push(read);
    else facts.push(read);
  }
  const report = buildAuditReport(facts, opts.graph, opts.policy, DB_RULES, opts.now);
  const written: string[] = [];
  if (opts.outDir) {
    const ctx: SummaryContext = { generatedAt: opts.now.toISOString(), heads: report.heads };
    const write = (name: string, text: string, json: string) => {
      const base = join(opts.outDir!, `${safeFileName(name)}-summary`);
      writeSummaryFile(opts.cwd, `${base}.txt`, text);
      writeSummaryFile(opts.cwd, `${base}.json`, json);
      written.push(`${base}.txt`, `${base}.json`);
    };
    for (const audit of report.databases) {
      const own = { ...ctx, heads: audit.heads };
      write(audit.facts.name, renderSummaryText(audit, own), renderSummaryJson(audit, own));
    }
    for (const failure of failures) {
      write(failure.name, renderFailureText(failure, ctx), renderFailureJson(failure, ctx));
    }
  }
  return { report, failures, written };
}
