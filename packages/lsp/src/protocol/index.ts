/**
 * @slipway/lsp/protocol — the command names, argument and result types and notifications of the
 * Slipway language server. Pure: the VS Code extension imports it.
 */
export * from './commands.js';
export * from './notifications.js';
