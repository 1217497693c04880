import type { Finding } from '../../finding.js';
import { parseUpdateToml } from '../../update/update-toml.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { UpdateConfigRun } from './facts/update-facts.js';
import { UPDATE_TOML, updateTomlExample } from './facts/examples.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const invalidUpdateConfig: Rule<UpdateConfigRun> = {
  id: 'UPD001',
  name: 'invalid-config',
  family: 'UPD',
  facts: 'update-config',
  defaultSeverity: 'error',
  title: 'invalid update configuration',
  docs: {
    what:
      "The self-updater's config (`update.config` in the policy, e.g. `config/update.toml`) has a " +
      'syntax error, an unknown key or a value of the wrong type. The finding points at the offending ' +
      'key; the message says what the key accepts.',
    why:
      'The updater reads the file before every run; a broken one stops every update, usually unnoticed ' +
      'until a fix cannot ship.',
    fix:
      'Correct the key or value. Keys of [update]: channel, track ("tags" or "branch"), enabled, ' +
      'interval_minutes, auto_restart, require_signed_tags, max_failures_per_day, max_attempts_per_day, ' +
      'remote, profile, health_url, health_timeout_seconds, hook_timeout_seconds, save_command, ' +
      'test_command, quiesce_command, restart_command, resume_command (argv lists), allowed_signers ' +
      '(GPG fingerprints), allowed_signers_file (SSH), persistence_dir, backup_dir, keep_backups, ' +
      'min_save_age_minutes.',
    suppress: commentSuppressDocs('UPD001'),
    examples: [
      updateTomlExample('flagged', UPDATE_TOML.replace('interval_minutes = 30', 'interval_minutes = "30m"')),
      updateTomlExample('fine', UPDATE_TOML),
    ],
  },
  check: ({ ctx, file, text }) => checkUpdateConfig(ctx, file, text),
};

/** UPD001 for each problem in update.toml; also for a configured file that does not exist. */
export function checkUpdateConfig(ctx: CheckContext, file: string, text: string | undefined): Finding[] {
  if (text === undefined) {
    // A symlink leading outside the repository is there but refused unread: say so, not "missing".
    const why = ctx.repo.whyUnread?.(file);
    return [
      {
        rule: 'UPD001',
        severity: 'error',
        message:
          why !== undefined
            ? `${why}; commit the update config itself at update.config.`
            : `${file} does not exist; create it with an [update] table or fix \`update.config\` in the policy.`,
        file: ctx.policy.file,
        range: ctx.policy.locate(['update', 'config']),
      },
    ];
  }
  const parsed = parseUpdateToml(text);
  if (parsed.ok) return [];
  return parsed.problems.map((p) => ({
    rule: 'UPD001',
    severity: 'error',
    message: `invalid ${file}: ${p.message}.`,
    file,
    range: p.range,
  }));
}
