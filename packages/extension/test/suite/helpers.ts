import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';

/** Slipway's diagnostics of one file, as the Problems panel lists them. */
export function slipwayDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'slipway');
}

/** The rule ids of a file's Slipway diagnostics, sorted. */
export function ruleIds(uri: vscode.Uri): string[] {
  return slipwayDiagnostics(uri)
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code))
    .sort();
}

/** Resolves once `ready()` holds, checked now and at every change of the diagnostics collection. */
export function diagnosticsWhere(ready: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watch.dispose();
      reject(new Error(`no diagnostics where ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const watch = vscode.languages.onDidChangeDiagnostics(() => {
      if (!ready()) return;
      clearTimeout(timer);
      watch.dispose();
      resolve();
    });
  });
}

/** One message, picker or input box a command showed, with the time it showed it. */
export interface Prompt {
  kind: 'info' | 'warning' | 'error' | 'quickPick' | 'inputBox';
  text: string;
  /** The modal's detail (checklists), the picker's labels. */
  detail: string;
  at: number;
}

type Answer = (prompt: Prompt) => string | undefined;

/**
 * Stands in for the person at the keyboard: while installed, the window's messages, pickers and
 * input boxes are answered by `answer` (undefined: dismissed, as Escape does) and recorded.
 * The commands call `vscode.window` of this extension's API object, which the suite shares (its
 * files live inside the extension's folder), so no command needs a test-only argument.
 */
export class Person implements vscode.Disposable {
  readonly prompts: Prompt[] = [];
  private readonly saved: Partial<typeof vscode.window> = {};

  constructor(private readonly answer: Answer = () => undefined) {
    const w = vscode.window as unknown as Record<string, unknown>;
    const message = (kind: Prompt['kind']) =>
      (async (text: string, ...rest: unknown[]) => {
        const options = rest[0] && typeof rest[0] === 'object' && !('title' in rest[0]) ? rest[0] : {};
        const buttons = rest.filter((r): r is string => typeof r === 'string');
        const said = this.record(kind, text, (options as vscode.MessageOptions).detail ?? '');
        const choice = this.answer(said);
        return choice !== undefined && buttons.includes(choice) ? choice : undefined;
      }) as unknown;
    const quickPick = async (
      items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
      options?: vscode.QuickPickOptions,
    ) => {
      const list = await items;
      const said = this.record(
        'quickPick',
        options?.title ?? options?.placeHolder ?? '',
        list.map((i) => i.label).join('\n'),
      );
      const choice = this.answer(said);
      return list.find((i) => i.label === choice);
    };
    const inputBox = async (options?: vscode.InputBoxOptions) =>
      this.answer(this.record('inputBox', options?.title ?? options?.prompt ?? '', options?.prompt ?? ''));
    const stand = {
      showInformationMessage: message('info'),
      showWarningMessage: message('warning'),
      showErrorMessage: message('error'),
      showQuickPick: quickPick,
      showInputBox: inputBox,
    };
    for (const [name, fn] of Object.entries(stand)) {
      (this.saved as Record<string, unknown>)[name] = w[name];
      w[name] = fn;
    }
  }

  private record(kind: Prompt['kind'], text: string, detail: string): Prompt {
    const p = { kind, text, detail, at: Date.now() };
    this.prompts.push(p);
    return p;
  }

  /** The first prompt whose text matches, or a failure that lists what was shown. */
  find(kind: Prompt['kind'], text: RegExp): Prompt {
    const p = this.prompts.find((q) => q.kind === kind && text.test(q.text));
    if (!p)
      throw new Error(
        `no ${kind} matching ${text}; shown: ${JSON.stringify(this.prompts.map((q) => `${q.kind}: ${q.text}`))}`,
      );
    return p;
  }

  dispose(): void {
    Object.assign(vscode.window, this.saved);
  }
}

/** An environment's health endpoint on 127.0.0.1: answers 200 to everything and counts the requests. */
export class StandIn {
  readonly paths: string[] = [];
  private readonly server = createServer((req, res) => {
    this.paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
