// A test-only extension that .vscode-test.mjs loads beside Slipway. Slipway activates and shows its
// first findings while the editor starts, before any test of the suite runs, so this one starts
// with the editor ("*") and notes the times the suite cannot see afterwards. Not in the .vsix.
const vscode = require('vscode');

exports.activate = () => {
  const probeActivatedAt = Date.now();
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
