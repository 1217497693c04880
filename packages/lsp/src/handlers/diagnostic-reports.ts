import {
  type Diagnostic,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { WorkspaceDiagnostics } from '../service/validation.js';

/** A result id that changes exactly when the diagnostics do (FNV-1a over their JSON). */
export function diagnosticResultId(items: readonly Diagnostic[]): string {
  const text = JSON.stringify(items);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}-${text.length}`;
}

/**
 * A document pull's answer: `Unchanged` when its diagnostics hash as the client's last result;
 * no diagnostics at all (outside every project, ignored) is an empty report without an id.
 */
export function documentReport(
  items: Diagnostic[] | undefined,
  previousResultId: string | undefined,
): DocumentDiagnosticReport {
  if (!items) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const resultId = diagnosticResultId(items);
  if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

/**
 * A workspace pull's answer: each file with findings, `Unchanged` where the client's last result
 * id still holds, and an empty report for each file that had findings last time and has none now.
 */
export function workspaceReport(
  all: WorkspaceDiagnostics,
  previousResultIds: readonly { uri: string; value: string }[],
  openVersion: (uri: string) => number | undefined,
): WorkspaceDiagnosticReport {
  const previous = new Map(previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const [uri, { diagnostics, version }] of all) {
    const resultId = diagnosticResultId(diagnostics);
    if (previous.get(uri) === resultId)
      items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId });
    else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diagnostics });
  }
  for (const uri of previous.keys())
    if (!all.has(uri))
      items.push({
        kind: DocumentDiagnosticReportKind.Full,
        uri,
        version: openVersion(uri) ?? null,
        items: [],
      });
  return { items };
}
