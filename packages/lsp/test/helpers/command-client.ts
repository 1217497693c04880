import type {
  MessageActionItem,
  ProgressToken,
  ShowMessageRequestParams,
} from 'vscode-languageserver-protocol/node';
import type { LspSession } from './lsp-session.js';

/** One `$/progress` value the server sent, with its token. */
export interface ProgressSeen {
  token: ProgressToken;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; cancellable?: boolean };
}

/**
 * What a person at a plain LSP client sees while a command runs: the progress the server creates,
 * its `window/showMessageRequest` questions (answered by `answer`) and the `slipway/output` lines.
 */
export class CommandClient {
  readonly created: ProgressToken[] = [];
  readonly progress: ProgressSeen[] = [];
  readonly questions: ShowMessageRequestParams[] = [];
  readonly output: string[] = [];
  /** Picks an action of a question; default: the first (the approving one). Null: dismissed. */
  answer: (q: ShowMessageRequestParams) => MessageActionItem | null = (q) => q.actions?.[0] ?? null;

  constructor(readonly session: LspSession) {
    const c = session.connection;
    c.onRequest('window/workDoneProgress/create', (p: { token: ProgressToken }) => {
      this.created.push(p.token);
      return null;
    });
    c.onNotification('$/progress', (p: ProgressSeen) => {
      this.progress.push(p);
    });
    c.onRequest('window/showMessageRequest', (q: ShowMessageRequestParams) => {
      this.questions.push(q);
      return this.answer(q);
    });
    c.onNotification('slipway/output', (p: { line: string }) => {
      this.output.push(p.line);
    });
  }

  /** Runs a command on the session's repository folder. */
  run<T = unknown>(command: string, args: Record<string, unknown> = {}): Promise<T> {
    return this.session.executeCommand(command, { folder: this.session.uri(''), ...args }) as Promise<T>;
  }

  /** The progress messages of each token, in order. */
  messages(): string[] {
    return this.progress.map((p) => p.value.message ?? p.value.title ?? '').filter(Boolean);
  }
}
