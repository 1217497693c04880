import type { ChangedFile, ChangeSet } from '../change-set.js';
import { withWorkingChanges } from '../working-changes.js';
import type { ProposedWrite } from './proposed-write.js';

/** The coding agent and the tool whose call the gate judges. */
export interface AgentSession {
  agent: string;
  tool: string;
}

/**
 * The change a tool call would leave: the branch's commits, the files changed since (the
 * session's edits so far, anyone's uncommitted work) and the call's writes, made by the agent
 * (`agentSession`: the hook is the agent's whatever the branch is called). It carries no label:
 * a label is a human's word on a pull request, and no tool call has one.
 */
export function sessionChange(
  committed: ChangeSet | undefined,
  working: readonly ChangedFile[],
  writes: readonly ProposedWrite[],
  session: AgentSession,
  /** Whether a path is in the tree now (a write to it modifies rather than adds). */
  exists: (path: string) => boolean,
): ChangeSet {
  const start: ChangeSet = committed ?? { base: 'HEAD', head: 'HEAD', files: [], commits: [] };
  const written: ChangedFile[] = writes.map((w) => ({
    status: w.after === null ? 'deleted' : exists(w.path) ? 'modified' : 'added',
    path: w.path,
  }));
  const {
    labels: _ignored,
    refusedLabels: _alsoIgnored,
    ...rest
  } = withWorkingChanges(start, working, written);
  return { ...rest, labels: [], agentSession: session };
}
