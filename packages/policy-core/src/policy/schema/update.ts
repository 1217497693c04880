import { z } from 'zod';

/** Seed 003: the self-updating bot's config and state. */
export const updateSection = z
  .object({
    config: z
      .string()
      .min(1)
      .default('config/update.toml')
      .describe(
        "The updater's settings file (an [update] table), checked by UPD001/UPD002/UPD004 and read by `slipway update`.",
      ),
    state: z
      .string()
      .min(1)
      .default('bot_persistence/*/meta')
      .describe(
        'Glob of the per-profile meta directories whose version.json and update_state.json UPD003 checks.',
      ),
  })
  .strict()
  .describe('Self-update of a bot from signed git releases (seed 003).');
