import { POLICY_FILES } from '@slipway/policy-core';
import type { OverlayRepo } from './overlay-repo.js';

/**
 * Which file is a project's policy: the one the `slipway.policyFile` setting names (relative to
 * the project's root), else the first of slipway.yaml, .yml, .toml that exists or is open.
 */
export class PolicyFileChoice {
  private override: string | undefined;

  constructor(
    private readonly repo: OverlayRepo,
    /** A policy's folder below the repository's top (Project.nested). */
    private readonly nested: boolean,
  ) {}

  /** Uses the file the settings name (undefined or '': the default names); true when that changed. */
  use(path: string | undefined): boolean {
    const next = path?.trim().replace(/^\.?\//, '') || undefined;
    if (next === this.override) return false;
    this.override = next;
    return true;
  }

  /** Whether the settings name a policy file other than the default names. */
  overridden(): boolean {
    return this.override !== undefined;
  }

  /**
   * The policy file's repo path. One the reader refuses (a link leaving the repository, a FIFO)
   * is found all the same, to be refused in POL001 as the CLI does, never taken for none.
   */
  file(): string | undefined {
    const there = (path: string) => this.repo.readFile(path) !== undefined || !!this.repo.refusal(path);
    if (this.override !== undefined) {
      if (there(this.override)) return this.override;
      // A folder below the top was found by a policy of its own: where the setting's file is not
      // there too, that policy governs it.
      if (!this.nested) return undefined;
    }
    return POLICY_FILES.find(there);
  }
}
