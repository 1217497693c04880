import { EXPLAIN_REQUEST, type ExplainParams } from '@slipway/lsp/protocol';
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Scheme of the read-only rule pages that diagnostic codes link to (`slipway-rule:/MIG001.md`). */
export const RULE_SCHEME = 'slipway-rule';

/** Serves each rule's documentation from the server (`slipway/explain`), the same text `slipway explain` prints. */
export class RuleDocs implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const rule = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const client = this.client();
    if (!client?.isRunning()) return `# ${rule}\n\nThe Slipway language server is not running.\n`;
    const params: ExplainParams = { rule };
    const text = await client.sendRequest<string | null>(EXPLAIN_REQUEST, params);
    return text ?? `# ${rule}\n\nUnknown rule id; run \`slipway explain\` for the list of rules.\n`;
  }
}
