import { z } from 'zod';

/**
 * `config/update.toml`, table `[update]`: the seed 003 keys plus what the update flow needs.
 * Strict, so that a misspelt key is reported at that key instead of being silently ignored.
 */

/** A branch name git accepts and that cannot smuggle an option or a revision range. */
export const channelName = z
  .string()
  .regex(
    /^(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9][A-Za-z0-9._/-]*(?<![./])(?<!\.lock)$/,
    'a channel is a branch name such as "main" or "stable" (letters, digits, ".", "_", "-", "/")',
  );

/** A command as an argv list: never a shell string. */
const command = z.array(z.string().min(1)).min(1, 'a command needs at least the program name');

/** An OpenPGP v4 (40 hex) or v5 (64 hex) fingerprint; spaces allowed, compared upper-case. */
export const gpgFingerprint = z
  .string()
  .regex(
    /^(?:[0-9A-Fa-f]{4} ?){10}$|^(?:[0-9A-Fa-f]{4} ?){16}$/,
    'a signer is a full GPG fingerprint (40 hex digits), e.g. "3AA5 C343 71567BD2 ..."; short key ids are spoofable',
  )
  .transform((s) => s.replace(/ /g, '').toUpperCase());

/**
 * A directory inside the bot's checkout: relative, no "..", so backups cannot escape it.
 * Normalised (`./backups/` is `backups`) because the updater compares these names with the paths
 * it archives and wipes on a rollback: a spelling it did not recognise would be wiped with the code.
 */
const relativeDir = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), {
    message: 'use a path relative to the repository root, without ".."',
  })
  .transform((p) =>
    p
      .split('/')
      .filter((part) => part !== '' && part !== '.')
      .join('/'),
  )
  .refine((p) => p !== '', { message: 'name a directory inside the repository, not the repository root' })
  .refine((p) => p.split('/')[0] !== '.git', { message: 'use a directory outside .git' });

const minutes = (max: number) => z.number().int('use a whole number of minutes').min(1).max(max);

export const updateConfigSchema = z
  .object({
    channel: channelName.default('main').describe('Branch the releases come from ("main", "stable", ...).'),
    track: z
      .enum(['tags', 'branch'])
      .default('tags')
      .describe(
        '"tags": the newest vX.Y.Z tag reachable from the channel; "branch": fast-forward to its head.',
      ),
    enabled: z.boolean().default(true).describe('Whether updates run at all; BOT_AUTO_UPDATE overrides.'),
    interval_minutes: minutes(7 * 24 * 60)
      .default(60)
      .describe('Minutes between update checks (the systemd timer); BOT_UPDATE_INTERVAL overrides.'),
    auto_restart: z
      .boolean()
      .default(true)
      .describe('Run restart_command after applying; false leaves the update as "restart pending".'),
    require_signed_tags: z
      .boolean()
      .default(true)
      .describe('Refuse tags (or commits) without a good signature from allowed_signers.'),
    max_failures_per_day: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(2)
      .describe('Failures per UTC day that open the circuit; it stays open until `slipway update reset`.'),
    max_attempts_per_day: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(3)
      .describe('Update attempts (a backup was taken) per UTC day; the seed\'s "max 3/day".'),
    remote: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a git remote name such as "origin"')
      .default('origin')
      .describe('The git remote releases are fetched from (a read-only deploy key, per the seed).'),
    profile: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a profile is a directory name (letters, digits, ".", "_", "-")')
      .default('default')
      .describe('Profile used when --profile is not given: state lives in <persistence_dir>/<profile>/meta.'),
    health_url: z
      .url({ protocol: /^https?$/, error: 'health_url must be an http:// or https:// URL' })
      .optional()
      .describe('Polled after the restart until it answers 2xx.'),
    health_timeout_seconds: z
      .number()
      .positive()
      .max(3600)
      .default(60)
      .describe(
        'How long health_url may take to turn 2xx after the restart before the update is rolled back.',
      ),
    hook_timeout_seconds: z
      .number()
      .positive()
      .max(24 * 3600)
      .default(600)
      .describe('Time limit of each command (save, test, quiesce, restart, resume); past it the step fails.'),
    save_command: command.optional().describe('Forces a persistence save before the snapshot.'),
    test_command: command
      .optional()
      .describe('Compile/test hook run on the new code, e.g. python -m compileall.'),
    quiesce_command: command.optional().describe('Pauses the trading loop so no state is half written.'),
    restart_command: command
      .optional()
      .describe('Restarts the service, e.g. systemctl restart aibot.service.'),
    resume_command: command.optional().describe('Resumes the trading loop after the restart.'),
    allowed_signers: z
      .array(gpgFingerprint)
      .default([])
      .describe('GPG fingerprints whose signatures are trusted.'),
    allowed_signers_file: z
      .string()
      .min(1)
      .refine((p) => !p.split('/').includes('..'), { message: 'use a path without ".."' })
      .optional()
      .describe(
        'An SSH allowed_signers file (ssh-keygen(1) format) for SSH-signed tags; relative paths start at the repository root.',
      ),
    persistence_dir: relativeDir
      .default('bot_persistence')
      .describe("The bot's state, one directory per profile; backed up with the code, never wiped with it."),
    backup_dir: relativeDir
      .default('backups')
      .describe('Where the pre-flight snapshots go: <backup_dir>/<timestamp>/.'),
    keep_backups: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .describe('Backups kept after a successful update.'),
    min_save_age_minutes: minutes(7 * 24 * 60)
      .optional()
      .describe('The last persistence save must be at most this many minutes old.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    // A rollback restores the persistence directory and then the code from the backup: if one
    // held the other, restoring the first would delete the second.
    const [b, p] = [c.backup_dir, c.persistence_dir];
    if (b === p || b.startsWith(`${p}/`) || p.startsWith(`${b}/`))
      ctx.addIssue({
        code: 'custom',
        path: ['backup_dir'],
        message: `backup_dir "${b}" and persistence_dir "${p}" must be separate directories, neither inside the other`,
      });
  });

export type UpdateConfig = z.output<typeof updateConfigSchema>;
export type UpdateConfigInput = z.input<typeof updateConfigSchema>;

/** The whole file: one `[update]` table. */
export const updateFileSchema = z.object({ update: updateConfigSchema }).strict();
