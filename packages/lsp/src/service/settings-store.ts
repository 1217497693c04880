import { DEFAULT_SETTINGS, readSettings, type Settings } from '../features/settings.js';

/** Asks the client for the `slipway` section of one scope (`workspace/configuration`). */
export type FetchSettings = (scopeUri: string) => Promise<unknown>;

/**
 * Settings pulled from the client per scope URI, as vscode-eslint does, and cached until the
 * client says the configuration changed. Without `fetch` (a client without
 * `workspace/configuration`) every scope has the defaults.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Bumped on every configuration change; part of each diagnostic result id. */
  epoch = 0;

  constructor(private readonly fetch: FetchSettings | undefined) {}

  get supported(): boolean {
    return this.fetch !== undefined;
  }

  get(scopeUri: string): Promise<Settings> {
    if (!this.fetch) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = this.cache.get(scopeUri);
    if (!pending) {
      pending = this.fetch(scopeUri).then(readSettings, () => DEFAULT_SETTINGS);
      this.cache.set(scopeUri, pending);
    }
    return pending;
  }

  changed(): void {
    this.cache.clear();
    this.epoch++;
  }
}
