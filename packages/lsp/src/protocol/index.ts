/**
 * @slipway/lsp/protocol — the command names, argument and result types and notifications of the
 * Slipway language server. Pure: the VS Code extension imports it.
 */
export * from './commands.js';
export * from './notifications.js';
// The markdown format's escaping, for the Markdown the extension writes from the server's answers
// (the deploy history): one escaping for GitHub's Markdown, wherever it is written.
export { markdownCode, markdownText } from '@slipway/policy-core';
