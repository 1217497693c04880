import { randomUUID } from 'node:crypto';
import type { CommandResponse, Refusal } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  type LanguageClient,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import type { Slipway } from './slipway.js';
import { folderArgs } from './folder-pick.js';

export interface CallOptions {
  /** The notification's title; none: the call runs without a notification (quick reads). */
  title?: string;
  cancellable?: boolean;
}

/**
 * Runs a server command (`workspace/executeCommand`) with a progress notification: the server's
 * `$/progress` steps (on a token this call creates) become its message, and its Cancel button
 * cancels the request, which aborts the flow on the server.
 */
export async function callServer<T>(
  client: LanguageClient | undefined,
  command: string,
  args: object,
  options: CallOptions = {},
): Promise<CommandResponse<T>> {
  if (!client?.isRunning())
    return refused<T>(
      'not-running',
      'the Slipway language server is not running',
      'Run "Slipway: Restart Language Server".',
    );
  const send = async (
    token?: vscode.CancellationToken,
    report?: (message: string) => void,
  ): Promise<CommandResponse<T>> => {
    const workDoneToken = `slipway-${randomUUID()}`;
    const progress = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      const message = (value as WorkDoneProgressBegin | WorkDoneProgressReport).message;
      if (message) report?.(message);
    });
    try {
      return (await client.sendRequest(
        ExecuteCommandRequest.type,
        { command, arguments: [args], workDoneToken },
        token,
      )) as CommandResponse<T>;
    } catch (err) {
      if (token?.isCancellationRequested)
        return refused<T>(
          'cancelled',
          'cancelled',
          'Nothing further was started; the output channel shows where it stopped.',
        );
      return refused<T>('failed', (err as Error).message);
    } finally {
      progress.dispose();
    }
  };
  if (!options.title) return send();
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: options.title,
      cancellable: options.cancellable,
    },
    (progress, token) => send(token, (message) => progress.report({ message })),
  );
}

export interface ResultOptions extends CallOptions {
  /** The command as its refusal names it ("Slipway: <what> refused: …"). */
  what: string;
  /** The command logs its steps in the output channel (a deploy's): the refusal offers to show it. */
  showOutput?: boolean;
}

/**
 * `callServer` on one folder for a command whose refusal the person only needs to read: the
 * result, or undefined once the refusal is on screen (`showRefusal`). The server is sent the
 * folder, then `args`.
 */
export async function resultOrRefusal<T>(
  slipway: Slipway,
  folder: vscode.WorkspaceFolder,
  command: string,
  options: ResultOptions,
  args: object = {},
): Promise<T | undefined> {
  const answer = await callServer<T>(slipway.client(), command, { ...folderArgs(folder), ...args }, options);
  if (answer.ok) return answer.result;
  if (!options.showOutput) void showRefusal(options.what, answer.refused);
  else void showRefusal(options.what, answer.refused, 'Show Output').then((b) => b && slipway.output.show());
  return undefined;
}

function refused<T>(code: string, message: string, hint?: string): CommandResponse<T> {
  return { ok: false, refused: { code, message, ...(hint ? { hint } : {}) } };
}

/** A refusal as a person reads it: why, then what to do. */
export async function showRefusal(
  what: string,
  refusal: Refusal,
  ...actions: string[]
): Promise<string | undefined> {
  const text = `Slipway: ${what} refused: ${refusal.message}.${refusal.hint ? ` ${refusal.hint}` : ''}`;
  return vscode.window.showErrorMessage(text, ...actions);
}
