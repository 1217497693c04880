import type { ServerContext } from '../context.js';

/**
 * Asks the client to pull diagnostics again (after configuration, file or HEAD changes); a
 * client that cannot pull gets the open documents' diagnostics published again instead.
 */
export function refreshDiagnostics(ctx: ServerContext): void {
  ctx.push?.schedule();
  if (!ctx.canRefresh) return;
  ctx.connection.languages.diagnostics.refresh().catch((err: Error) => {
    ctx.connection.console.warn(`diagnostics refresh failed: ${err.message}`);
  });
}
