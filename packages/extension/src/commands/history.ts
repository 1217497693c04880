import { type HistoryResult, type MetricsResult, SERVER_COMMANDS, type Wire } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { callServer } from '../server-call.js';
import { historyMarkdown } from './history-markdown.js';
import { metricsMarkdown } from './history-metrics-markdown.js';
import type { Slipway } from '../slipway.js';

/** Scheme of the read-only history pages: `slipway-history:/<folder name>.md?<folder URI>`. */
export const HISTORY_SCHEME = 'slipway-history';

/** Serves each folder's deploy history, read by the server from the record and audit log. */
export class HistoryDocs implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(readonly slipway: Slipway) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const folder = vscode.Uri.parse(uri.query);
    const name = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const answer = await callServer<Wire<HistoryResult>>(this.slipway.client(), SERVER_COMMANDS.history, {
      folder: folder.toString(),
    });
    if (!answer.ok)
      return `# Deploy history: ${name}\n\n${answer.refused.message}. ${answer.refused.hint ?? ''}\n`;
    const figures = await callServer<Wire<MetricsResult>>(this.slipway.client(), SERVER_COMMANDS.metrics, {
      folder: folder.toString(),
    });
    const metrics = figures.ok
      ? metricsMarkdown(figures.result)
      : `## Delivery metrics\n\n${figures.refused.message}. ${figures.refused.hint ?? ''}\n`;
    return `${historyMarkdown(name, answer.result)}\n${metrics}`;
  }

  /** Re-read an open history page (after a promote, rollback or unpin). */
  refresh(folder: vscode.WorkspaceFolder): void {
    this.changed.fire(historyUri(folder));
  }
}

export function historyUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.from({
    scheme: HISTORY_SCHEME,
    path: `/${folder.name}.md`,
    query: folder.uri.toString(),
  });
}

/**
 * "Show Deploy History": the record, the audit log newest first and the delivery figures, rendered
 * by VS Code's Markdown preview (tables as tables: the source's rows wrap across lines and no one
 * reads them there). The page is a read-only document of the `slipway-history` scheme, read afresh
 * each time it is shown; its text is escaped cell by cell (history-markdown.ts), so nothing in the
 * record or the log becomes markup, a link or an image, and the preview runs no script.
 */
export async function showHistory(docs: HistoryDocs, folder: vscode.WorkspaceFolder): Promise<void> {
  const uri = historyUri(folder);
  docs.refresh(folder);
  await vscode.workspace.openTextDocument(uri);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
