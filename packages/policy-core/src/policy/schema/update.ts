import * as z from 'zod/mini';
import { defaulted, described } from './common.js';
import { repoPath } from './repo-path.js';

/** A self-updating bot: where its update config and state live. */
export const updateSection = described(
  z.strictObject({
    config: defaulted(
      repoPath(),
      'config/update.toml',
      "The updater's settings file (an [update] table), checked by UPD001/UPD002/UPD004 and read by `slipway update`.",
    ),
    state: defaulted(
      repoPath(),
      'bot_persistence/*/meta',
      'Glob of the per-profile meta directories whose version.json and update_state.json UPD003 checks.',
    ),
  }),
  'Self-update of a bot from signed git releases.',
);
