import { type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AuditEvent,
  baselineFileOf,
  brokenChain,
  type DeployFiles,
  DeployError,
  type DeployRecord,
  type DeploySection,
  formatAuditLine,
  type NewEvent,
  type PolicyDocument,
  parseDeployRecord,
  unusableReason,
  VerifiedAuditLogs,
  wellFormedAuditHead,
} from '../../index.js';
import { nativeSha256 } from '../native-sha256.js';
import { openConfined, readConfined, RefusedFile } from '../confined-read.js';
import { writeRepoFile } from '../confined-write.js';
import { RepoConfinement, refusalLine } from '../repo-confinement.js';

/**
 * The record and the audit log as they are on disk, read once per operation and kept in step
 * with every write the operation makes (so its decisions see what it wrote).
 */
export interface DeployState extends DeployFiles {
  root: string;
  recordPath: string;
  logPath: string;
  /** Entries this operation appended, oldest first. */
  appended: AuditEvent[];
  /** This operation rewrote the record (a new deploy, a pin, or only its audit_head). */
  recordChanged: boolean;
}

/**
 * The record and the audit log as they are on disk. `auditLogs`: the operation's (its Workspace's),
 * so that the guard on the shipped SHA, reading the same log as committed, reuses this verification.
 */
export function readDeployState(
  root: string,
  deploy: DeploySection,
  auditLogs: VerifiedAuditLogs = new VerifiedAuditLogs(),
): DeployState {
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
    // A record with an unrelated problem still says where the log ended (wellFormedAuditHead).
    log: auditLogs.verify(logText, parsed && wellFormedAuditHead(parsed), nativeSha256),
    appended: [],
    recordChanged: false,
  };
}

/**
 * A configured file's text, or undefined when it does not exist yet, through the one reader: a
 * link out of the repository, a FIFO or a device is refused before a byte is read. A directory
 * (or an unreadable file) in its place is the user's to fix: one line naming the path.
 */
function readConfigured(root: string, rel: string, what: string): string | undefined {
  const read = readConfined(new RepoConfinement(root), rel);
  if (read !== undefined && 'refused' in read)
    throw new DeployError('config', `${what}: ${refusalLine(read)}`);
  if (read !== undefined && 'text' in read) return read.text;
  return notRead(root, rel, what);
}

/**
 * `readConfigured` for a reader that streams the file: the open file (the caller closes it), or
 * undefined when it does not exist yet; refused or unreadable, the same error.
 */
export function openConfigured(
  root: string,
  rel: string,
  what: string,
): { fd: number; st: Stats } | undefined {
  const opened = openConfined(new RepoConfinement(root), rel);
  if (opened !== undefined && 'refused' in opened)
    throw new DeployError('config', `${what}: ${refusalLine(opened)}`);
  return opened ?? notRead(root, rel, what);
}

/** Not read: missing (the first deploy: undefined), or there and not a readable file (thrown). */
function notRead(root: string, rel: string, what: string): undefined {
  // Looked at only now.
  const st = statOrCode(join(root, rel));
  if (st === undefined) return undefined;
  if (typeof st !== 'string' && st.isDirectory())
    throw new DeployError('config', `${rel} is a directory; ${what} must be a file.`);
  throw new DeployError('config', `cannot read ${rel}, ${what}: ${typeof st === 'string' ? st : 'EACCES'}.`);
}

function statOrCode(full: string): Stats | string | undefined {
  try {
    return statSync(full, { throwIfNoEntry: false });
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

/**
 * Writes a configured file through the one writer (inside the repository, no link out, no FIFO);
 * a refusal is the operation's one line.
 */
function writeConfigured(root: string, rel: string, text: string, mode: 'replace' | 'append'): void {
  try {
    writeRepoFile(root, rel, text, mode);
  } catch (err) {
    if (err instanceof RefusedFile) throw new DeployError('config', err.message);
    throw err;
  }
}

/** The deploy record's text as the checkout at `root` holds it; undefined before the first deploy. */
export function readRecordText(root: string, deploy: DeploySection): string | undefined {
  return readConfigured(root, deploy.record, 'the deploy record (deploy.record)');
}

/** The findings baseline as the checkout at `root` holds it; null when it has none. */
export function readBaselineText(root: string, policy: PolicyDocument): string | null {
  return readConfigured(root, baselineFileOf(policy), 'the findings baseline (baseline)') ?? null;
}

/** What the record says production runs, reading only the record (cheap enough to poll). */
export function recordedSha(root: string, deploy: DeploySection): string | undefined {
  const text = readRecordText(root, deploy);
  return text === undefined ? undefined : parseDeployRecord(text).record?.last_good_sha;
}

export function assertUsable(state: DeployState): void {
  const reason = unusableReason(state);
  if (reason) throw new DeployError('unusable-state', `${reason} The record was not changed.`);
}

/**
 * Under the lock: a record that cannot be read is refused, and the refusal is logged (the log
 * itself is sound), so the attempt is on record; then the operation stops without touching the record.
 */
export function refuseIfUnusable(state: DeployState, event: Omit<NewEvent, 'outcome' | 'details'>): void {
  const reason = unusableReason(state);
  if (!reason) return;
  if (!brokenChain(state)) appendEvent(state, { ...event, outcome: 'refused', details: [reason] });
  throw new DeployError('unusable-state', `${reason} The record was not changed (the refusal is logged).`);
}

/**
 * Appends one event (fsynced) chained to the last valid entry. A torn last line from an
 * interrupted append is closed with a newline first so that it stays visible (AUD001) instead
 * of being glued to the new entry.
 */
export function appendEvent(state: DeployState, event: NewEvent): { line: string; hash: string } {
  const full: AuditEvent = { v: 1, ...event, prev: state.log.lastHash };
  const line = formatAuditLine(full);
  const needsNewline = state.logText !== '' && !state.logText.endsWith('\n');
  writeConfigured(state.root, state.deploy.audit_log, `${needsNewline ? '\n' : ''}${line}\n`, 'append');
  const hash = nativeSha256(line);
  state.logText += `${needsNewline ? '\n' : ''}${line}\n`;
  state.log.lastHash = hash;
  state.log.tornTail = false;
  state.appended.push(full);
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
  writeConfigured(state.root, state.deploy.record, text, 'replace');
  state.recordText = text;
  state.record = record;
  state.parsed = parseDeployRecord(text);
  state.recordChanged = true;
}

/** After an entry that does not change what production runs, move only the record's audit_head. */
export function sealHead(state: DeployState, hash: string): void {
  if (state.record) writeRecord(state, { ...state.record, audit_head: hash });
}
