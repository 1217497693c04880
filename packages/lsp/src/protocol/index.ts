/**
 * @slipway/lsp/protocol — the command names, argument and result types and notifications of the
 * Slipway language server. Pure: the VS Code extension imports it.
 */
export * from './commands.js';
export * from './notifications.js';
// The escaping of the text and markdown formats, for what the extension shows of the server's
// answers (the status item, the deploy history): one escaping per format, wherever it is written.
export { markdownCode, markdownText, percent, printable, shortDuration } from '@slipway/policy-core';
// The metrics charts the history page shows as images: drawn once, for the report and the editor.
export { chartImageUri, environmentCharts } from '@slipway/policy-core';
