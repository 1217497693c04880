import { POLICY_FILES } from '@slipway/policy-core';
import { GIT_STATE_GLOBS, gitStateChange } from '../workspace/git-state.js';
import type { Project } from '../workspace/project.js';
import type { ServiceState } from './service-state.js';

export { GIT_STATE_GLOBS };

/** A file created, changed or deleted on disk (LSP's FileChangeType 1, 2, 3). */
export interface DiskChange {
  uri: string;
  kind: 'created' | 'changed' | 'deleted';
}

/**
 * A buffer was opened. Resolves with whether its content, seen while git was asked about a file
 * it does not list, was held back and counts only now (the caller's push pass must run again);
 * undefined when the buffer is outside every project or ignored.
 */
export async function documentOpened(
  state: ServiceState,
  uri: string,
): Promise<{ heldBack: boolean } | undefined> {
  const where = state.projects.bufferOpened(uri, true);
  if (!where) return undefined;
  // A file git does not list may be ignored (node_modules/, a build directory): ask first.
  const unlisted = !where.project.repo.isListed(where.path);
  if (unlisted && (await where.project.ignoredAmong([where.path])).has(where.path)) return undefined;
  where.project.buffersChanged(true);
  if (state.crossFile) void state.crossFile.opened(where.project).catch(() => {});
  return { heldBack: unlisted };
}

/** A buffer was closed: the open set feeds the change under review. */
export function documentClosed(state: ServiceState, uri: string): void {
  state.projects.bufferOpened(uri, false)?.project.buffersChanged(true);
}

/**
 * A buffer's text changed (also called on open). Returns false for a buffer git ignores, or may
 * (being asked): no part of the repository, no work at all.
 */
export function documentChanged(state: ServiceState, uri: string): boolean {
  const where = state.projects.locateNow(uri);
  if (where?.project.ignored.hides(where.path)) return false;
  if (!where) return true;
  // The repository's top reads a file below a nested policy too: both see the edit.
  for (const { project } of state.projects.locateAll(uri)) project.buffersChanged(false);
  // Every file is checked against the policy: other open files must be pulled again.
  if (where.path === where.project.policyFile()) state.host.refresh();
  else state.crossFile?.edited(where.project, where.path);
  return true;
}

/** Marks what a batch of disk changes invalidates; files git ignores count for nothing. */
export async function filesChanged(state: ServiceState, changes: readonly DiskChange[]): Promise<void> {
  // Every project that holds the file: a repository's top and a policy's folder below it both read it.
  const located = changes.flatMap((change) =>
    state.projects
      .locateAll(change.uri)
      .filter((where) => !(where.path.startsWith('.git/') && gitStateChange(where.path) === undefined))
      .map((where) => ({ ...where, kind: change.kind })),
  );
  const ignored = new Map<Project, Set<string>>();
  for (const project of new Set(located.map((w) => w.project)))
    ignored.set(
      project,
      await project.ignoredAmong(located.filter((w) => w.project === project).map((w) => w.path)),
    );
  // A policy file created or deleted in a folder below a repository's top: that folder gains or
  // loses its own policy (the deepest project holding the file is where it is).
  for (const { project, path, kind } of located)
    if (kind !== 'changed' && isPolicyBelowTop(path) && !ignored.get(project)?.has(path))
      await state.projects.policiesMoved(project);
  let relevant = false;
  for (const { project, path, kind } of located) {
    const git = gitStateChange(path);
    if (git === 'head') for (const p of state.projects.inRepository(project)) p.headChanged();
    else if (git === 'index') for (const p of state.projects.inRepository(project)) p.indexChanged();
    else if (ignored.get(project)?.has(path)) continue;
    else project.diskChanged(path, kind);
    relevant = true;
  }
  if (relevant) state.host.refresh();
}

function isPolicyBelowTop(path: string): boolean {
  const slash = path.lastIndexOf('/');
  return slash !== -1 && (POLICY_FILES as readonly string[]).includes(path.slice(slash + 1));
}
