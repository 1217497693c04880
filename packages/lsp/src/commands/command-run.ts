import {
  type CancellationToken,
  type ExecuteCommandParams,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { type CommandResponse, OUTPUT_NOTIFICATION, type OutputParams } from '../protocol/index.js';
import type { Project } from '../workspace/project.js';

/** What a command handler gets besides its arguments: progress, output, cancellation. */
export interface CommandRun {
  /** Aborted when the client cancels the request or the progress (its cancel button). */
  readonly signal: AbortSignal;
  /** One step, for the progress UI (and the output channel). */
  step(message: string): void;
  /** A line of a deploy or smoke command's output, for the output channel only. */
  output(line: string): void;
  /** Stops the flow as the editor's Cancel does (the editor is shutting down). */
  cancel(reason: string): void;
}

/** A command's body: its project, its one argument object and the run (progress, output, cancel). */
export type CommandHandler = (
  ctx: ServerContext,
  project: Project,
  args: never,
  run: CommandRun,
) => Promise<CommandResponse<unknown>>;

export interface CommandSpec {
  /** The title of its progress. */
  title: string;
  handler: CommandHandler;
}

/**
 * Opens `$/progress` for a command: on the token the client sent with the request (VS Code's
 * extension shows it in its own notification), else on one the server creates with
 * `window/workDoneProgress/create` when the client supports that (Neovim, Helix), else none.
 * Both cancellations, `$/cancelRequest` and `window/workDoneProgress/cancel`, abort `signal`.
 */
export async function openRun(
  ctx: ServerContext,
  root: string,
  params: ExecuteCommandParams,
  token: CancellationToken,
  attached: WorkDoneProgressReporter,
  title: string,
): Promise<CommandRun & { done(): void }> {
  const abort = new AbortController();
  // The reason is what the audit log says interrupted the deploy ("interrupted by …").
  const cancel = () => abort.abort('a cancel in the editor');
  const disposables = [token.onCancellationRequested(cancel)];
  let reporter = attached;
  if (params.workDoneToken === undefined && ctx.workDoneProgress) {
    const created = await ctx.connection.window.createWorkDoneProgress();
    disposables.push(created.token.onCancellationRequested(cancel));
    reporter = created;
  }
  const progress = WorkDoneProgressReporter.isNullInstance(reporter) ? undefined : reporter;
  progress?.begin(title, undefined, undefined, true);
  const send = (line: string) =>
    void ctx.connection.sendNotification(OUTPUT_NOTIFICATION, { root, line } satisfies OutputParams);
  return {
    signal: abort.signal,
    step(message) {
      progress?.report(message);
      send(message);
    },
    output: send,
    cancel: (reason) => abort.abort(reason),
    done() {
      progress?.done();
      for (const d of disposables) d.dispose();
    },
  };
}
