import type { StatusParams } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { type Alarm, statusText } from './status-text.js';

export type ServerStatus = StatusParams;

/**
 * One status bar item for the folder of the active editor (each folder has its own policy,
 * record and status): the server's state, then that repository's. An invalid policy is the state
 * that matters most: every other file then shows nothing, which must not look like "all clear".
 */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'slipway.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly byRoot = new Map<string, ServerStatus>();
  private running = false;
  private readonly editorWatch = vscode.window.onDidChangeActiveTextEditor(
    () => this.running && this.render(),
  );
  // "5 min ago" grows older without any message from the server.
  private readonly clock = setInterval(() => this.running && this.render(), 60_000);

  constructor() {
    this.item.name = 'Slipway';
    this.item.command = 'slipway.showOutput';
    this.set('$(loading~spin) Slipway', 'Starting the Slipway language server…');
    this.item.show();
  }

  serverState(state: 'starting' | 'running' | 'stopped'): void {
    this.running = state === 'running';
    if (state === 'starting') this.set('$(loading~spin) Slipway', 'Starting the Slipway language server…');
    else if (state === 'stopped')
      this.set(
        '$(debug-stop) Slipway',
        'The Slipway language server is stopped. Run "Slipway: Restart Language Server".',
        'error',
      );
    else this.render();
  }

  update(status: ServerStatus): void {
    this.byRoot.set(status.root, status);
    this.render();
  }

  /** The status of the repository holding `path` (the longest root that contains it). */
  statusOf(path: string | undefined): ServerStatus | undefined {
    let best: ServerStatus | undefined;
    for (const s of this.byRoot.values()) {
      const inside = path !== undefined && (path === s.root || path.startsWith(`${s.root}/`));
      if (inside && (!best || s.root.length > best.root.length)) best = s;
    }
    return best;
  }

  private render(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active
      ? vscode.workspace.getWorkspaceFolder(active)
      : vscode.workspace.workspaceFolders?.[0];
    const status =
      this.statusOf(active?.fsPath) ?? this.statusOf(folder?.uri.fsPath) ?? [...this.byRoot.values()][0];
    if (!status) {
      this.set('$(shield) Slipway', 'Slipway is running.');
      return;
    }
    const [text, tooltip, alarm] = statusText(status);
    this.set(text, tooltip, alarm);
  }

  private set(text: string, tooltip: string, alarm?: Alarm): void {
    this.item.text = text;
    // Screen readers (and the editor tests) read the state in words, not icons.
    this.item.accessibilityInformation = { label: text.replace(/\$\([^)]+\)\s*/g, '').trim() };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = alarm ? new vscode.ThemeColor(`statusBarItem.${alarm}Background`) : undefined;
  }

  dispose(): void {
    clearInterval(this.clock);
    this.editorWatch.dispose();
    this.item.dispose();
  }
}
