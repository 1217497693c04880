import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The editor's open buffers as the workspace reads them: the server passes its `TextDocuments`,
 * an in-process caller (a test, another host) any store of `TextDocument`s.
 */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}
