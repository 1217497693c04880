import type { Finding } from '../../finding.js';
import { parseUpdateToml } from '../../update/update-toml.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { UpdateConfigRun } from './facts/update-facts.js';

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
    suppress:
      'One finding: `# slipway: allow UPD001 -- reason` on its line or the line above. Every finding: ' +
      '`rules: { UPD001: off }` (or another severity) in the policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'config/update.toml',
        text:
          '[update]\n' +
          'channel = "main"\n' +
          'interval_minutes = "30m"\n' +
          'require_signed_tags = true\n' +
          'allowed_signers = ["3AA5C34371567BD2F0E1B4C6A8D9E2F317B4C6A8"]\n',
      },
      {
        verdict: 'fine',
        file: 'config/update.toml',
        text:
          '[update]\n' +
          'channel = "main"\n' +
          'interval_minutes = 30\n' +
          'require_signed_tags = true\n' +
          'allowed_signers = ["3AA5C34371567BD2F0E1B4C6A8D9E2F317B4C6A8"]\n',
      },
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
