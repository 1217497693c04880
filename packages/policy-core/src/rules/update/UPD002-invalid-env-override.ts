import type { Finding, Range } from '../../finding.js';
import { locateTomlPath } from '../../update/toml-locate.js';
import { ENV_OVERRIDES_KEY, readEnvOverrides } from '../../update/update-env.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { UpdateConfigRun } from './facts/update-facts.js';
import { UPDATE_TOML, updateTomlExample } from './facts/examples.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const invalidEnvOverride: Rule<UpdateConfigRun> = {
  id: 'UPD002',
  name: 'invalid-env-override',
  family: 'UPD',
  facts: 'update-config',
  defaultSeverity: 'error',
  title: 'invalid update environment override',
  docs: {
    what:
      '`BOT_AUTO_UPDATE`, `BOT_UPDATE_INTERVAL` or `BOT_UPDATE_CHANNEL`, which override `enabled`, ' +
      "`interval_minutes` and `channel` of the updater's config, holds a value the updater cannot read. " +
      'The finding points at the key the variable overrides.',
    why:
      'A value the updater cannot read (BOT_AUTO_UPDATE=maybe, BOT_UPDATE_INTERVAL=1h, a channel that ' +
      'is not a branch name) makes `slipway update` stop with exit code 2 rather than run with a ' +
      'setting the operator did not mean.',
    fix: 'Fix the variable in the service environment.',
    suppress: commentSuppressDocs('UPD002'),
    examples: [
      updateTomlExample('flagged', UPDATE_TOML, { env: { BOT_UPDATE_INTERVAL: '1h' } }),
      updateTomlExample('fine', UPDATE_TOML, { env: { BOT_UPDATE_INTERVAL: '60' } }),
    ],
  },
  check: ({ ctx, file, text }) => checkEnvOverrides(ctx, file, text),
};

/** UPD002 for each unreadable override in the environment the check runs with. */
export function checkEnvOverrides(ctx: CheckContext, file: string, text: string | undefined): Finding[] {
  const { problems } = readEnvOverrides(ctx.env);
  return problems.map((p) => {
    // Point at the key the variable overrides; without the file, at the policy's `update` section.
    let where: { file: string; range: Range } = {
      file: ctx.policy.file,
      range: ctx.policy.locate(['update'], 'key'),
    };
    if (text !== undefined)
      where = { file, range: locateTomlPath(text, ['update', ENV_OVERRIDES_KEY[p.variable]]) };
    return {
      rule: 'UPD002',
      severity: 'error' as const,
      message: `${p.message}; it overrides \`${ENV_OVERRIDES_KEY[p.variable]}\`, and slipway update refuses to run until it is fixed.`,
      ...where,
    };
  });
}
