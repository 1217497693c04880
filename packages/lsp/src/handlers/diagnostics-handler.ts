import type { ServerContext } from '../context.js';
import { startupMark } from '../startup-trace.js';
import { documentReport, workspaceReport } from './diagnostic-reports.js';

/**
 * Pull diagnostics (LSP 3.17): the client asks per document, and for the whole workspace so
 * that findings about a branch or commit (reported in the policy file) show without opening it.
 */
export function registerDiagnostics(ctx: ServerContext): void {
  const { service } = ctx;
  ctx.connection.languages.diagnostics.on(async ({ textDocument, previousResultId }) => {
    startupMark('server first document pull received');
    const report = documentReport(await service.doValidation(textDocument.uri), previousResultId);
    startupMark('server first document pull answered');
    return report;
  });
  ctx.connection.languages.diagnostics.onWorkspace(async ({ previousResultIds }) => {
    startupMark('server first workspace pull received');
    const report = workspaceReport(
      await service.doWorkspaceValidation(),
      previousResultIds,
      (uri) => ctx.documents.get(uri)?.version,
    );
    startupMark('server first workspace pull answered');
    return report;
  });
}
