import * as vscode from 'vscode';

/** What the server says about a repository (`slipway/status`). */
export interface ServerStatus {
  root: string;
  kind: 'ok' | 'invalid-policy' | 'no-policy' | 'failed';
  message: string;
  errors: number;
  warnings: number;
}

/**
 * One status bar item: the server's state, then the policy's. An invalid policy is the state
 * that matters most: every other file then shows nothing, which must not look like "all clear".
 */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'slipway.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly byRoot = new Map<string, ServerStatus>();

  constructor() {
    this.item.name = 'Slipway';
    this.item.command = 'slipway.showOutput';
    this.set('$(loading~spin) Slipway', 'Starting the Slipway language server…');
    this.item.show();
  }

  serverState(state: 'starting' | 'running' | 'stopped' | 'restricted'): void {
    if (state === 'starting') this.set('$(loading~spin) Slipway', 'Starting the Slipway language server…');
    else if (state === 'stopped')
      this.set(
        '$(debug-stop) Slipway',
        'The Slipway language server is stopped. Run "Slipway: Restart Server".',
        true,
      );
    else if (state === 'restricted') {
      this.set(
        '$(shield) Slipway',
        'Restricted Mode: Slipway runs git in this folder, so it waits until you trust the workspace.',
      );
    } else this.render();
  }

  update(status: ServerStatus): void {
    this.byRoot.set(status.root, status);
    this.render();
  }

  private render(): void {
    const [text, tooltip, alarm] = this.summary();
    this.set(text, tooltip, alarm);
  }

  private summary(): [string, string, boolean] {
    const all = [...this.byRoot.values()];
    if (all.length === 0) return ['$(shield) Slipway', 'Slipway is running.', false];
    const tooltip = all.map((s) => s.message).join('\n');
    if (all.some((s) => s.kind === 'invalid-policy'))
      return ['$(error) Slipway: policy invalid', tooltip, true];
    if (all.some((s) => s.kind === 'failed')) return ['$(error) Slipway: check failed', tooltip, true];
    if (all.every((s) => s.kind === 'no-policy'))
      return ['$(circle-slash) Slipway: no policy', tooltip, false];
    const errors = all.reduce((n, s) => n + s.errors, 0);
    const warnings = all.reduce((n, s) => n + s.warnings, 0);
    return [`$(shield) Slipway $(error) ${errors} $(warning) ${warnings}`, tooltip, false];
  }

  private set(text: string, tooltip: string, alarm = false): void {
    this.item.text = text;
    // Screen readers (and the editor tests) read the state in words, not icons.
    const words = text.replace(/\$\([^)]+\)\s*/g, '').trim();
    this.item.accessibilityInformation = {
      label: tooltip.startsWith('Restricted Mode') ? 'Slipway: waiting for workspace trust' : words,
    };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = alarm ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
