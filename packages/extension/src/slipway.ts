import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { StatusItem } from './status-item.js';

/** What every command needs: the running client, the output channel, the status item. */
export interface Slipway {
  client(): LanguageClient | undefined;
  output: vscode.LogOutputChannel;
  status: StatusItem;
}
