import { exampleIn } from '../../file-example.js';

/**
 * What the UPD rules' docs share, written once: the updater's config as it should be (the main
 * channel every 30 minutes, signed tags from one signer) and the example that shows a config.
 */

/** Where the examples keep the updater's config. */
export const UPDATE_TOML_FILE = 'config/update.toml';

/** The config as it should be. */
export const UPDATE_TOML =
  '[update]\n' +
  'channel = "main"\n' +
  'interval_minutes = 30\n' +
  'require_signed_tags = true\n' +
  'allowed_signers = ["3AA5C34371567BD2F0E1B4C6A8D9E2F317B4C6A8"]\n';

/** An UPD example of the config `text`; `more` adds the environment the updater sees. */
export const updateTomlExample = exampleIn(UPDATE_TOML_FILE);
