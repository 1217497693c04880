import { type Finding, ZERO_RANGE } from '@slipway/policy-core';
import { type ComputedState, groupByFile } from './check-state.js';

/**
 * A file a rule asked for that the editor did not read, so the rule saw it as absent: past the
 * size limit (size-gate.ts), or refused by the one reader (a link leaving the repository, a
 * FIFO, a device). `message` says which file, why and what to do; `said` is the part a rule's
 * own finding quotes when it says so itself.
 */
export interface UnreadFile {
  rule: typeof TOO_LARGE_RULE | typeof REFUSED_RULE;
  message: string;
  said: string;
}

/** Not one of the core's rules: the editor's own refusals, named for what they say. */
export const TOO_LARGE_RULE = 'file-too-large';
export const REFUSED_RULE = 'file-refused';

/**
 * A check's state plus one finding for each file it could not read (taken after the check,
 * whose rules asked for the files), on its first line where it is seen when the file opens. A
 * rule that already said so in the file itself (the audit log's AUD001, a lock's DEP008, a
 * migration's MIG030 quote the refusal) keeps its finding instead: one per file. Never silent: a
 * file the rules saw as missing because it was refused is never shown as if it were.
 */
export function withUnread(state: ComputedState, unread: ReadonlyMap<string, UnreadFile>): ComputedState {
  if (state.kind !== 'ok' || unread.size === 0) return state;
  const added: Finding[] = [];
  for (const [path, why] of unread) {
    if (state.byFile.get(path)?.some((f) => f.message.includes(why.said))) continue;
    // A warning: where the file's content matters, the rule that needed it says so as its own.
    added.push({ rule: why.rule, severity: 'warning', message: why.message, file: path, range: ZERO_RANGE });
  }
  const findings = [...state.findings, ...added];
  return { ...state, findings, byFile: groupByFile(findings) };
}
