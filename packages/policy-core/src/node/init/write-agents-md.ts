import { agentsMdBeside, renderAgentsSection, updateAgentsMd } from '../../agents-md/index.js';
import type { PolicyDocument } from '../../policy/document.js';
import { readConfined } from '../confined-read.js';
import { writeRepoFile } from '../confined-write.js';
import { RepoConfinement, refusalLine } from '../repo-confinement.js';
import { AGENT_FILE_MAX_BYTES } from './write-agent-files.js';

/**
 * `slipway agents-md`: AGENTS.md beside the policy with its Slipway section as the policy says
 * now (created, appended, or replaced between the markers), read and written through the
 * confined reader and writer. Broken markers, a link out or a file past the size bound: one line,
 * nothing written. `check` only says whether it would change.
 */
export function writeAgentsMd(
  root: string,
  doc: PolicyDocument,
  dryRun = false,
): { ok: true; path: string; status: 'created' | 'updated' | 'unchanged' } | { ok: false; reason: string } {
  const path = agentsMdBeside(doc.file);
  const got = readConfined(new RepoConfinement(root), path, undefined, AGENT_FILE_MAX_BYTES);
  if (got && 'refused' in got) return { ok: false, reason: `${refusalLine(got)}; nothing was written` };
  if (got && 'tooLarge' in got)
    return {
      ok: false,
      reason: `${path} is ${got.tooLarge} bytes, more than the ${AGENT_FILE_MAX_BYTES} Slipway edits; nothing was written`,
    };
  const next = updateAgentsMd(got?.text, renderAgentsSection(doc), path);
  if (!next.ok) return next;
  if (!dryRun && next.status !== 'unchanged')
    writeRepoFile(root, path, next.text, next.status === 'created' ? 'create' : 'replace');
  return { ok: true, path, status: next.status };
}
