import {
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { diagnosticResultId } from './diagnostic-result-id.js';

/**
 * Pull diagnostics (LSP 3.17): the client asks per document, and for the whole workspace so
 * that findings about a branch or commit (reported in the policy file) show without opening it.
 * A file whose diagnostics hash as the client's last result is answered `Unchanged`.
 */
export function registerDiagnostics(ctx: ServerContext): void {
  const { service } = ctx;
  ctx.connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    const items = await service.doValidation(params.textDocument.uri);
    if (!items) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = diagnosticResultId(items);
    if (params.previousResultId === resultId)
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  ctx.connection.languages.diagnostics.onWorkspace(async (params): Promise<WorkspaceDiagnosticReport> => {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const all = await service.doWorkspaceValidation();
    for (const [uri, { diagnostics, version }] of all) {
      const resultId = diagnosticResultId(diagnostics);
      if (previous.get(uri) === resultId)
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId });
      else
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diagnostics });
    }
    // Files that had findings last time and have none now: clear them.
    for (const uri of previous.keys())
      if (!all.has(uri))
        items.push({
          kind: DocumentDiagnosticReportKind.Full,
          uri,
          version: ctx.documents.get(uri)?.version ?? null,
          items: [],
        });
    return { items };
  });
}
