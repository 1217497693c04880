import { agentEditNotice, type Finding } from '@slipway/policy-core';
import {
  type Diagnostic,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { applySettings } from '../features/settings.js';
import { toDiagnostic } from '../features/to-diagnostic.js';
import { fileUri } from '../workspace/paths.js';
import type { Project } from '../workspace/project.js';

/** Findings of one file of a project, after the settings of its scope. */
export async function findingsFor(ctx: ServerContext, project: Project, path: string, scopeUri: string) {
  const settings = await ctx.settings.get(scopeUri);
  // The policy file is a setting of the repository's folder, not of each file in it.
  project.usePolicyFile((await ctx.settings.get(fileUri(project.root, ''))).policyFile);
  await project.refresh();
  const state = project.check();
  ctx.status.report(project, state);
  // The last guard run from the editor adds what the live check cannot see; the policy test cases,
  // once run, their failures.
  const own =
    (await withPolicyTests(ctx, project, ctx.guard.merge(project.root, state.byFile))).get(path) ?? [];
  // On an agent branch, an open file the agent may not edit says so before any edit.
  const policy = project.policyDocument();
  const notice =
    policy && !own.some((f) => f.rule.startsWith('PATH'))
      ? agentEditNotice(policy, project.reviewedChange()?.branch, path)
      : undefined;
  return { state, findings: applySettings(notice ? [notice, ...own] : own, settings) };
}

function withPolicyTests(ctx: ServerContext, project: Project, byFile: ReadonlyMap<string, Finding[]>) {
  return ctx.policyTests.merge(project.root, project.repo, project.policyDocument(), byFile);
}

export function diagnosticsOf(
  ctx: ServerContext,
  project: Project,
  findings: readonly Finding[],
): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, { root: project.root, ruleDocs: ctx.ruleDocs }));
}

/** The diagnostics of one document (what a pull returns and a push publishes); undefined outside every project or ignored. */
export async function documentDiagnostics(
  ctx: ServerContext,
  uri: string,
): Promise<Diagnostic[] | undefined> {
  const where = await ctx.projects.locate(uri);
  if (!where) return undefined;
  // A file git ignores is no part of the repository: no check for it.
  if ((await where.project.ignoredAmong([where.path])).has(where.path)) return undefined;
  const { findings } = await findingsFor(ctx, where.project, where.path, uri);
  return diagnosticsOf(ctx, where.project, findings);
}

/**
 * Pull diagnostics (LSP 3.17): the client asks per document, and for the whole workspace so
 * that findings about a branch or commit (reported in the policy file) show without opening it.
 */
export function registerDiagnostics(ctx: ServerContext): void {
  ctx.connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    const items = await documentDiagnostics(ctx, params.textDocument.uri);
    if (!items) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = hash(items);
    if (params.previousResultId === resultId)
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  ctx.connection.languages.diagnostics.onWorkspace(async (params): Promise<WorkspaceDiagnosticReport> => {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const all = await workspaceDiagnostics(ctx);
    for (const [uri, { diagnostics, version }] of all) {
      const resultId = hash(diagnostics);
      if (previous.get(uri) === resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId });
      } else {
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diagnostics });
      }
    }
    // Files that had findings last time and have none now: clear them.
    for (const uri of previous.keys()) {
      if (!all.has(uri)) {
        items.push({
          kind: DocumentDiagnosticReportKind.Full,
          uri,
          version: ctx.documents.get(uri)?.version ?? null,
          items: [],
        });
      }
    }
    return { items };
  });
}

/**
 * The diagnostics of every file with findings in every project, after the settings of each
 * project's scope, with the version of the text they were computed from (null: read from disk).
 */
export async function workspaceDiagnostics(
  ctx: ServerContext,
): Promise<Map<string, { diagnostics: Diagnostic[]; version: number | null }>> {
  const out = new Map<string, { diagnostics: Diagnostic[]; version: number | null }>();
  // Restricted Mode: open files only (each pulled on its own); the whole tree is not read.
  const projects = ctx.restricted ? [] : await ctx.projects.ready();
  for (const project of projects) {
    const settings = await ctx.settings.get(fileUri(project.root, ''));
    project.usePolicyFile(settings.policyFile);
    await project.refresh();
    const state = project.check();
    ctx.status.report(project, state);
    for (const [file, found] of await withPolicyTests(
      ctx,
      project,
      ctx.guard.merge(project.root, state.byFile),
    )) {
      const uri = fileUri(project.root, file);
      // A file below a nested policy shows that policy's findings (its own project's), not the top's.
      if (ctx.projects.locateNow(uri)?.project !== project) continue;
      out.set(uri, {
        diagnostics: diagnosticsOf(ctx, project, applySettings(found, settings)),
        version: state.versions.get(file) ?? null,
      });
    }
  }
  return out;
}

/** A result id that changes exactly when the diagnostics do (FNV-1a over their JSON). */
function hash(items: readonly Diagnostic[]): string {
  const text = JSON.stringify(items);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}-${text.length}`;
}
