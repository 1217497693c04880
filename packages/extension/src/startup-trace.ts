import { startupMark } from '@slipway/lsp/startup-trace';
import * as vscode from 'vscode';

/** VS Code's own marks in the extension host (`code/extHost/…`, Date.now() times). */
interface PerformanceMarks {
  getMarks?(): { name: string; startTime: number }[];
}

/**
 * With SLIPWAY_STARTUP_TRACE set (bench/editor-first-impression.bench.mjs), notes the editor's
 * side of the start: VS Code's marks for the extension host (when it started, connected, loaded
 * extensions; when it called our activate()), and the first Slipway diagnostics VS Code received.
 * The server notes its own side in the same file. Unset, nothing is registered.
 */
export function traceStartup(context: vscode.ExtensionContext): void {
  if (!process.env.SLIPWAY_STARTUP_TRACE) return;
  startupMark('extension activate() called');
  const marks = (globalThis as { MonacoPerformanceMarks?: PerformanceMarks }).MonacoPerformanceMarks;
  for (const m of marks?.getMarks?.() ?? []) {
    if (m.name.startsWith('code/')) startupMark(`vscode ${m.name}`, Math.round(m.startTime));
  }
  const watch = vscode.languages.onDidChangeDiagnostics((e) => {
    const ours = e.uris.some((uri) =>
      vscode.languages.getDiagnostics(uri).some((d) => d.source === 'slipway'),
    );
    if (!ours) return;
    startupMark('extension first Slipway diagnostics received');
    watch.dispose();
  });
  context.subscriptions.push(watch);
}
