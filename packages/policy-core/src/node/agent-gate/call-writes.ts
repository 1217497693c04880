import { applyReplaceEdits } from '../../agent-gate/apply-edits.js';
import { applyHunks } from '../../agent-gate/apply-hunks.js';
import { applyGeminiReplace } from '../../agent-gate/gemini-replace.js';
import { geminiSearchCandidates } from '../../agent-gate/gemini-path-search.js';
import type { ProposedWrite } from '../../agent-gate/proposed-write.js';
import type { GateReason, ToolCall } from '../../agent-gate/tool-call.js';
import { isAbsolute } from 'node:path';
import { writeTarget } from './write-target.js';
import { filesOnDisk, ownPathAside } from './files-on-disk.js';
import { oneTextEach } from './one-text-each.js';

/** Past this many files under a folder a call deletes, it is refused unread. */
const MAX_FOLDER_FILES = 10_000;

/** What a file-writing tool call would write, resolved against the repository, and what the gate refuses outright. */
export interface CallWrites {
  writes: ProposedWrite[];
  refusals: GateReason[];
}

/**
 * The writes of a Write, an Edit or a patch: each path resolved as the file system will (links
 * followed, the git directory and links leading out refused; a path outside the repository is
 * not the policy's), each text as it will be after the call (edits applied to the file as it is
 * now, read through `read`: undefined for no file, null for one it cannot read). An edit that does
 * not apply as read is judged with its text unknown: the tool may match where this reading does
 * not (a file too large to read, a normalisation), and a guess that it fails would let it through.
 */
export function callWrites(
  call: Extract<ToolCall, { kind: 'write' | 'edit' | 'patch' }>,
  root: string,
  cwd: string,
  read: (rel: string) => string | undefined | null,
  /** The repository's files, for a tool that looks for a relative path it does not find (Gemini's replace). */
  listing?: () => Iterable<string>,
): CallWrites {
  const out: CallWrites = { writes: [], refusals: [] };
  const target = (path: string): string | undefined => {
    const t = writeTarget(root, cwd, path);
    if ('refused' in t) {
      out.refusals.push({
        ruleId: 'GATE',
        message: `${call.tool} would write ${t.refused}`,
        instead: 'write the file at its own path inside the repository',
      });
      return undefined;
    }
    if ('outside' in t) return undefined;
    return t.rel;
  };
  const push = (rel: string | undefined, after: string | null | undefined) => {
    if (rel !== undefined) out.writes.push({ path: rel, after, how: call.tool });
  };
  // A folder deleted (Cursor's Delete names one as it names a file; which tools remove a folder
  // whole their own code decides): each file on disk under it, past the limit refused; its own
  // path only where it holds none (ownPathAside).
  const removed = (rel: string) => {
    const under = filesOnDisk(root, rel, MAX_FOLDER_FILES + 1);
    if (under.length > MAX_FOLDER_FILES)
      out.refusals.push({
        ruleId: 'GATE',
        message: `${call.tool} would delete the folder ${rel}, which holds more than ${MAX_FOLDER_FILES} files`,
        instead: 'delete the files one by one',
      });
    else for (const file of ownPathAside([rel, ...under], rel)) push(file, null);
  };
  if (call.kind === 'write') push(target(call.path), call.content);
  else if (call.kind === 'edit') {
    /** Pushes the edit of `rel` and says whether the file is there (undefined: it is not). */
    const edited = (rel: string) => {
      const now = read(rel);
      const after =
        now === null
          ? undefined
          : call.appliedAs === 'gemini-replace'
            ? applyGeminiReplace(now, call.edits, rel)
            : applyReplaceEdits(now, call.edits);
      push(rel, after);
      return now;
    };
    const rel = target(call.path);
    const there = rel === undefined ? undefined : edited(rel);
    // Gemini edits the one file of that name the workspace holds when the path finds none.
    if (call.appliedAs === 'gemini-replace' && !isAbsolute(call.path) && listing && there === undefined) {
      const found = geminiSearchCandidates(call.path, listing());
      if (found.length > MAX_FOLDER_FILES)
        out.refusals.push({
          ruleId: 'GATE',
          message: `${call.tool} of ${call.path}, a path not there, may edit any of ${found.length.toLocaleString('en-US')} files of that name`,
          instead: 'name the file by its path from the project root',
        });
      else for (const other of found) edited(other);
    }
  } else
    for (const f of call.files) {
      if (f.op === 'add') push(target(f.path), f.content);
      else if (f.op === 'delete') {
        const rel = target(f.path);
        if (rel !== undefined) removed(rel);
      } else {
        const rel = target(f.path);
        // A file from outside moved in (`*** Move to:` a path here): it lands, its text unread.
        if (rel === undefined) {
          if (f.moveTo !== undefined) push(target(f.moveTo), undefined);
          continue;
        }
        const now = read(rel);
        // A hunk that does not apply to the file as read: judged by its path, text unknown.
        const after = typeof now === 'string' ? applyHunks(now, f.hunks) : undefined;
        if (f.moveTo !== undefined) {
          push(rel, null);
          push(target(f.moveTo), after);
        } else push(rel, after);
      }
    }
  return { ...out, writes: oneTextEach(out.writes) };
}
