import { RequestType } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { EXPLAIN_REQUEST, type ExplainParams } from '../protocol/notifications.js';

/** `slipway/explain`: a rule's documentation as Markdown (the extension's rule pages); null if unknown. */
export const ExplainRequest = new RequestType<ExplainParams, string | null, void>(EXPLAIN_REQUEST);

/** Hover, completion, code actions, outline, definitions, lenses: each a call of the language service. */
export function registerLanguageHandlers(ctx: ServerContext): void {
  const { connection, service } = ctx;
  connection.onHover(({ textDocument, position }) => service.doHover(textDocument.uri, position));
  connection.onCompletion(({ textDocument, position }) => service.doComplete(textDocument.uri, position));
  connection.onCodeAction(({ textDocument, range, context }) =>
    service.getCodeActions(textDocument.uri, range, context),
  );
  connection.onDocumentSymbol(({ textDocument }) => service.findDocumentSymbols(textDocument.uri));
  connection.onDefinition(({ textDocument, position }) => service.findDefinition(textDocument.uri, position));
  connection.onCodeLens(({ textDocument }) => service.getCodeLenses(textDocument.uri));
  connection.onRequest(ExplainRequest, ({ rule }) => service.explainRule(rule));
}
