import { nativeSha256 } from '@slipway/policy-core/node';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type AuditEvent,
  type AuditLog,
  type DeployRecord,
  type DeploySection,
  formatAuditLine,
  locateJson,
  type ParsedRecord,
  parseDeployRecord,
  verifiedAuditLog,
} from '@slipway/policy-core';
import { UserError } from '../command.js';
import { appendDurable, readTextIfExists, writeFileAtomic } from '../atomic-write.js';

/** The record and the audit log as they are on disk, read once per command. */
export interface DeployState {
  root: string;
  deploy: DeploySection;
  recordPath: string;
  logPath: string;
  recordText?: string;
  parsed?: ParsedRecord;
  /** The record when it exists and is valid. */
  record?: DeployRecord;
  logText: string;
  log: AuditLog;
}

export function readDeployState(root: string, deploy: DeploySection): DeployState {
  const recordPath = join(root, deploy.record);
  const logPath = join(root, deploy.audit_log);
  const recordText = readConfigured(root, deploy.record, 'the deploy record (deploy.record)');
  const parsed = recordText === undefined ? undefined : parseDeployRecord(recordText);
  const logText = readConfigured(root, deploy.audit_log, 'the audit log (deploy.audit_log)') ?? '';
  const record = parsed?.record;
  return {
    root,
    deploy,
    recordPath,
    logPath,
    recordText,
    parsed,
    record,
    logText,
    log: verifiedAuditLog(logText, record?.audit_head, nativeSha256),
  };
}

/**
 * A configured file's text, or undefined when it does not exist yet. A directory (or an
 * unreadable file) in its place is the user's to fix: one line naming the path, exit 2.
 */
function readConfigured(root: string, rel: string, what: string): string | undefined {
  try {
    return readTextIfExists(join(root, rel));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UserError(`${rel} is a directory; ${what} must be a file.`);
    if (typeof code === 'string') throw new UserError(`cannot read ${rel}, ${what}: ${code}.`);
    throw err;
  }
}

/** What the record says production runs, reading only the record (cheap enough to poll). */
export function recordedSha(root: string, deploy: DeploySection): string | undefined {
  const text = readConfigured(root, deploy.record, 'the deploy record (deploy.record)');
  return text === undefined ? undefined : parseDeployRecord(text).record?.last_good_sha;
}

/**
 * Why Slipway must not act on these files: a record that cannot be read, or a log whose chain
 * is broken (writing on top of either would bury the problem). A torn last line or entries
 * after the record's head are not reasons: they are what a crash leaves behind, and the next
 * entry chains past them (the caller prints them as warnings).
 */
export function unusableReason(state: DeployState): string | undefined {
  const problem = state.parsed?.problems[0];
  if (problem) {
    const line = state.recordText?.slice(0, problem.start).split('\n').length ?? 1;
    return `${state.deploy.record}:${line}: ${problem.rule} ${problem.message}`;
  }
  const mismatch = environmentMismatch(state);
  if (mismatch) return mismatch;
  const broken = state.log.issues.find((i) => i.kind === 'chain' || i.kind === 'head-missing');
  if (broken) {
    const where = 'line' in broken ? `:${broken.line + 1}` : '';
    return `${state.deploy.audit_log}${where}: AUD002 ${broken.message}; restore the log from git before deploying.`;
  }
  return undefined;
}

/**
 * The record is production's (deploy.production): one that names another environment was
 * copied from elsewhere or the policy renamed production. Acting on it would redeploy (or roll
 * back to) what another environment ran, so it is refused until a person reconciles the two.
 */
export function environmentMismatch(
  state: Pick<DeployState, 'deploy' | 'parsed' | 'record' | 'recordText'>,
): string | undefined {
  const env = state.record?.environment;
  if (env === undefined || env === state.deploy.production || !state.parsed?.node) return undefined;
  const at = locateJson(state.parsed.node, ['environment']).start;
  const line = state.recordText?.slice(0, at).split('\n').length ?? 1;
  const known = Object.keys(state.deploy.environments).map((k) => `"${k}"`);
  return `${state.deploy.record}:${line}: the record describes environment "${env}", but it is the record of deploy.production ("${state.deploy.production}"; the policy defines ${known.join(', ')}); correct its "environment" or the policy before deploying.`;
}

export function assertUsable(state: DeployState): void {
  const reason = unusableReason(state);
  if (reason) throw new UserError(`${reason} The record was not changed.`, 1);
}

/**
 * Under the lock: a record that cannot be read is refused, and the refusal is logged (the log
 * itself is sound), so the attempt is on record; then the command stops without touching the record.
 */
export function refuseIfUnusable(state: DeployState, event: Omit<NewEvent, 'outcome' | 'details'>): void {
  const reason = unusableReason(state);
  if (!reason) return;
  if (!state.log.issues.some((i) => i.kind === 'chain' || i.kind === 'head-missing')) {
    appendEvent(state, { ...event, outcome: 'refused', details: [reason] });
  }
  throw new UserError(`${reason} The record was not changed (the refusal is logged).`, 1);
}

/** Warnings worth printing before acting: torn lines, unacknowledged entries. */
export function stateWarnings(state: DeployState): string[] {
  return state.log.issues
    .filter((i) => i.kind === 'malformed' || i.kind === 'head-behind')
    .map((i) => `warning: ${state.deploy.audit_log}${'line' in i ? `:${i.line + 1}` : ''}: ${i.message}`);
}

export type NewEvent = Omit<AuditEvent, 'prev' | 'v'>;

/**
 * Appends one event (fsynced) chained to the last valid entry. A torn last line from an
 * interrupted append is closed with a newline first so that it stays visible (AUD001) instead
 * of being glued to the new entry.
 */
export function appendEvent(state: DeployState, event: NewEvent): { line: string; hash: string } {
  const full: AuditEvent = { v: 1, ...event, prev: state.log.lastHash };
  const line = formatAuditLine(full);
  mkdirSync(dirname(state.logPath), { recursive: true });
  const needsNewline = state.logText !== '' && !state.logText.endsWith('\n');
  appendDurable(state.logPath, `${needsNewline ? '\n' : ''}${line}\n`);
  const hash = nativeSha256(line);
  state.logText += `${needsNewline ? '\n' : ''}${line}\n`;
  state.log.lastHash = hash;
  state.log.tornTail = false;
  return { line, hash };
}

const RECORD_KEY_ORDER = [
  '$schema',
  'last_good_sha',
  'deployed_at',
  'environment',
  'event',
  'previous_sha',
  'rolled_back_from',
  'actor',
  'reason',
  'pinned',
  'pinned_reason',
  'audit_head',
  'history',
];

export function formatRecord(record: DeployRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const k of RECORD_KEY_ORDER) {
    const v = (record as Record<string, unknown>)[k];
    if (v !== undefined) ordered[k] = v;
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Writes the record atomically (old or new, never torn) and keeps the in-memory state in step. */
export function writeRecord(state: DeployState, record: DeployRecord): void {
  const text = formatRecord(record);
  mkdirSync(dirname(state.recordPath), { recursive: true });
  writeFileAtomic(state.recordPath, text);
  state.recordText = text;
  state.record = record;
  state.parsed = parseDeployRecord(text);
}

/** After an entry that does not change what production runs, move only the record's audit_head. */
export function sealHead(state: DeployState, hash: string): void {
  if (state.record) writeRecord(state, { ...state.record, audit_head: hash });
}
