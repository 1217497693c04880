import type { CheckContext } from '../../../rule.js';

/** What the UPD rules on the updater's config read: its path (`update.config`) and text, once. */
export interface UpdateConfigRun {
  ctx: CheckContext;
  file: string;
  /** undefined when the file does not exist. */
  text: string | undefined;
}

/** What UPD003 reads: one state file (`version.json` or `update_state.json`) of a profile. */
export interface UpdateStateRun {
  path: string;
  text: string;
}
