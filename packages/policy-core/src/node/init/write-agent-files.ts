import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { GateAgent } from '../../agent-gate/tool-call.js';
import { type ExistingFile, type PlannedFile, planAgentFiles } from '../../init/agents/index.js';
import { readConfined } from '../confined-read.js';
import { writeRepoFile } from '../confined-write.js';
import { RepoConfinement, refusalLine } from '../repo-confinement.js';

/** An agent settings file is a few kilobytes; one past this is not read (a hostile or wrong file). */
export const AGENT_FILE_MAX_BYTES = 1024 * 1024;

export type AgentFilesResult =
  | { ok: true; files: PlannedFile[]; notes: string[] }
  | { ok: false; reason: string };

/**
 * `slipway init --agents`: reads each agent's files through the one confined reader (inside the
 * repository, no link out, at most AGENT_FILE_MAX_BYTES), merges Slipway's hooks and MCP server
 * in (init/agents/), and only when every file merged writes the ones that changed, each through
 * the one confined writer (atomic replace; `create`, which never follows a link, for new files).
 * A refusal or a file that does not parse writes nothing at all; `dryRun` only plans.
 */
export function writeAgentFiles(
  root: string,
  agents: readonly GateAgent[],
  dryRun = false,
): AgentFilesResult {
  const box = new RepoConfinement(root);
  const read = (path: string): ExistingFile => {
    const got = readConfined(box, path, undefined, AGENT_FILE_MAX_BYTES);
    if (got === undefined) {
      const blocked = cannotCreate(box, root, path);
      return blocked ? { refused: `${path}: ${blocked}; nothing was written` } : undefined;
    }
    if ('refused' in got) return { refused: `${refusalLine(got)}; nothing was written` };
    if ('tooLarge' in got)
      return {
        refused: `${path} is ${got.tooLarge} bytes, more than the ${AGENT_FILE_MAX_BYTES} an agent's settings file may be; nothing was written`,
      };
    return { text: got.text };
  };
  const plan = planAgentFiles(agents, read);
  if (!plan.ok || dryRun) return plan;
  const written: string[] = [];
  for (const file of plan.files) {
    if (file.status === 'unchanged') continue;
    try {
      writeRepoFile(root, file.path, file.text, file.status === 'created' ? 'create' : 'replace');
    } catch (err) {
      // Every file was read and merged first, so this is the file system refusing (a link or a
      // file that appeared meanwhile): say what is already on disk.
      const why = err instanceof Error ? err.message : String(err);
      const done = written.length > 0 ? `; already written: ${written.join(', ')}` : '; nothing was written';
      return { ok: false, reason: `${file.path}: ${why}${done}` };
    }
    written.push(file.path);
  }
  return plan;
}

/**
 * Why a file the reader found no trace of could not be created where it is named, found before
 * anything is written so that a run stays all or nothing: a link to nothing (the file or a folder
 * on its way), or a file where a folder should be. The writer would refuse these too, but only
 * once the files before it were written.
 */
function cannotCreate(box: RepoConfinement, root: string, rel: string): string | undefined {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const name = parts.slice(0, i).join('/');
    const st = lstatSync(join(root, name), { throwIfNoEntry: false });
    if (!st) return undefined;
    if (i < parts.length) {
      if (st.isSymbolicLink() && box.realDir(join(root, name)) === undefined)
        return `${name} is a symbolic link to nothing`;
      if (!st.isSymbolicLink() && !st.isDirectory()) return `${name} is a file where a folder should be`;
    } else {
      // The reader answered "no file" for a name that is there.
      if (st.isDirectory()) return `${rel} is a folder`;
      if (st.isSymbolicLink()) return `${rel} is a symbolic link to nothing`;
      return `${rel} cannot be read`;
    }
  }
  return undefined;
}
