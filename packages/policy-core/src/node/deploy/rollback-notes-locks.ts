import {
  type dependencyPairs,
  detectLockFormat,
  isNpmFormat,
  type Env,
  type LockEntry,
  type LockFormat,
  lockEntryFromRequirement,
  parseRequirementsFile,
  readNpmLockEntries,
  readTomlLockEntries,
} from '../../index.js';
import { MAX_LISTED } from './rollback-notes-alembic.js';
import type { CommitSlice } from './rollback-notes-git.js';
import { groupBy } from '../../group-by.js';

type DependencyPair = ReturnType<typeof dependencyPairs>[number]['pair'];

/** A lock read at one commit: its entries, or why it could not be read. */
type ReadLock =
  | { kind: 'absent' }
  | { kind: 'unreadable'; why: string }
  | { kind: 'ok'; text: string; entries: LockEntry[]; problems: { where: string; text: string }[] };

function readLock(slice: CommitSlice, path: string, format: LockFormat, env: Env): ReadLock {
  if (slice.notFiles.has(path)) return { kind: 'unreadable', why: 'it is not a regular file there' };
  const text = slice.repo.readFile(path);
  if (text === undefined) return { kind: 'absent' };
  if (isNpmFormat(format)) {
    const lock = readNpmLockEntries(path, text, format);
    if (lock.error) return { kind: 'unreadable', why: lock.error.message };
    return { kind: 'ok', text, entries: lock.entries, problems: [] };
  }
  if (format !== 'requirements') {
    const lock = readTomlLockEntries(path, text, format);
    if (lock.error) return { kind: 'unreadable', why: `not valid TOML: ${lock.error.message}` };
    return { kind: 'ok', text, entries: lock.entries, problems: [] };
  }
  const file = parseRequirementsFile(path, text, { env });
  const entries: LockEntry[] = [];
  for (const r of file.requirements) {
    const e = lockEntryFromRequirement(path, r);
    if (e) entries.push(e);
  }
  const problems = file.problems.map((p) => ({
    where: `line ${p.line.firstLine + 1} \`${p.line.text}\`: ${p.message}`,
    text: p.line.text,
  }));
  return { kind: 'ok', text, entries, problems };
}

/** What an entry pins, as a person reads it: `2.31.0`, `@ https://…`, `>=2`. */
function pinText(e: LockEntry): string {
  if (e.version !== undefined) return e.version;
  if (e.url) return `@ ${e.url}`;
  const spec = (e.req?.specifiers ?? []).map((s) => `${s.op}${s.version}`).join(',');
  return spec || '(any version)';
}

function withMarker(e: LockEntry, text: string): string {
  return e.markerText ? `${text} ; ${e.markerText}` : text;
}

/** `name==1.0`, `name @ url`, `name>=2`, each with its marker. */
function requirementText(e: LockEntry): string {
  const pin = pinText(e);
  return withMarker(e, e.version !== undefined ? `${e.name}==${pin}` : `${e.name} ${pin}`);
}

function hashes(e: LockEntry): string {
  return (e.req?.hashes ?? [])
    .map((h) => `${h.algo}:${h.digest}`)
    .sort()
    .join(' ');
}

/** Entries by PEP 503 key; one key may have several (one per environment marker). */
function byKey(entries: readonly LockEntry[]): Map<string, LockEntry[]> {
  return groupBy(entries, (e) => e.key);
}

const versions = (list: readonly LockEntry[]) =>
  list
    .map((e) => withMarker(e, pinText(e)))
    .sort()
    .join(', ');

/**
 * The package changes from the target's lock to the current one: `requests 2.0.0 → 2.31.0`,
 * `+ numpy==1.0` (added since the target: the rollback removes it), `- foo==1` (removed since:
 * the rollback brings it back). Comment, order and whitespace changes are not changes.
 */
