import { minimatch } from 'minimatch';
import type { CheckContext } from '../../../rule.js';
import { parseUpdateToml } from '../../../update/update-toml.js';
import { withoutTrailingSlashes } from '../../../trailing-slashes.js';

/**
 * The state files of every profile: `<update.state>/version.json` and `.../update_state.json`,
 * plus those of the profile update.toml names. The persistence directory is almost always
 * git-ignored (it is the bot's runtime state), so the file list alone would miss exactly the
 * files the updater reads.
 */
export function stateFiles(ctx: CheckContext, stateGlob: string, configText?: string): string[] {
  // Stryker disable next-line Regex: minimatch reads `a//b` as `a/b`, so one slash left of several matches the same files
  const base = withoutTrailingSlashes(stateGlob);
  const listed = ctx.repo
    .listFiles()
    .filter((f) => minimatch(f, `${base}/{version,update_state}.json`, { dot: true }));
  const parsed = configText === undefined ? undefined : parseUpdateToml(configText);
  const { persistence_dir = 'bot_persistence', profile = 'default' } = parsed?.ok ? parsed.config : {};
  const meta = `${persistence_dir}/${profile}/meta`;
  const own = [`${meta}/update_state.json`, `${meta}/version.json`].filter(
    (f) => !listed.includes(f) && ctx.repo.readFile(f) !== undefined,
  );
  return [...listed, ...own];
}
