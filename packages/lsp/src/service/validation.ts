import type { Finding } from '@slipway/policy-core';
import type { Diagnostic } from 'vscode-languageserver/node';
import { applySettings } from '../features/settings.js';
import { toDiagnostic } from '../features/to-diagnostic.js';
import type { CheckState } from '../workspace/check-state.js';
import { fileUri } from '../workspace/paths.js';
import type { Project } from '../workspace/project.js';
import { withAgentNotice } from './agent-notice.js';
import { settingsFor } from './project-settings.js';
import { startupMark } from '../startup-trace.js';
import type { ServiceState } from './service-state.js';

/** Each file's diagnostics and the version of the text they were computed from (null: read from disk). */
export type WorkspaceDiagnostics = Map<string, { diagnostics: Diagnostic[]; version: number | null }>;

/** Findings of one file of a project, after the settings of its scope; the project's status is reported. */
export async function findingsFor(
  state: ServiceState,
  project: Project,
  path: string,
  scopeUri: string,
): Promise<{ checked: CheckState; findings: Finding[] }> {
  const settings = await settingsFor(state, project, scopeUri);
  await project.refresh();
  const checked = project.check();
  state.status.report(project, checked);
  // The last guard run from the editor adds what the live check cannot see; the policy test cases,
  // once run, their failures.
  const own = (await withExtras(state, project, checked)).get(path) ?? [];
  return { checked, findings: applySettings(withAgentNotice(project, path, own), settings) };
}

/** The live findings of each file with the last editor guard run's and the failing policy test cases'. */
function withExtras(
  state: ServiceState,
  project: Project,
  checked: CheckState,
): Promise<Map<string, Finding[]>> {
  const live = state.guard.merge(project.root, checked.byFile);
  return state.policyTests.merge(project.root, project.repo, project.policyDocument(), live);
}

export function diagnosticsOf(
  state: ServiceState,
  project: Project,
  findings: readonly Finding[],
): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, { root: project.root, ruleDocs: state.host.ruleDocs }));
}

/** The diagnostics of one document (what a pull returns and a push publishes); undefined outside every project or ignored. */
export async function doValidation(state: ServiceState, uri: string): Promise<Diagnostic[] | undefined> {
  const where = await state.projects.locate(uri);
  if (!where) return undefined;
  // A file git ignores is no part of the repository: no check for it.
  if ((await where.project.ignoredAmong([where.path])).has(where.path)) return undefined;
  const { findings } = await findingsFor(state, where.project, where.path, uri);
  return diagnosticsOf(state, where.project, findings);
}

/**
 * The diagnostics of every file with findings in every project, after the settings of each
 * project's scope: findings about a branch or commit (reported in the policy file) show without
 * opening it.
 */
export async function workspaceDiagnostics(state: ServiceState): Promise<WorkspaceDiagnostics> {
  const out: WorkspaceDiagnostics = new Map();
  // Restricted Mode: open files only (each pulled on its own); the whole tree is not read.
  const projects = state.host.restricted ? [] : await state.projects.ready();
  for (const project of projects) {
    const settings = await settingsFor(state, project);
    await project.refresh();
    startupMark('server first workspace check started');
    const checked = project.check();
    startupMark('server first workspace check done');
    state.status.report(project, checked);
    for (const [file, found] of await withExtras(state, project, checked)) {
      const uri = fileUri(project.root, file);
      // A file below a nested policy shows that policy's findings (its own project's), not the top's.
      if (state.projects.locateNow(uri)?.project !== project) continue;
      out.set(uri, {
        diagnostics: diagnosticsOf(state, project, applySettings(found, settings)),
        version: checked.versions.get(file) ?? null,
      });
    }
  }
  return out;
}
