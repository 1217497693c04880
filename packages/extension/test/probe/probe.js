// A test-only extension that .vscode-test.mjs loads beside Slipway. Slipway activates and shows its
// first findings while the editor starts, before any test of the suite runs, so this one starts
// with the editor ("*") and notes the times the suite cannot see afterwards. Not in the .vsix.
const vscode = require('vscode');
const { appendFileSync } = require('node:fs');

/**
 * The floor of bench/editor-first-impression.bench.mjs (SLIPWAY_STARTUP_TRACE set, installed
 * without Slipway): the earliest an extension runs ("*") and shows a problem, which no extension
 * can beat. Notes VS Code's extension host marks and its own activation in the trace file and puts
 * one warning on the workspace's slipway.yaml, at once, for the page to see in the Problems count.
 */
function floorRun(context, trace) {
  const mark = (name, at = Date.now()) => appendFileSync(trace, `${JSON.stringify({ mark: name, at })}\n`);
  mark('probe activate() called');
  for (const m of globalThis.MonacoPerformanceMarks?.getMarks?.() ?? []) {
    if (m.name.startsWith('code/')) mark(`vscode ${m.name}`, Math.round(m.startTime));
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const problems = vscode.languages.createDiagnosticCollection('probe');
  const range = new vscode.Range(0, 0, 0, 1);
  problems.set(vscode.Uri.joinPath(folder.uri, 'slipway.yaml'), [
    new vscode.Diagnostic(range, 'the floor: a problem set at activation', vscode.DiagnosticSeverity.Warning),
  ]);
  context.subscriptions.push(problems);
  mark('probe diagnostics set');
}

exports.activate = (context) => {
  const probeActivatedAt = Date.now();
  if (process.env.SLIPWAY_STARTUP_TRACE) floorRun(context, process.env.SLIPWAY_STARTUP_TRACE);
  let resolveFirst;
  const firstDiagnostics = new Promise((resolve) => {
    resolveFirst = resolve;
  });
  const watch = vscode.languages.onDidChangeDiagnostics((e) => {
    const slipway = e.uris.some((uri) =>
      vscode.languages.getDiagnostics(uri).some((d) => d.source === 'slipway'),
    );
    if (!slipway) return;
    watch.dispose();
    resolveFirst(Date.now());
  });
  /**
   * VS Code's own marks (Date.now() times) for Slipway: `will` when the extension host calls its
   * activate(), `did` when that resolves (the language server has answered initialize).
   */
  const slipwayActivation = (which) =>
    globalThis.MonacoPerformanceMarks?.getMarks?.().find(
      (m) => m.name === `code/extHost/${which}ActivateExtension/slipway.slipway`,
    )?.startTime;
  return { probeActivatedAt, firstDiagnostics, slipwayActivation };
};