export function lockChanges(before: readonly LockEntry[], after: readonly LockEntry[]): string[] {
  const old = byKey(before);
  const now = byKey(after);
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(key);
    const b = now.get(key);
    if (!a) for (const e of b ?? []) added.push(`+ ${requirementText(e)}`);
    else if (!b) for (const e of a) removed.push(`- ${requirementText(e)}`);
    else if (versions(a) !== versions(b))
      changed.push(`${(b[0] as LockEntry).name} ${versions(a)} → ${versions(b)}`);
    else if (a.map(hashes).sort().join('|') !== b.map(hashes).sort().join('|'))
      changed.push(`${(b[0] as LockEntry).name} ${versions(b)} (hashes changed)`);
  }
  return [...changed, ...added, ...removed];
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * A rollback must install the target's own lock. For each configured lock that
 * differs between the target and the current commit, the package changes the rollback reverts.
 */
export function lockNotes(
  pairs: readonly DependencyPair[],
  target: CommitSlice,
  current: CommitSlice,
  targetSha: string,
  currentSha: string,
  env: Env,
): string[] {
  const short = targetSha.slice(0, 12);
  const notes: string[] = [];
  for (const pair of pairs) {
    const path = pair.lock;
    const format = detectLockFormat(path, pair.lock_format);
    const then = readLock(target, path, format, env);
    const now = readLock(current, path, format, env);
    if (then.kind === 'absent' && now.kind === 'absent') continue;
    if (then.kind === 'ok' && now.kind === 'ok' && then.text === now.text) continue;
    const install = `the rollback must install ${short}'s`;
    if (then.kind === 'absent') {
      notes.push(
        `must match: ${path} did not exist at ${short} (it was added since${now.kind === 'ok' ? `, with ${count(now.entries.length, 'package')}` : ''}); ${install} dependencies without it`,
      );
      continue;
    }
    if (now.kind === 'absent') {
      notes.push(
        `must match: ${path} was deleted since ${short}${then.kind === 'ok' ? ` (it locked ${count(then.entries.length, 'package')} there)` : ''}; ${install} ${path}`,
      );
      continue;
    }
    if (then.kind === 'unreadable' || now.kind === 'unreadable') {
      const [sha, why] =
        then.kind === 'unreadable'
          ? [targetSha, then.why]
          : [currentSha, now.kind === 'unreadable' ? now.why : ''];
      notes.push(
        `must match: ${path} differs between the two commits but cannot be read at ${sha.slice(0, 12)} (${why}), so its package changes cannot be listed; ${install} version`,
      );
      continue;
    }
    const changes = lockChanges(then.entries, now.entries);
    // Lines pip cannot read are not in the entries: they are said, so the list is not taken as
    // complete, unless both commits have the same ones.
    const unread = (problems: readonly { text: string }[]) =>
      [...new Set(problems.map((p) => p.text))].sort().join('\n');
    const sameUnread = unread(then.problems) === unread(now.problems);
    if (changes.length === 0 && sameUnread) continue; // comments, order, whitespace
    notes.push(
      changes.length === 0
        ? `must match: ${path} differs since ${short} only in lines pip cannot read; ${install} version:`
        : `must match: ${path} changes ${count(changes.length, 'package')} since ${short} (target → current; + added since, - removed since); ${install} version, which reverts them:`,
    );
    for (const c of changes.slice(0, MAX_LISTED)) notes.push(`  ${c}`);
    if (changes.length > MAX_LISTED) notes.push(`  … and ${changes.length - MAX_LISTED} more`);
    const skipped = [
      ...then.problems.map((p) => `${short}: ${p.where}`),
      ...now.problems.map((p) => `${currentSha.slice(0, 12)}: ${p.where}`),
    ];
    if (skipped.length > 0 && !sameUnread) {
      notes.push(`  lines pip cannot read${changes.length > 0 ? ', not in the list above' : ''}:`);
      for (const line of skipped.slice(0, MAX_LISTED)) notes.push(`    ${line}`);
      if (skipped.length > MAX_LISTED) notes.push(`    … and ${skipped.length - MAX_LISTED} more`);
    }
  }
  return notes;
}
