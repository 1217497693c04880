import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../features/settings.js';

/**
 * Settings pulled from the client per scope URI (`workspace/configuration`), as vscode-eslint
 * does, and cached until the client says the configuration changed.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Bumped on every configuration change; part of each diagnostic result id. */
  epoch = 0;

  constructor(
    private readonly connection: Connection,
    readonly supported: boolean,
  ) {}

  get(scopeUri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = this.cache.get(scopeUri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri, section: 'slipway' })
        .then(readSettings, () => DEFAULT_SETTINGS);
      this.cache.set(scopeUri, pending);
    }
    return pending;
  }

  changed(): void {
    this.cache.clear();
    this.epoch++;
  }
}
