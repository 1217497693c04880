import * as z from 'zod/mini';
import { described } from './common.js';
import { repoPath } from './repo-path.js';

/** A self-updating bot: where its update config and state live. */
export const updateSection = described(
  z.strictObject({
    config: described(
      z._default(repoPath(), 'config/update.toml'),
      "The updater's settings file (an [update] table), checked by UPD001/UPD002/UPD004 and read by `slipway update`.",
    ),
    state: described(
      z._default(repoPath(), 'bot_persistence/*/meta'),
      'Glob of the per-profile meta directories whose version.json and update_state.json UPD003 checks.',
    ),
  }),
  'Self-update of a bot from signed git releases.',
);
